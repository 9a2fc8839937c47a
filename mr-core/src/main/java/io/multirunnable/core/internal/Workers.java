package io.multirunnable.core.internal;

import io.multirunnable.RunningMode;
import io.multirunnable.WorkerContext;
import io.multirunnable.WorkerResult;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

/** Worker identity (a thread-local for the duration of a task) and the one place tasks are run. */
final class Workers {
    private static final ThreadLocal<Worker> CURRENT = new ThreadLocal<>();

    private Workers() {
    }

    static WorkerContext current() {
        Worker w = CURRENT.get();
        return w != null ? w : new PlainThread(Thread.currentThread());
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
        Instant start = Instant.now();
        T value = null;
        Throwable error = null;
        try {
            value = work.call(index);
        } catch (VirtualMachineError fatal) {
            if (!(fatal instanceof StackOverflowError)) {
                throw fatal;
            }
            error = fatal;
        } catch (Throwable t) {
            error = t;
        }
        return new WorkerResult<>(worker.name, worker.id, worker.parent, index, value, error, start, Instant.now());
    }

    /** Makes {@code worker} the calling thread's context and counts it active; returns the context to restore. */
    static Worker enter(Worker worker) {
        Worker previous = CURRENT.get();
        CURRENT.set(worker);
        worker.active.incrementAndGet();
        return previous;
    }

    /** Undoes {@link #enter}. */
    static void leave(Worker worker, Worker previous) {
        worker.active.decrementAndGet();
        if (previous == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(previous);
        }
    }

    /**
     * A worker of an executor or pool; {@code features} are its executor's or pool's (shared, unmodifiable).
     * A class, not a record, so that an executor's batch part can be its own worker context (one object per
     * worker instead of two: it matters with 100,000 virtual threads).
     */
    static class Worker implements WorkerContext {
        private final String name;
        private final long id;
        private final String parent;
        private final RunningMode mode;
        private final AtomicInteger active;
        private final Map<String, Object> features;

        Worker(String name, long id, String parent, RunningMode mode, AtomicInteger active,
               Map<String, Object> features) {
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
        public int activeCount() {
            return active.get();
        }

        @Override
        public boolean isWorker() {
            return true;
        }

        @Override
        public String toString() {
            return "Worker[" + name + ", id=" + id + ", parent=" + parent + ", " + mode + "]";
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
