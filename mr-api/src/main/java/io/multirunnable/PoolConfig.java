package io.multirunnable;

import io.multirunnable.internal.Check;

/**
 * The immutable settings of a {@link SimplePool}, made by {@link SimplePoolBuilder}.
 *
 * @param mode the running mode
 * @param size the number of workers, {@code > 0}
 * @param name the pool's name, the prefix of worker names
 * @since 0.1
 */
public record PoolConfig(RunningMode mode, int size, String name) {
    /** Validates the settings. */
    public PoolConfig {
        Check.notNull(mode, "mode");
        Check.positive(size, "size");
        Check.notBlank(name, "name");
    }
}
