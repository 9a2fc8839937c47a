package io.multirunnable;

import io.multirunnable.internal.Providers;

/**
 * Builds a {@link SimplePool}. Not thread-safe; the {@link PoolConfig} it makes is.
 *
 * <p>Defaults: workers = number of available processors; name {@code "pool-N"}; no features.
 * The settings ({@code withWorkers}, {@code withName}, {@code withFeature}) are the same as a
 * {@link SimpleExecutorBuilder}'s.
 *
 * @since 0.1
 */
public final class SimplePoolBuilder extends WorkersBuilder<SimplePoolBuilder> {

    SimplePoolBuilder(RunningMode mode) {
        super(mode, Runtime.getRuntime().availableProcessors());
    }

    /**
     * The number of workers (tasks running at once).
     *
     * @throws IllegalArgumentException "workers must be > 0 but was N"
     * @deprecated since 0.2: the same setting as {@link #withWorkers(int)}, which executors and pools now share
     */
    @Deprecated(since = "0.2")
    public SimplePoolBuilder withSize(int size) {
        return withWorkers(size);
    }

    /** The immutable configuration these settings describe. */
    public PoolConfig toConfig() {
        return new PoolConfig(mode, workers, nameOr("pool"), features);
    }

    /** Builds the pool with the installed implementation. */
    public SimplePool build() {
        return Providers.newPool(toConfig());
    }
}
