package io.multirunnable;

import io.multirunnable.internal.Check;
import io.multirunnable.spi.RunnerProvider;

/**
 * Builds a {@link SimpleExecutor}. Not thread-safe; the {@link ExecutorConfig} it makes is.
 *
 * <p>Defaults: 1 worker; name {@code "executor-N"} with N a process-wide counter.
 *
 * @since 0.1
 */
public final class SimpleExecutorBuilder {
    private final RunningMode mode;
    private int workers = 1;
    private String name;

    SimpleExecutorBuilder(RunningMode mode) {
        this.mode = Check.notNull(mode, "mode");
    }

    /**
     * The number of workers.
     *
     * @throws IllegalArgumentException if {@code workers <= 0}
     */
    public SimpleExecutorBuilder withWorkers(int workers) {
        this.workers = Check.positive(workers, "workers");
        return this;
    }

    /**
     * The executor's name, the prefix of its worker names ({@code name-worker-3}).
     *
     * @throws IllegalArgumentException if {@code name} is null or blank
     */
    public SimpleExecutorBuilder withName(String name) {
        this.name = Check.notBlank(name, "name");
        return this;
    }

    /** The immutable configuration these settings describe. */
    public ExecutorConfig toConfig() {
        return new ExecutorConfig(mode, workers, name == null ? ExecutorConfig.nextName("executor") : name);
    }

    /** Builds the executor with the installed implementation. */
    public SimpleExecutor build() {
        return RunnerProvider.installed().newExecutor(toConfig());
    }
}
