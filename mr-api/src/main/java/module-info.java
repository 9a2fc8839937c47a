/**
 * MultiRunnable API: running modes, executors and pools, worker context, and the service
 * provider interfaces that implementation modules (such as {@code io.multirunnable.core})
 * provide. This module has no third-party dependencies.
 *
 * <p>Entry points: {@link io.multirunnable.SimpleExecutor}, {@link io.multirunnable.SimplePool},
 * {@link io.multirunnable.WorkerContext}, {@link io.multirunnable.MultiRunnable},
 * {@link io.multirunnable.retry.Retry},
 * {@link io.multirunnable.sync.Sync} (locks, semaphores, events, conditions) and
 * {@link io.multirunnable.sync.RunWith}.
 */
module io.multirunnable.api {
    exports io.multirunnable;
    exports io.multirunnable.spi;
    exports io.multirunnable.retry;
    exports io.multirunnable.retry.spi;
    exports io.multirunnable.sync;
    exports io.multirunnable.sync.spi;
    // Shared helpers (argument checks, plugin loading) for exactly the modules that import them
    // (InternalExportsTest keeps this list and the imports in step).
    exports io.multirunnable.internal to
            io.multirunnable.core,
            io.multirunnable.sync.redis,
            io.multirunnable.distributed.redis,
            io.multirunnable.persistence,
            io.multirunnable.fao;

    uses io.multirunnable.spi.RunnerProvider;
    uses io.multirunnable.retry.spi.RetryProvider;
    uses io.multirunnable.sync.spi.SyncProvider;
}
