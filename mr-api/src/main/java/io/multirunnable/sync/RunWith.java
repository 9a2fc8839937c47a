package io.multirunnable.sync;

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
        return runnable(Check.notNull(lock, "lock"), Check.notNull(task, "task"));
    }

    /** {@code task} run while holding {@code lock}; see {@link #lock(Acquirable, Runnable)}. */
    public static <T> Callable<T> lock(Acquirable lock, Callable<T> task) {
        return callable(Check.notNull(lock, "lock"), Check.notNull(task, "task"));
    }

    /** {@code task} applied while holding {@code lock}; see {@link #lock(Acquirable, Runnable)}. */
    public static <I, O> Function<I, O> lock(Acquirable lock, Function<I, O> task) {
        return function(Check.notNull(lock, "lock"), Check.notNull(task, "task"));
    }

    /** {@code task} evaluated while holding {@code lock}; see {@link #lock(Acquirable, Runnable)}. */
    public static <T> Supplier<T> lockSupplier(Acquirable lock, Supplier<T> task) {
        return supplier(Check.notNull(lock, "lock"), Check.notNull(task, "task"));
    }

    /**
     * {@code task} run while holding a permit of {@code semaphore} (or of a {@link BoundedSemaphore}).
     *
     * @throws IllegalArgumentException "semaphore must not be null" / "task must not be null"
     */
    public static Runnable semaphore(Semaphore semaphore, Runnable task) {
        return runnable(Check.notNull(semaphore, "semaphore"), Check.notNull(task, "task"));
    }

    /** {@code task} run while holding a permit; see {@link #semaphore(Semaphore, Runnable)}. */
    public static <T> Callable<T> semaphore(Semaphore semaphore, Callable<T> task) {
        return callable(Check.notNull(semaphore, "semaphore"), Check.notNull(task, "task"));
    }

    /** {@code task} applied while holding a permit; see {@link #semaphore(Semaphore, Runnable)}. */
    public static <I, O> Function<I, O> semaphore(Semaphore semaphore, Function<I, O> task) {
        return function(Check.notNull(semaphore, "semaphore"), Check.notNull(task, "task"));
    }

    /** {@code task} evaluated while holding a permit; see {@link #semaphore(Semaphore, Runnable)}. */
    public static <T> Supplier<T> semaphoreSupplier(Semaphore semaphore, Supplier<T> task) {
        return supplier(Check.notNull(semaphore, "semaphore"), Check.notNull(task, "task"));
    }

    // The wrappers release the primitive directly rather than through a Guard: no allocation on
    // the uncontended path (tryAcquire first), which keeps them as cheap as raw lock/unlock.

    private static Runnable runnable(Acquirable p, Runnable task) {
        return () -> {
            acquireOrCancel(p);
            try {
                task.run();
            } finally {
                p.release();
            }
        };
    }

    private static <T> Callable<T> callable(Acquirable p, Callable<T> task) {
        return () -> {
            acquire(p);
            try {
                return task.call();
            } finally {
                p.release();
            }
        };
    }

    private static <I, O> Function<I, O> function(Acquirable p, Function<I, O> task) {
        return input -> {
            acquireOrCancel(p);
            try {
                return task.apply(input);
            } finally {
                p.release();
            }
        };
    }

    private static <T> Supplier<T> supplier(Acquirable p, Supplier<T> task) {
        return () -> {
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
