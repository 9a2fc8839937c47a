package io.multirunnable.internal;

import io.multirunnable.ExecutorConfig;
import io.multirunnable.PoolConfig;
import io.multirunnable.SimpleExecutor;
import io.multirunnable.SimplePool;
import io.multirunnable.WorkerContext;
import io.multirunnable.retry.Retry;
import io.multirunnable.retry.RetryPolicy;
import io.multirunnable.retry.spi.RetryProvider;
import io.multirunnable.spi.RunnerProvider;
import io.multirunnable.sync.spi.SyncProvider;
import java.util.ServiceLoader;

/**
 * The registries of the API module's own services, and the only place where API types reach
 * an SPI. Keeping that bridge here is what keeps the SPI interfaces free of look-up code and
 * the API and SPI types free of import circles: an SPI names API types, an API type names this
 * class, and the loop is closed at run time by {@link ServiceLoader}, not by an import.
 */
public final class Providers {
    private static final String CORE = "io.multirunnable.core (Maven artifact io.multirunnable:mr-core)";
    /** The name of the JDK-only providers in {@code io.multirunnable.core}, preferred when no property says otherwise. */
    public static final String LOCAL = "local";

    private static final PluginRegistry<RunnerProvider> RUNNERS = new PluginRegistry<>(RunnerProvider.class,
            RunnerProvider::name, () -> Plugins.loadAll(ServiceLoader.load(RunnerProvider.class), RunnerProvider.class),
            RunnerProvider.PROPERTY, LOCAL, CORE);
    private static final PluginRegistry<RetryProvider> RETRIES = new PluginRegistry<>(RetryProvider.class,
            RetryProvider::name, () -> Plugins.loadAll(ServiceLoader.load(RetryProvider.class), RetryProvider.class),
            RetryProvider.PROPERTY, LOCAL, CORE);
    private static final PluginRegistry<SyncProvider> SYNCS = new PluginRegistry<>(SyncProvider.class,
            SyncProvider::name, () -> Plugins.loadAll(ServiceLoader.load(SyncProvider.class), SyncProvider.class),
            SyncProvider.PROPERTY, LOCAL, CORE);

    private Providers() {
    }

    /** The runner providers ({@value RunnerProvider#PROPERTY}). */
    public static PluginRegistry<RunnerProvider> runners() {
        return RUNNERS;
    }

    /** The retry engines ({@value RetryProvider#PROPERTY}). */
    public static PluginRegistry<RetryProvider> retries() {
        return RETRIES;
    }

    /** The sync providers ({@value SyncProvider#PROPERTY}). */
    public static PluginRegistry<SyncProvider> syncs() {
        return SYNCS;
    }

    /** A new executor made by the selected runner provider. */
    public static SimpleExecutor newExecutor(ExecutorConfig config) {
        return RUNNERS.selected().newExecutor(config);
    }

    /** A new pool made by the selected runner provider. */
    public static SimplePool newPool(PoolConfig config) {
        return RUNNERS.selected().newPool(config);
    }

    /** The calling worker's context, from the selected runner provider. */
    public static WorkerContext currentWorker() {
        return RUNNERS.selected().currentWorker();
    }

    /** A retry made by the selected retry engine. */
    public static <T> Retry<T> newRetry(RetryPolicy<T> policy) {
        return RETRIES.selected().newRetry(policy);
    }
}
