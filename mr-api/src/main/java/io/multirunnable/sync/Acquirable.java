package io.multirunnable.sync;

import java.time.Duration;

/**
 * A primitive that is acquired and released: {@link Lock}, {@link RLock}, {@link Semaphore},
 * {@link BoundedSemaphore} and the lock of a {@link Condition}.
 *
 * <p>Timeouts: {@link #tryAcquire(Duration)} returns {@code false} when the time runs out;
 * {@link #acquire(Duration)} throws {@link SyncTimeoutException} instead, so it can open a
 * try-with-resources block. A zero timeout tries once without waiting. Every waiting method
 * throws {@link InterruptedException} if the thread is interrupted before or while waiting
 * (the interrupt flag is then cleared, as in {@code java.util.concurrent}); {@link #tryAcquire()}
 * never waits and ignores the flag.
 *
 * <p>Implementations are thread-safe.
 *
 * @since 0.1
 */
public interface Acquirable extends SyncPrimitive {

    /**
     * Waits until acquired, then returns a guard whose {@link Guard#close()} releases exactly once.
     * The guard may be ignored and {@link #release()} called instead.
     *
     * @return the guard of this acquisition
     * @throws InterruptedException if interrupted while waiting (nothing is acquired)
     */
    Guard acquire() throws InterruptedException;

    /**
     * Like {@link #acquire()}, but waits at most {@code timeout}.
     *
     * @param timeout the longest wait, {@code >= 0}
     * @return the guard of this acquisition
     * @throws SyncTimeoutException     if not acquired within {@code timeout} (nothing is acquired)
     * @throws InterruptedException     if interrupted while waiting (nothing is acquired)
     * @throws IllegalArgumentException if {@code timeout} is null or negative
     */
    Guard acquire(Duration timeout) throws InterruptedException;

    /**
     * Acquires only if that is possible at once; never waits.
     *
     * @return {@code true} if acquired (release it later), {@code false} otherwise
     */
    boolean tryAcquire();

    /**
     * Waits at most {@code timeout} to acquire.
     *
     * @param timeout the longest wait, {@code >= 0}
     * @return {@code true} if acquired (release it later), {@code false} if the time ran out
     * @throws InterruptedException     if interrupted while waiting (nothing is acquired)
     * @throws IllegalArgumentException if {@code timeout} is null or negative
     */
    boolean tryAcquire(Duration timeout) throws InterruptedException;

    /**
     * Releases one acquisition. Who may release, and what over-release does, depends on the
     * primitive: see {@link Lock#release()}, {@link RLock#release()}, {@link Semaphore#release()},
     * {@link BoundedSemaphore#release()}.
     *
     * @throws IllegalStateException if this release breaks the primitive's rule (message names the rule)
     */
    void release();
}
