package io.multirunnable.sync.redis;

/**
 * A 64-bit counter shared by every process connected to the same Redis (a Redisson {@code RAtomicLong}).
 * Get one with {@link RedisSync#counter(String)}: counters with the same name (and key prefix) are the
 * same counter everywhere. A new counter reads 0. Every method is one Redis round trip, atomic and
 * thread-safe; none waits for other processes.
 *
 * @since 0.1
 */
public interface DistributedCounter {

    /** The counter's name, as given to {@link RedisSync#counter(String)}. */
    String name();

    /** The current value. */
    long get();

    /** Sets the value. */
    void set(long newValue);

    /** Adds one and returns the new value. */
    long incrementAndGet();

    /** Subtracts one and returns the new value. */
    long decrementAndGet();

    /** Adds {@code delta} and returns the new value. */
    long addAndGet(long delta);

    /** Sets {@code newValue} if the value is {@code expected}; returns whether it did. */
    boolean compareAndSet(long expected, long newValue);
}
