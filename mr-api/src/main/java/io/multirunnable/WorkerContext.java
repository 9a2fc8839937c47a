package io.multirunnable;

import io.multirunnable.spi.RunnerProvider;

/**
 * What a task can ask about the worker running it: name, id, parent, and how many workers of
 * its executor or pool are active right now.
 *
 * <p>Outside a worker, {@link #current()} describes the calling thread: {@link #isWorker()} is
 * {@code false}, the id is the thread id and {@link #activeCount()} is 0.
 *
 * <p>Instances are snapshots except {@link #activeCount()}, which is read live. Thread-safe.
 *
 * @since 0.1
 */
public interface WorkerContext {

    /** The context of the worker running the calling code. Never {@code null}. */
    static WorkerContext current() {
        return RunnerProvider.installed().currentWorker();
    }

    /** The worker's name, e.g. {@code "executor-1-worker-3"}, or the thread name outside a worker. */
    String name();

    /** The worker's id within its executor or pool (from 1), or the thread id outside a worker. */
    long id();

    /** The name of the thread that started this worker, or {@code null} outside a worker. */
    String parent();

    /** How many workers of the same executor or pool are running a task now (0 outside a worker). */
    int activeCount();

    /** The running mode of the worker's executor or pool, or {@code null} outside a worker. */
    RunningMode mode();

    /** {@code true} when called from inside an executor or pool worker. */
    boolean isWorker();
}
