package io.multirunnable.sync.redis.internal;

import io.multirunnable.internal.Check;
import io.multirunnable.sync.redis.DistributedCounter;
import org.redisson.api.RAtomicLong;

/** {@link DistributedCounter} on a Redisson {@link RAtomicLong}. */
final class RedisCounter implements DistributedCounter {
    private final String name;
    private final RAtomicLong value;

    RedisCounter(RedisBackend backend, String name) {
        this.name = Check.notBlank(name, "name");
        this.value = backend.client().getAtomicLong(backend.key("counter", name));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long get() {
        return value.get();
    }

    @Override
    public void set(long newValue) {
        value.set(newValue);
    }

    @Override
    public long incrementAndGet() {
        return value.incrementAndGet();
    }

    @Override
    public long decrementAndGet() {
        return value.decrementAndGet();
    }

    @Override
    public long addAndGet(long delta) {
        return value.addAndGet(delta);
    }

    @Override
    public boolean compareAndSet(long expected, long newValue) {
        return value.compareAndSet(expected, newValue);
    }

    @Override
    public String toString() {
        return "DistributedCounter '" + name + "' [redis]";
    }
}
