package io.multirunnable;

import java.util.Map;

/**
 * The immutable settings of a {@link SimplePool}, made by {@link SimplePoolBuilder}.
 *
 * @param mode     the running mode
 * @param workers  the number of workers (tasks running at once), {@code > 0}; called {@code size} before 0.2
 * @param name     the pool's name, the prefix of worker names
 * @param features objects shared by all workers (sync primitives, ...), by name, in the order given;
 *                 tasks read them with {@link WorkerContext#feature(Class)}; unmodifiable
 * @since 0.1
 */
public record PoolConfig(RunningMode mode, int workers, String name, Map<String, Object> features) {
    /** Validates the settings (the same checks and messages as {@link ExecutorConfig}). */
    public PoolConfig {
        features = ExecutorConfig.validate(mode, workers, name, features);
    }

    /** Settings without features. */
    public PoolConfig(RunningMode mode, int workers, String name) {
        this(mode, workers, name, Map.of());
    }

    /**
     * The number of workers.
     *
     * @deprecated since 0.2: the same as {@link #workers()}, the name executors and pools now share
     */
    @Deprecated(since = "0.2")
    public int size() {
        return workers;
    }
}
