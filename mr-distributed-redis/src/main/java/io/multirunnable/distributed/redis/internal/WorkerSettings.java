package io.multirunnable.distributed.redis.internal;

import io.multirunnable.RunningMode;
import io.multirunnable.sync.redis.internal.Settings;
import java.time.Duration;
import java.util.Map;

/**
 * The checked configuration of one worker.
 *
 * @param redis       connection settings (URL, its source, connect timeout, key prefix)
 * @param pool        pool name
 * @param name        consumer name, unique per worker (default {@code pid@host#n})
 * @param mode        running mode of the local pool tasks run on
 * @param concurrency most tasks in hand at once
 * @param lease       how long an entry this worker took stays its own without renewal
 * @param tasks       the allow-list
 * @param features    what every task sees through {@code WorkerContext.current().feature(...)}
 */
public record WorkerSettings(Settings redis, String pool, String name, RunningMode mode, int concurrency,
                             Duration lease, Map<String, Registered<?, ?>> tasks, Map<String, Object> features) {
}
