package io.multirunnable.distributed.redis.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;
import java.util.TreeSet;

/**
 * A worker's entry in the pool's workers hash, as {@link WorkerEngine} writes it every {@code lease / 3}:
 * its lease, the time of its last beat (the worker's clock) and its tasks. A worker counts as dead once its
 * beat is older than {@value #DEAD_AFTER_LEASES} of its leases: clients then stop counting it as live, and
 * live workers remove its consumer from the group once it holds no entries.
 *
 * @param leaseMillis the worker's lease
 * @param beatMillis  when it last beat (epoch milliseconds, its own clock)
 * @param tasks       the task names it runs
 */
record Heartbeat(long leaseMillis, long beatMillis, Set<String> tasks) {
    /** Heartbeats missed, in leases, before a worker counts as dead. */
    static final int DEAD_AFTER_LEASES = 3;

    /** Parses an entry; {@code null} if it is not one of ours. */
    static Heartbeat parse(String json) {
        try {
            JsonNode n = Codec.mapper().readTree(json);
            if (n == null || !n.isObject()) {
                return null;
            }
            Set<String> tasks = new TreeSet<>();
            n.path("tasks").forEach(t -> tasks.add(t.asText()));
            return new Heartbeat(n.path("leaseMillis").asLong(30_000), n.path("beat").asLong(0), tasks);
        } catch (Exception malformed) {
            return null;
        }
    }

    /** How long after its last beat the worker counts as dead. */
    long deadAfterMillis() {
        return DEAD_AFTER_LEASES * leaseMillis;
    }

    /** Whether it beat within {@link #deadAfterMillis()} of {@code nowMillis}. */
    boolean isLive(long nowMillis) {
        return nowMillis - beatMillis <= deadAfterMillis();
    }
}
