package io.multirunnable;

import io.multirunnable.internal.Providers;
import java.util.Map;

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
        return Providers.currentWorker();
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

    /**
     * The features of the worker's executor or pool ({@code withFeature(...)}), by name, in the order
     * given; empty outside a worker. Unmodifiable.
     *
     * @since 0.1
     */
    default Map<String, Object> features() {
        return Map.of();
    }

    /**
     * The one feature of the worker's executor or pool that is a {@code type}, e.g.
     * {@code WorkerContext.current().feature(Lock.class)}. Read it on the worker thread: in
     * {@link RunningMode#ASYNCHRONOUS} stages that continue on other threads, read it first and capture it.
     *
     * @throws IllegalStateException "worker 'NAME' has no feature of type Lock (features: [...]); give one to
     *                               its executor or pool with withFeature(...)", or, when several match,
     *                               "worker 'NAME' has 2 features of type Lock [a, b]; ask for one by name
     *                               with feature(name, Lock.class)"
     * @since 0.1
     */
    default <T> T feature(Class<T> type) {
        return Features.byType(this, type);
    }

    /**
     * The feature called {@code name}, which must be a {@code type}.
     *
     * @throws IllegalStateException "worker 'NAME' has no feature named 'x' (features: [...])", or
     *                               "feature 'x' of worker 'NAME' is not a Semaphore but ..."
     * @since 0.1
     */
    default <T> T feature(String name, Class<T> type) {
        return Features.byName(this, name, type);
    }
}
