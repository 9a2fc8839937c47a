package io.multirunnable.sync.redis.internal;

import java.util.List;
import org.redisson.api.RFuture;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * The fencing-token counter of one lock: each draw returns {@code max(previous token + 1, server time in
 * microseconds since the epoch)}, in one script on the Redis server.
 *
 * <p>Why not a plain {@code INCR}: a Redis without persistence forgets the counter when it restarts, and
 * {@code INCR} would start again from 1, below the tokens a stale holder may still carry, so the protected
 * resource would refuse every new holder and accept the stale one. Tying the token to the server clock
 * keeps it above every earlier token after such a loss, as long as the server's clock has not gone
 * backwards: tokens stay at (or, within one microsecond's draws, just above) the clock, since a draw costs a
 * round trip and no lock is taken a million times a second. The clock is read with {@code TIME} inside the
 * script, so every process uses the same (the server's) clock. Kept as a string of digits, so an older
 * plain counter under the same key is simply overtaken by the clock.
 *
 * <p>The script travels by its SHA: {@code RScript.eval} goes through Redisson's script cache, which
 * {@link RedisBackend#connect} turns on ({@code EVALSHA} first; on {@code NOSCRIPT}, when the server has
 * forgotten its scripts after a restart, a fail-over or {@code SCRIPT FLUSH}, {@code SCRIPT LOAD} with the
 * text, then {@code EVALSHA} again). So the text is sent only the first time after the server lost it.
 */
final class FenceCounter {
    /**
     * KEYS[1] the counter. The microseconds are built as text (seconds followed by six digits) so the value
     * written is exact; Lua numbers are doubles, exact to 2^53 (about the year 2255 in microseconds).
     * {@code replicate_commands} lets a Redis older than 5 write after reading the clock (replicas then
     * get the written value, not the script); later versions always do so and ignore it.
     */
    private static final String NEXT = """
            if redis.replicate_commands then redis.replicate_commands() end
            local t = redis.call('TIME')
            local now = t[1] .. string.format('%06d', tonumber(t[2]))
            local last = redis.call('GET', KEYS[1])
            if not last or tonumber(last) == nil or tonumber(last) < tonumber(now) then
              redis.call('SET', KEYS[1], now)
              return tonumber(now)
            end
            return redis.call('INCR', KEYS[1])
            """;

    private final RedissonClient client;
    private final String key;

    FenceCounter(RedisBackend backend, String key) {
        this.client = backend.client();
        this.key = key;
    }

    /** The next token: larger than every token drawn before from this key (see the class comment). */
    long next() {
        Long token = client.getScript(StringCodec.INSTANCE).eval(key, RScript.Mode.READ_WRITE, NEXT,
                RScript.ReturnType.INTEGER, List.of(key));
        return token;
    }

    /**
     * {@link #next()} without blocking, for callers that must wait uninterruptibly (a hold just taken is
     * lost if drawing its token is interrupted; see {@code RedisAcquirable.join}).
     */
    RFuture<Long> nextAsync() {
        return client.getScript(StringCodec.INSTANCE).evalAsync(key, RScript.Mode.READ_WRITE, NEXT,
                RScript.ReturnType.INTEGER, List.of(key));
    }

    /** The key in Redis. */
    String key() {
        return key;
    }
}
