package io.multirunnable.distributed.redis.internal;

import io.multirunnable.sync.redis.internal.Settings;
import java.time.Duration;

/**
 * The checked configuration of one client.
 *
 * @param redis            connection settings (URL, its source, connect timeout, key prefix)
 * @param pool             pool name
 * @param batchDeadline    longest a batch may take, or {@code null} for none
 * @param outageTolerance  how long Redis may stay unreachable before open batches fail
 * @param workerWait       how long a batch waits for a first live worker in the pool
 * @param maxInputBytes    largest input JSON accepted
 * @param maxInFlight      most inputs of one batch in Redis at once
 */
public record ClientSettings(Settings redis, String pool, Duration batchDeadline, Duration outageTolerance,
                             Duration workerWait, int maxInputBytes, int maxInFlight) {
}
