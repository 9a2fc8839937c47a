package io.multirunnable.sync;

import java.time.Duration;

/**
 * A flag workers wait for (like Python's {@code threading.Event}): {@link #set()} wakes every
 * waiter, {@link #clear()} resets it. Make one with {@link Sync#event()}. Thread-safe.
 *
 * @since 0.1
 */
public interface Event extends SyncPrimitive {

    /** Sets the flag and wakes every thread waiting in {@link #await()}. Idempotent. */
    void set();

    /** Resets the flag; later {@link #await()} calls wait again. */
    void clear();

    /** {@code true} if the flag is set (a snapshot). */
    boolean isSet();

    /**
     * Waits until the flag is set; returns at once if it is. A waiter woken by {@link #set()}
     * returns even if the flag is cleared again before it runs.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    void await() throws InterruptedException;

    /**
     * Waits at most {@code timeout} for the flag.
     *
     * @param timeout the longest wait, {@code >= 0}
     * @return {@code true} if the flag was set, {@code false} if the time ran out
     * @throws InterruptedException     if interrupted while waiting
     * @throws IllegalArgumentException if {@code timeout} is null or negative
     */
    boolean await(Duration timeout) throws InterruptedException;
}
