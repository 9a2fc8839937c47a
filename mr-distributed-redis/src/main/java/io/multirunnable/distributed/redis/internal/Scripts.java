package io.multirunnable.distributed.redis.internal;

import java.util.ArrayList;
import java.util.List;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/** The Lua scripts that make each multi-key step atomic on the Redis server. */
final class Scripts {
    /**
     * Completes entries: ack and delete each, and add its reply (to the client's reply stream) only if this ack was the first, so a
     * re-executed input (its lease ran out while the first worker was still alive) yields one reply, not two.
     * KEYS[1] stream; ARGV[1] group, ARGV[2] TTL (ms) of reply and stats keys, then per entry: reply key,
     * stats key, entry id, batch id, reply JSON.
     */
    private static final String COMPLETE = """
            local delivered = 0
            for i = 3, #ARGV, 5 do
              local acked = redis.call('XACK', KEYS[1], ARGV[1], ARGV[i+2])
              redis.call('XDEL', KEYS[1], ARGV[i+2])
              if acked == 1 then
                redis.call('XADD', ARGV[i], '*', 'r', ARGV[i+4])
                redis.call('PEXPIRE', ARGV[i], ARGV[2])
                delivered = delivered + 1
              else
                redis.call('HINCRBY', ARGV[i+1], ARGV[i+3] .. ':discarded', 1)
                redis.call('PEXPIRE', ARGV[i+1], ARGV[2])
              end
            end
            return delivered
            """;

    /**
     * Renews the lease of entries this consumer still owns (resets their idle time); entries another
     * worker has claimed meanwhile are left alone and returned. KEYS[1] stream; ARGV[1] group, ARGV[2]
     * consumer, then entry ids.
     */
    private static final String RENEW = """
            local lost = {}
            for i = 3, #ARGV do
              local p = redis.call('XPENDING', KEYS[1], ARGV[1], ARGV[i], ARGV[i], 1)
              if p[1] ~= nil and p[1][2] == ARGV[2] then
                redis.call('XCLAIM', KEYS[1], ARGV[1], ARGV[2], 0, ARGV[i], 'JUSTID')
              else
                table.insert(lost, ARGV[i])
              end
            end
            return lost
            """;

    /**
     * Removes the consumer of a dead worker, and its heartbeat entry, unless the consumer still owns pending
     * entries (removing it would drop them from the group: nobody could claim them any more) or the worker
     * beat again since the sweeper read its entry. Checked and done in one step, so an entry cannot be
     * delivered to the consumer in between. KEYS[1] stream, KEYS[2] workers hash; ARGV[1] group,
     * ARGV[2] consumer, ARGV[3] the heartbeat entry the sweeper judged ('' if it saw none). Returns 1 if
     * removed.
     */
    private static final String REMOVE_DEAD = """
            local pending = redis.call('XPENDING', KEYS[1], ARGV[1], '-', '+', 1, ARGV[2])
            if #pending > 0 then
              return 0
            end
            local beat = redis.call('HGET', KEYS[2], ARGV[2])
            if beat then
              if beat ~= ARGV[3] then
                return 0
              end
              redis.call('HDEL', KEYS[2], ARGV[2])
            end
            redis.call('XGROUP', 'DELCONSUMER', KEYS[1], ARGV[1], ARGV[2])
            return 1
            """;

    private Scripts() {
    }

    /** One completion: where its reply goes and what it says. */
    record Completion(String replyKey, String statsKey, String entryId, long batch, String replyJson) {
    }

    /** Runs {@link #COMPLETE} for {@code done}; returns how many replies were added. */
    static long complete(RedissonClient client, Keys keys, long replyTtlMillis, List<Completion> done) {
        List<Object> args = new ArrayList<>(2 + done.size() * 5);
        args.add(Keys.GROUP);
        args.add(Long.toString(replyTtlMillis));
        for (Completion c : done) {
            args.add(c.replyKey());
            args.add(c.statsKey());
            args.add(c.entryId());
            args.add(Long.toString(c.batch()));
            args.add(c.replyJson());
        }
        Long n = client.getScript(StringCodec.INSTANCE).eval(keys.tasks(), RScript.Mode.READ_WRITE, COMPLETE,
                RScript.ReturnType.INTEGER, List.of(keys.tasks()), args.toArray());
        return n == null ? 0 : n;
    }

    /** Runs {@link #RENEW}; returns the ids this consumer no longer owns. */
    static List<String> renew(RedissonClient client, Keys keys, String consumer, List<String> ids) {
        List<Object> args = new ArrayList<>(2 + ids.size());
        args.add(Keys.GROUP);
        args.add(consumer);
        args.addAll(ids);
        List<Object> lost = client.getScript(StringCodec.INSTANCE).eval(keys.tasks(), RScript.Mode.READ_WRITE, RENEW,
                RScript.ReturnType.MULTI, List.of(keys.tasks()), args.toArray());
        List<String> out = new ArrayList<>();
        if (lost != null) {
            lost.forEach(o -> out.add(String.valueOf(o)));
        }
        return out;
    }

    /** Runs {@link #REMOVE_DEAD}; whether {@code consumer} was removed. */
    static boolean removeDeadConsumer(RedissonClient client, Keys keys, String consumer, String heartbeatSeen) {
        Long n = client.getScript(StringCodec.INSTANCE).eval(keys.tasks(), RScript.Mode.READ_WRITE, REMOVE_DEAD,
                RScript.ReturnType.INTEGER, List.of(keys.tasks(), keys.workers()), Keys.GROUP, consumer,
                heartbeatSeen == null ? "" : heartbeatSeen);
        return n != null && n == 1;
    }
}
