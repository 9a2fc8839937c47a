package io.multirunnable.distributed.redis.internal;

/**
 * The Redis keys of one pool. Every key of a pool carries the hash tag {@code {pool}}, so on a Redis
 * Cluster all of them live in one slot and the Lua scripts may touch several at once.
 *
 * @param prefix the key prefix, e.g. {@code multirunnable:dist:}
 * @param pool   the pool name
 */
public record Keys(String prefix, String pool) {
    /** The consumer group every worker of a pool reads through. */
    public static final String GROUP = "workers";

    private String base() {
        return prefix + "{" + pool + "}:";
    }

    /** The stream of task entries. */
    public String tasks() {
        return base() + "tasks";
    }

    /** Hash: worker id to its JSON description and heartbeat. */
    public String workers() {
        return base() + "workers";
    }

    /** Stream a client's results are added to (read without consuming, so a timed-out read loses nothing). */
    public String reply(String clientId) {
        return base() + "reply:" + clientId;
    }

    /** Hash of per-batch counters (redeliveries, discarded duplicates) of a client. */
    public String stats(String clientId) {
        return base() + "stats:" + clientId;
    }

    /** A client's liveness marker; its disappearance tells the client that Redis lost its data. */
    public String marker(String clientId) {
        return base() + "client:" + clientId;
    }

    /**
     * Makes the pool's stream and consumer group unless they exist. The group starts at id 0, so entries
     * added before it (a client resending after Redis lost its data) are delivered too.
     */
    static void ensureGroup(org.redisson.api.RStream<String, String> stream) {
        try {
            stream.createGroup(org.redisson.api.stream.StreamCreateGroupArgs.name(GROUP)
                    .id(org.redisson.api.StreamMessageId.ALL).makeStream());
        } catch (RuntimeException e) {
            if (!String.valueOf(e.getMessage()).contains("BUSYGROUP")) {
                throw e;
            }
        }
    }

    /** The set of pool names that ever had a worker, for error messages. */
    public String pools() {
        return prefix + "pools";
    }
}
