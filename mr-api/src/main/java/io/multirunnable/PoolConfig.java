package io.multirunnable;

import io.multirunnable.internal.Check;
import java.util.Map;

/**
 * The immutable settings of a {@link SimplePool}, made by {@link SimplePoolBuilder}.
 *
 * @param mode the running mode
 * @param size the number of workers, {@code > 0}
 * @param name     the pool's name, the prefix of worker names
 * @param features objects shared by all workers (sync primitives, ...), by name, in the order given;
 *                 tasks read them with {@link WorkerContext#feature(Class)}; unmodifiable
 * @since 0.1
 */
public record PoolConfig(RunningMode mode, int size, String name, Map<String, Object> features) {
    /** Validates the settings. */
    public PoolConfig {
        Check.notNull(mode, "mode");
        Check.positive(size, "size");
        Check.notBlank(name, "name");
        features = Features.copy(features);
    }

    /** Settings without features. */
    public PoolConfig(RunningMode mode, int size, String name) {
        this(mode, size, name, Map.of());
    }
}
