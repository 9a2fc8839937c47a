/**
 * MultiRunnable's JDK-only implementation: executors and pools for every running mode,
 * the retry engine and the local synchronization primitives (SyncProvider "local").
 * Add it to the module path (or class path); the API finds it with ServiceLoader. It exports
 * nothing: use the {@code io.multirunnable.api} types.
 */
module io.multirunnable.core {
    requires transitive io.multirunnable.api;

    provides io.multirunnable.spi.RunnerProvider with io.multirunnable.core.internal.LocalRunnerProvider;
    provides io.multirunnable.retry.spi.RetryProvider with io.multirunnable.core.internal.retry.LocalRetryProvider;
    provides io.multirunnable.sync.spi.SyncProvider with io.multirunnable.core.internal.sync.LocalSyncProvider;
}
