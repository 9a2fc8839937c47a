package io.multirunnable.sync.redis.internal;

import io.multirunnable.sync.RLock;

/** {@link RLock} on a Redisson lock; see {@link RedisReentrantLock}. */
final class RedisRLock extends RedisReentrantLock implements RLock {

    RedisRLock(RedisBackend backend, String name) {
        super(backend, "RLock", "rlock", name);
    }
}
