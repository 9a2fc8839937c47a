package io.multirunnable;

import io.multirunnable.internal.Check;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The immutable settings of a {@link SimpleExecutor}, made by {@link SimpleExecutorBuilder}.
 *
 * @param mode    the running mode
 * @param workers the number of workers, {@code > 0}
 * @param name     the executor's name, the prefix of worker names
 * @param features objects shared by all workers (sync primitives, ...), by name, in the order given;
 *                 tasks read them with {@link WorkerContext#feature(Class)}; unmodifiable
 * @since 0.1
 */
public record ExecutorConfig(RunningMode mode, int workers, String name, Map<String, Object> features) {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    /** Validates the settings. */
    public ExecutorConfig {
        features = validate(mode, workers, name, features);
    }

    /** Settings without features. */
    public ExecutorConfig(RunningMode mode, int workers, String name) {
        this(mode, workers, name, Map.of());
    }

    /** The checks {@link PoolConfig} shares: returns the features' unmodifiable copy. */
    static Map<String, Object> validate(RunningMode mode, int workers, String name, Map<String, Object> features) {
        Check.notNull(mode, "mode");
        Check.positive(workers, "workers");
        Check.notBlank(name, "name");
        return Features.copy(features);
    }

    static String nextName(String prefix) {
        return prefix + "-" + COUNTER.incrementAndGet();
    }
}
