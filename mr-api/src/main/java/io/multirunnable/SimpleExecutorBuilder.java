package io.multirunnable;

import io.multirunnable.internal.Providers;

/**
 * Builds a {@link SimpleExecutor}. Not thread-safe; the {@link ExecutorConfig} it makes is.
 *
 * <p>Defaults: 1 worker; name {@code "executor-N"} with N a process-wide counter; no features.
 * The settings ({@code withWorkers}, {@code withName}, {@code withFeature}) are the same as a
 * {@link SimplePoolBuilder}'s.
 *
 * @since 0.1
 */
public final class SimpleExecutorBuilder extends WorkersBuilder<SimpleExecutorBuilder> {

    SimpleExecutorBuilder(RunningMode mode) {
        super(mode, 1);
    }

    /** The immutable configuration these settings describe. */
    public ExecutorConfig toConfig() {
        return new ExecutorConfig(mode, workers, nameOr("executor"), features);
    }

    /** Builds the executor with the installed implementation. */
    public SimpleExecutor build() {
        return Providers.newExecutor(toConfig());
    }
}
