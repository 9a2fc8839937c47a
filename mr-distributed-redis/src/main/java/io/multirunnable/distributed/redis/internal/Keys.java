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

    /** List a client's results are pushed to. */
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

    /** The set of pool names that ever had a worker, for error messages. */
    public String pools() {
        return prefix + "pools";
    }
}
