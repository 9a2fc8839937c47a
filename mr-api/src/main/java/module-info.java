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
    // Shared helpers (argument checks, plugin loading) for our own modules only.
    exports io.multirunnable.internal to
            io.multirunnable.core,
            io.multirunnable.sync.redis,
            io.multirunnable.distributed.redis,
            io.multirunnable.persistence,
            io.multirunnable.persistence.mysql,
            io.multirunnable.persistence.postgres,
            io.multirunnable.persistence.sqlite,
            io.multirunnable.fao,
            io.multirunnable.fao.excel;

    uses io.multirunnable.spi.RunnerProvider;
    uses io.multirunnable.retry.spi.RetryProvider;
    uses io.multirunnable.sync.spi.SyncProvider;
}
