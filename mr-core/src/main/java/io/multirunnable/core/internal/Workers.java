package io.multirunnable.core.internal;

import io.multirunnable.RunningMode;
import io.multirunnable.WorkerContext;
import io.multirunnable.WorkerResult;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Worker identity and the one place tasks are run.
 *
 * <p>Why a thread-local: {@code WorkerContext.current()} is a static call from user code, with nothing
 * but the current thread to go on. The context is set for the duration of a task or worker loop and
 * restored (not just removed) afterwards, because a task may run another batch inline on the same
 * thread (a fork-join worker helping, a nested {@code run} on a pool loop): the inner worker must not
 * erase the outer one. {@code active} (each executor's or pool's count of running workers) is
 * incremented and decremented around the same region, so {@code activeCount()} counts workers that are
 * inside a task or loop, not threads that exist.
 *
 * <p>Task failures never escape {@link #call}: every {@code Throwable} is kept in the result, except JVM
 * errors other than {@code StackOverflowError} (out of memory, internal errors), which would make any
 * further work in that JVM meaningless. A stack overflow is local to the task, so it is a result too.
 */
final class Workers {
    private static final ThreadLocal<Worker> CURRENT = new ThreadLocal<>();

    private Workers() {
    }

    /*
     * Owned threads. Executor parts on CONCURRENT and GREEN_THREAD run on a thread that is theirs for the
     * whole part (a virtual thread started for it, or a cached platform thread between two idle waits).
     * A thread-local there would create a ThreadLocalMap (about 136 bytes) on every fresh virtual thread,
     * and a Thread -> Worker map costs a node (32 bytes) plus table growth per part: 100,000 of each for a
     * 100,000-worker run. Instead the part registers itself as the thread's uncaught-exception handler, a
     * field every Thread already has: one volatile write, nothing allocated. The handler only forwards to
     * the thread group (what the JVM does when no handler is set), and it is cleared when the part ends,
     * before the thread can run anything else. A task that installs its own handler hides its worker
     * context from WorkerContext.current() for the rest of that part; documented on the executor.
     */

    static WorkerContext current() {
        Thread t = Thread.currentThread();
        if (t.getUncaughtExceptionHandler() instanceof Worker w) {
            return w;
        }
        Worker w = CURRENT.get();
        return w != null ? w : new PlainThread(t);
    }

    /** {@link #enter} for a thread the part owns until {@link #leaveOwned}; allocates nothing. */
    static void enterOwned(Worker worker) {
        Thread.currentThread().setUncaughtExceptionHandler(worker);
        worker.active().incrementAndGet();
    }

    /** {@code true} if {@code t} carries an owned worker context now (tests: none may outlive its part). */
    static boolean hasOwnedContext(Thread t) {
        return t.getUncaughtExceptionHandler() instanceof Worker;
    }

    static void leaveOwned(Worker worker) {
        worker.active().decrementAndGet();
        Thread.currentThread().setUncaughtExceptionHandler(null);
    }

    /**
     * Runs {@code task} as {@code worker}, capturing value or exception and timing. Never throws
     * for a task failure; only JVM-fatal errors (other than stack overflow) escape.
     */
    static <T> WorkerResult<T> run(Worker worker, int index, Callable<? extends T> task) {
        Worker previous = enter(worker);
        try {
            return call(worker, index, i -> task.call());
        } finally {
            leave(worker, previous);
        }
    }

    /**
     * Calls {@code work} for {@code index}, capturing value or exception and timing; the caller has
     * {@linkplain #enter entered} the worker's context, once for a whole loop of tasks, so a loop of
     * many small tasks ({@code map}) pays for the thread-local and the active count once, not per task.
     */
    static <T> WorkerResult<T> call(Worker worker, int index, Batch.Work<? extends T> work) {
        return new Laps().call(worker, index, work);
    }

    /**
     * Times a loop of tasks run one after another on one thread with one clock read per task, not two: a
     * task starts when the previous one ended (the first when the loop began). The gap between two tasks
     * is the loop's own bookkeeping, tens of nanoseconds. The second read per task cost more than the raw
     * JDK's whole per-task overhead: ASYNCHRONOUS {@code map} of 1,000 tiny tasks went from 149 to 106 µs
     * (ExecutorBench, raw {@code supplyAsync} 140-168 µs). One per loop, used by one thread.
     */
    static final class Laps {
        private long lap = WorkerResult.nowEpochNanos();

        /** {@link #call(Worker, int, Batch.Work)}, with the start taken from the previous task's end. */
        <T> WorkerResult<T> call(Worker worker, int index, Batch.Work<? extends T> work) {
            long start = lap;
            T value = null;
            Throwable error = null;
            try {
                value = work.call(index);
            } catch (Throwable t) {
                error = kept(t);
            }
            long end = WorkerResult.nowEpochNanos();
            lap = end;
            return new WorkerResult<>(worker, index, value, error, start, end);
        }
    }

    /**
     * What a task threw, to keep in its result; rethrows JVM-fatal errors other than a stack overflow (after
     * an out-of-memory or internal error the JVM cannot be trusted to go on; a stack overflow is the task's
     * own, and its frames are already unwound). Called from the catch block, so it adds no frame under a
     * running task.
     */
    static Throwable kept(Throwable t) {
        if (t instanceof VirtualMachineError fatal && !(fatal instanceof StackOverflowError)) {
            throw fatal;
        }
        return t;
    }

    /** Makes {@code worker} the calling thread's context and counts it active; returns the context to restore. */
    static Worker enter(Worker worker) {
        Worker previous = CURRENT.get();
        CURRENT.set(worker);
        worker.active().incrementAndGet();
        return previous;
    }

    /** Undoes {@link #enter}. */
    static void leave(Worker worker, Worker previous) {
        worker.active().decrementAndGet();
        if (previous == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(previous);
        }
    }

    /**
     * A worker of an executor or pool. Abstract so that an executor's batch part can be its own worker
     * context with only the fields it needs (one small object per worker: it matters with 100,000 virtual
     * threads). It is also an {@link Thread.UncaughtExceptionHandler}, only so that it can be found from an
     * owned thread ({@link #enterOwned}); as a handler it does what the JVM does without one.
     */
    abstract static class Worker implements WorkerContext, Thread.UncaughtExceptionHandler {
        /** The executor's or pool's count of workers inside a task. */
        abstract AtomicInteger active();

        /** Called by a batch part's last step, just before the batch counts the part done; nothing by default. */
        void partEnding() {
        }

        @Override
        public int activeCount() {
            return active().get();
        }

        @Override
        public boolean isWorker() {
            return true;
        }

        @Override
        public void uncaughtException(Thread t, Throwable e) {
            ThreadGroup g = t.getThreadGroup();
            if (g != null) {
                g.uncaughtException(t, e);
            } else {
                e.printStackTrace();
            }
        }

        @Override
        public String toString() {
            return "Worker[" + name() + ", id=" + id() + ", parent=" + parent() + ", " + mode() + "]";
        }
    }

    /** A worker with every attribute stored: pool workers, {@code runAsync} workers. */
    static final class Named extends Worker {
        private final String name;
        private final long id;
        private final String parent;
        private final RunningMode mode;
        private final AtomicInteger active;
        private final Map<String, Object> features;

        Named(String name, long id, String parent, RunningMode mode, AtomicInteger active, Map<String, Object> features) {
            this.name = name;
            this.id = id;
            this.parent = parent;
            this.mode = mode;
            this.active = active;
            this.features = features;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public long id() {
            return id;
        }

        @Override
        public String parent() {
            return parent;
        }

        @Override
        public RunningMode mode() {
            return mode;
        }

        @Override
        public Map<String, Object> features() {
            return features;
        }

        @Override
        AtomicInteger active() {
            return active;
        }
    }

    /** Any thread that is not a worker. */
    record PlainThread(String name, long id) implements WorkerContext {
        PlainThread(Thread t) {
            this(t.getName(), t.threadId());
        }

        @Override
        public String parent() {
            return null;
        }

        @Override
        public int activeCount() {
            return 0;
        }

        @Override
        public RunningMode mode() {
            return null;
        }

        @Override
        public boolean isWorker() {
            return false;
        }
    }
}
