package io.multirunnable.sync;

import io.multirunnable.WorkerContext;
import io.multirunnable.internal.Check;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Wrappers that run a task while holding a primitive — the Java form of the Python original's
 * {@code @RunWith.Lock} decorators. Each returns a new task that acquires, runs the original and
 * releases (also when it throws); hand it to an executor or call it yourself:
 *
 * <pre>{@code
 * Callable<Integer> guarded = RunWith.lock(lock, () -> counter.incrementAndGet());
 * executor.run(guarded);
 * Function<String, Integer> limited = RunWith.semaphore(slots, url -> fetch(url));
 * }</pre>
 *
 * <p>Waiting: the wrapper waits without limit. If the thread is interrupted while waiting, a
 * {@link Callable} wrapper throws {@link InterruptedException}; {@link Runnable}, {@link Supplier}
 * and {@link Function} wrappers, which cannot, restore the interrupt flag and throw
 * {@link CancellationException} (as {@code SimplePool.imap}'s iterator does). Nothing runs then.
 *
 * <p>Forms without a primitive ({@code RunWith.lock(task)}, {@code rlock(task)}, {@code semaphore(task)},
 * since 0.2) are the original's argument-less {@code @RunWith.Lock}: each time the task runs it
 * takes the primitive from the running worker's features ({@code withFeature(...)} of its executor or
 * pool, see {@link io.multirunnable.WorkerContext#feature(Class)}).
 *
 * <p>Supplier wrappers have their own names ({@link #lockSupplier}, {@link #semaphoreSupplier}):
 * a lambda such as {@code () -> 42} fits both {@code Callable} and {@code Supplier}, so one name
 * for both would not compile.
 *
 * @since 0.1
 */
public final class RunWith {
    private RunWith() {
    }

    /**
     * {@code task} run while holding {@code lock} (any {@link Acquirable}: {@link Lock}, {@link RLock},
     * {@link Condition}, ...).
     *
     * @throws IllegalArgumentException "lock must not be null" / "task must not be null"
     */
    public static Runnable lock(Acquirable lock, Runnable task) {
        return runnable(constant(Check.notNull(lock, "lock")), Check.notNull(task, "task"));
    }

    /** {@code task} run while holding {@code lock}; see {@link #lock(Acquirable, Runnable)}. */
    public static <T> Callable<T> lock(Acquirable lock, Callable<T> task) {
        return callable(constant(Check.notNull(lock, "lock")), Check.notNull(task, "task"));
    }

    /** {@code task} applied while holding {@code lock}; see {@link #lock(Acquirable, Runnable)}. */
    public static <I, O> Function<I, O> lock(Acquirable lock, Function<I, O> task) {
        return function(constant(Check.notNull(lock, "lock")), Check.notNull(task, "task"));
    }

    /** {@code task} evaluated while holding {@code lock}; see {@link #lock(Acquirable, Runnable)}. */
    public static <T> Supplier<T> lockSupplier(Acquirable lock, Supplier<T> task) {
        return supplier(constant(Check.notNull(lock, "lock")), Check.notNull(task, "task"));
    }

    /**
     * {@code task} run while holding a permit of {@code semaphore} (or of a {@link BoundedSemaphore}).
     *
     * @throws IllegalArgumentException "semaphore must not be null" / "task must not be null"
     */
    public static Runnable semaphore(Semaphore semaphore, Runnable task) {
        return runnable(constant(Check.notNull(semaphore, "semaphore")), Check.notNull(task, "task"));
    }

    /** {@code task} run while holding a permit; see {@link #semaphore(Semaphore, Runnable)}. */
    public static <T> Callable<T> semaphore(Semaphore semaphore, Callable<T> task) {
        return callable(constant(Check.notNull(semaphore, "semaphore")), Check.notNull(task, "task"));
    }

    /** {@code task} applied while holding a permit; see {@link #semaphore(Semaphore, Runnable)}. */
    public static <I, O> Function<I, O> semaphore(Semaphore semaphore, Function<I, O> task) {
        return function(constant(Check.notNull(semaphore, "semaphore")), Check.notNull(task, "task"));
    }

    /** {@code task} evaluated while holding a permit; see {@link #semaphore(Semaphore, Runnable)}. */
    public static <T> Supplier<T> semaphoreSupplier(Semaphore semaphore, Supplier<T> task) {
        return supplier(constant(Check.notNull(semaphore, "semaphore")), Check.notNull(task, "task"));
    }

    // ---------------------------------------------------------------- from the worker's features

    /**
     * {@code task} run while holding the {@link Lock} its worker was given as a feature
     * ({@code withFeature(...)} of the executor or pool): the Python original's {@code @RunWith.Lock}
     * with no argument. The lock is looked up each time the task runs, on the running thread, so one
     * wrapper serves every executor it is handed to.
     *
     * @throws IllegalArgumentException "task must not be null"
     * @throws IllegalStateException    when run, if the worker has no Lock feature, or several
     *                                  (see {@link WorkerContext#feature(Class)}); nothing runs then
     * @since 0.2
     */
    public static Runnable lock(Runnable task) {
        return runnable(() -> feature(Lock.class), Check.notNull(task, "task"));
    }

    /** {@code task} run while holding its worker's {@link Lock} feature; see {@link #lock(Runnable)}. @since 0.2 */
    public static <T> Callable<T> lock(Callable<T> task) {
        return callable(() -> feature(Lock.class), Check.notNull(task, "task"));
    }

    /** {@code task} applied while holding its worker's {@link Lock} feature; see {@link #lock(Runnable)}. @since 0.2 */
    public static <I, O> Function<I, O> lock(Function<I, O> task) {
        return function(() -> feature(Lock.class), Check.notNull(task, "task"));
    }

    /** {@code task} evaluated while holding its worker's {@link Lock} feature; see {@link #lock(Runnable)}. @since 0.2 */
    public static <T> Supplier<T> lockSupplier(Supplier<T> task) {
        return supplier(() -> feature(Lock.class), Check.notNull(task, "task"));
    }

    /**
     * {@code task} run while holding its worker's {@link RLock} feature: the original's
     * {@code @RunWith.RLock}; see {@link #lock(Runnable)}.
     *
     * @since 0.2
     */
    public static Runnable rlock(Runnable task) {
        return runnable(() -> feature(RLock.class), Check.notNull(task, "task"));
    }

    /** {@code task} run while holding its worker's {@link RLock} feature; see {@link #rlock(Runnable)}. @since 0.2 */
    public static <T> Callable<T> rlock(Callable<T> task) {
        return callable(() -> feature(RLock.class), Check.notNull(task, "task"));
    }

    /**
     * {@code task} run while holding a permit of its worker's {@link Semaphore} feature (a
     * {@link BoundedSemaphore} counts): the original's {@code @RunWith.Semaphore} and
     * {@code @RunWith.Bounded_Semaphore}; see {@link #lock(Runnable)}.
     *
     * @since 0.2
     */
    public static Runnable semaphore(Runnable task) {
        return runnable(() -> feature(Semaphore.class), Check.notNull(task, "task"));
    }

    /** {@code task} run while holding a permit of its worker's {@link Semaphore} feature; see {@link #semaphore(Runnable)}. @since 0.2 */
    public static <T> Callable<T> semaphore(Callable<T> task) {
        return callable(() -> feature(Semaphore.class), Check.notNull(task, "task"));
    }

    /** {@code task} applied while holding a permit of its worker's {@link Semaphore} feature; see {@link #semaphore(Runnable)}. @since 0.2 */
    public static <I, O> Function<I, O> semaphore(Function<I, O> task) {
        return function(() -> feature(Semaphore.class), Check.notNull(task, "task"));
    }

    /** {@code task} evaluated while holding a permit of its worker's {@link Semaphore} feature; see {@link #semaphore(Runnable)}. @since 0.2 */
    public static <T> Supplier<T> semaphoreSupplier(Supplier<T> task) {
        return supplier(() -> feature(Semaphore.class), Check.notNull(task, "task"));
    }

    private static Supplier<Acquirable> constant(Acquirable primitive) {
        return () -> primitive;
    }

    private static <P extends Acquirable> P feature(Class<P> type) {
        return WorkerContext.current().feature(type);
    }

    // The wrappers release the primitive directly rather than through a Guard: no allocation on
    // the uncontended path (tryAcquire first), which keeps them as cheap as raw lock/unlock. The
    // primitive comes from a supplier so that the feature forms find theirs when the task runs.

    private static Runnable runnable(Supplier<? extends Acquirable> source, Runnable task) {
        return () -> {
            Acquirable p = source.get();
            acquireOrCancel(p);
            try {
                task.run();
            } finally {
                p.release();
            }
        };
    }

    private static <T> Callable<T> callable(Supplier<? extends Acquirable> source, Callable<T> task) {
        return () -> {
            Acquirable p = source.get();
            acquire(p);
            try {
                return task.call();
            } finally {
                p.release();
            }
        };
    }

    private static <I, O> Function<I, O> function(Supplier<? extends Acquirable> source, Function<I, O> task) {
        return input -> {
            Acquirable p = source.get();
            acquireOrCancel(p);
            try {
                return task.apply(input);
            } finally {
                p.release();
            }
        };
    }

    private static <T> Supplier<T> supplier(Supplier<? extends Acquirable> source, Supplier<T> task) {
        return () -> {
            Acquirable p = source.get();
            acquireOrCancel(p);
            try {
                return task.get();
            } finally {
                p.release();
            }
        };
    }

    /**
     * Acquires {@code p}: at once if free, else waiting (the returned guard is not needed). An
     * interrupted thread goes through {@code acquire()} so it throws, as a blocking acquire does.
     */
    private static void acquire(Acquirable p) throws InterruptedException {
        if (Thread.currentThread().isInterrupted() || !p.tryAcquire()) {
            p.acquire();
        }
    }

    /** {@link #acquire} for tasks that cannot throw InterruptedException: an interrupt cancels the task. */
    private static void acquireOrCancel(Acquirable p) {
        try {
            acquire(p);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            CancellationException c = new CancellationException("interrupted while waiting for '" + p.name() + "'");
            c.initCause(e);
            throw c;
        }
    }
}
