package io.multirunnable;

import io.multirunnable.internal.Check;
import io.multirunnable.spi.RunnerProvider;

/**
 * Builds a {@link SimplePool}. Not thread-safe; the {@link PoolConfig} it makes is.
 *
 * <p>Defaults: size = number of available processors; name {@code "pool-N"}.
 *
 * @since 0.1
 */
public final class SimplePoolBuilder {
    private final RunningMode mode;
    private int size = Runtime.getRuntime().availableProcessors();
    private String name;

    SimplePoolBuilder(RunningMode mode) {
        this.mode = Check.notNull(mode, "mode");
    }

    /**
     * The number of workers (tasks running at once).
     *
     * @throws IllegalArgumentException if {@code size <= 0}
     */
    public SimplePoolBuilder withSize(int size) {
        this.size = Check.positive(size, "size");
        return this;
    }

    /**
     * The pool's name, the prefix of its worker names.
     *
     * @throws IllegalArgumentException if {@code name} is null or blank
     */
    public SimplePoolBuilder withName(String name) {
        this.name = Check.notBlank(name, "name");
        return this;
    }

    /** The immutable configuration these settings describe. */
    public PoolConfig toConfig() {
        return new PoolConfig(mode, size, name == null ? ExecutorConfig.nextName("pool") : name);
    }

    /** Builds the pool with the installed implementation. */
    public SimplePool build() {
        return RunnerProvider.installed().newPool(toConfig());
    }
}
