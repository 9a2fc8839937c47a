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
            return call(worker, index, task);
        } finally {
            leave(worker, previous);
        }
    }

    /**
     * Runs {@code loop} as {@code worker}: the context is set and the worker counted active once for
     * the whole loop, so a loop of many small tasks ({@code map}) pays for it once, not per task.
     * Inside, run each task with {@link #call}.
     */
    static void runAs(Worker worker, Runnable loop) {
        Worker previous = enter(worker);
        try {
            loop.run();
        } finally {
            leave(worker, previous);
        }
    }

    /** Calls {@code task}, capturing value or exception and timing; the caller has entered the worker's context. */
    static <T> WorkerResult<T> call(Worker worker, int index, Callable<? extends T> task) {
        Instant start = Instant.now();
        T value = null;
        Throwable error = null;
        try {
            value = task.call();
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

    private static Worker enter(Worker worker) {
        Worker previous = CURRENT.get();
        CURRENT.set(worker);
        worker.active.incrementAndGet();
        return previous;
    }

    private static void leave(Worker worker, Worker previous) {
        worker.active.decrementAndGet();
        if (previous == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(previous);
        }
    }

    /** A worker of an executor or pool; {@code features} are its executor's or pool's (shared, unmodifiable). */
    record Worker(String name, long id, String parent, RunningMode mode, AtomicInteger active,
                  Map<String, Object> features) implements WorkerContext {
        Worker(String name, long id, String parent, RunningMode mode, AtomicInteger active) {
            this(name, id, parent, mode, active, Map.of());
        }

        @Override
        public int activeCount() {
            return active.get();
        }

        @Override
        public boolean isWorker() {
            return true;
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
