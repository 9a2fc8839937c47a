package io.multirunnable;

import io.multirunnable.internal.Check;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The immutable settings of a {@link SimpleExecutor}, made by {@link SimpleExecutorBuilder}.
 *
 * @param mode    the running mode
 * @param workers the number of workers, {@code > 0}
 * @param name    the executor's name, the prefix of worker names
 * @since 0.1
 */
public record ExecutorConfig(RunningMode mode, int workers, String name) {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    /** Validates the settings. */
    public ExecutorConfig {
        Check.notNull(mode, "mode");
        Check.positive(workers, "workers");
        Check.notBlank(name, "name");
    }

    static String nextName(String prefix) {
        return prefix + "-" + COUNTER.incrementAndGet();
    }
}
