package io.multirunnable.persistence;

import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import io.multirunnable.internal.Check;

/**
 * Ready-made metrics hooks for {@link DatabaseConfigBuilder#withMetricsTrackerFactory}.
 *
 * <p>Micrometer is optional: this module declares it {@code requires static}, so an
 * application without Micrometer runs unaffected as long as it does not call
 * {@link #micrometer(MeterRegistry)}. With Micrometer on the module path, add
 * {@code requires micrometer.core;} to your module; the pool then reports HikariCP's meters,
 * tagged {@code pool=<pool name>}: {@code hikaricp.connections} (total), {@code .active},
 * {@code .idle}, {@code .pending} (threads waiting), {@code .acquire} (wait time, a timer),
 * {@code .usage} (lease time), {@code .creation}, {@code .timeout} (a counter of
 * checkouts that timed out), {@code .max} and {@code .min}.
 *
 * <p>Stateless and thread-safe.
 *
 * @since 0.2
 */
public final class PoolMetrics {
    private PoolMetrics() {
    }

    /**
     * HikariCP's Micrometer tracker on {@code registry}.
     *
     * @throws IllegalArgumentException if {@code registry} is null
     * @throws NoClassDefFoundError     if Micrometer is not installed
     */
    public static MetricsTrackerFactory micrometer(MeterRegistry registry) {
        return new MicrometerMetricsTrackerFactory(Check.notNull(registry, "registry"));
    }
}
