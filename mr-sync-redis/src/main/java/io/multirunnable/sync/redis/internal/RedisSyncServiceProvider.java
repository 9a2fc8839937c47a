package io.multirunnable.sync.redis.internal;

import io.multirunnable.sync.BoundedSemaphore;
import io.multirunnable.sync.Condition;
import io.multirunnable.sync.Event;
import io.multirunnable.sync.Lock;
import io.multirunnable.sync.RLock;
import io.multirunnable.sync.Semaphore;
import io.multirunnable.sync.redis.RedisSync;
import io.multirunnable.sync.spi.SyncProvider;

/**
 * The ServiceLoader entry: provider {@code "redis"}, delegating to {@link RedisSync#shared()}, which
 * connects on first use, so discovery alone never touches the network.
 */
public final class RedisSyncServiceProvider implements SyncProvider {

    /** Public for ServiceLoader. */
    public RedisSyncServiceProvider() {
    }

    @Override
    public String name() {
        return RedisSync.NAME;
    }

    @Override
    public Lock newLock(String name) {
        return RedisSync.shared().newLock(name);
    }

    @Override
    public RLock newRLock(String name) {
        return RedisSync.shared().newRLock(name);
    }

    @Override
    public Semaphore newSemaphore(String name, int permits) {
        return RedisSync.shared().newSemaphore(name, permits);
    }

    @Override
    public BoundedSemaphore newBoundedSemaphore(String name, int permits) {
        return RedisSync.shared().newBoundedSemaphore(name, permits);
    }

    @Override
    public Event newEvent(String name) {
        return RedisSync.shared().newEvent(name);
    }

    @Override
    public Condition newCondition(String name) {
        return RedisSync.shared().newCondition(name);
    }

    @Override
    public String toString() {
        return "SyncProvider[redis]";
    }
}
