package io.multirunnable.sync.redis.internal;

import io.multirunnable.internal.Check;
import io.multirunnable.sync.redis.DistributedCounter;
import org.redisson.api.RAtomicLong;

/** {@link DistributedCounter} on a Redisson {@link RAtomicLong}. */
final class RedisCounter implements DistributedCounter {
    private final RedisBackend backend;
    private final String name;
    private final RAtomicLong value;

    RedisCounter(RedisBackend backend, String name) {
        this.backend = backend;
        this.name = Check.notBlank(name, "name");
        this.value = backend.client().getAtomicLong(backend.key("counter", name));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long get() {
        return backend.call(() -> "get of DistributedCounter '" + name + "'", value::get);
    }

    @Override
    public void set(long newValue) {
        backend.run(() -> "set of DistributedCounter '" + name + "'", () -> value.set(newValue));
    }

    @Override
    public long incrementAndGet() {
        return backend.call(() -> "incrementAndGet of DistributedCounter '" + name + "'", value::incrementAndGet);
    }

    @Override
    public long decrementAndGet() {
        return backend.call(() -> "decrementAndGet of DistributedCounter '" + name + "'", value::decrementAndGet);
    }

    @Override
    public long addAndGet(long delta) {
        return backend.call(() -> "addAndGet of DistributedCounter '" + name + "'", () -> value.addAndGet(delta));
    }

    @Override
    public boolean compareAndSet(long expected, long newValue) {
        return backend.call(() -> "compareAndSet of DistributedCounter '" + name + "'", () -> value.compareAndSet(expected, newValue));
    }

    @Override
    public String toString() {
        return "DistributedCounter '" + name + "' [redis]";
    }
}
