package io.multirunnable.sync.redis;

import io.multirunnable.sync.spi.SyncProvider;
import io.multirunnable.sync.tck.SyncProviderContract;
import java.time.Duration;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * The SyncProvider contract on the Redis provider. Workers alternate between two clients of the
 * same Redis, so every try mixes "processes" as well as threads. Tries per property:
 * {@code jqwik.redis.tries} (100; every operation is a Redis round trip).
 */
@AddLifecycleHook(SkipWithoutRedis.class)
class RedisSyncProviderContractTest extends SyncProviderContract {
    private static RedisSync one;
    private static RedisSync two;

    private static synchronized RedisSync client(boolean first) {
        if (one == null) {
            one = RedisTestSupport.connect(RedisSync.DEFAULT_LEASE);
            two = RedisTestSupport.connect(RedisSync.DEFAULT_LEASE);
        }
        return first ? one : two;
    }

    @AfterContainer
    static synchronized void close() {
        RedisTestSupport.cleanUpAndClose(one, two);
        one = null;
        two = null;
    }

    @Override
    protected SyncProvider provider() {
        return client(true);
    }

    @Override
    protected SyncProvider otherClient() {
        return client(false);
    }

    /**
     * An acquire command already sent when the interrupt lands may take the primitive; the plugin gives it
     * back a round trip or two later (RedisSync's javadoc, docs/notes/redis.md). 5 s, as in
     * InterruptedWaitersTest: far below the 30 s lease, so a permit left to its lease is still caught (an
     * RLock's or a Condition's hold left behind is renewed by Redisson's watchdog for ever).
     */
    @Override
    protected Duration interruptedAttemptGiveBack() {
        return Duration.ofSeconds(5);
    }
}
