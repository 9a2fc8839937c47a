package io.multirunnable.sync;

/**
 * A counting semaphore: at most as many holders at once as it has permits. Like Python's
 * {@code threading.Semaphore}, a release needs no matching acquire and adds a permit.
 * Make one with {@link Sync#semaphore(int)}; see {@link BoundedSemaphore} for one that refuses
 * releases beyond its initial permits.
 *
 * @since 0.1
 */
public interface Semaphore extends Acquirable {

    /**
     * Returns one permit, from any thread.
     *
     * @throws IllegalStateException if the permits would overflow (more than {@link Integer#MAX_VALUE}),
     *                               or, for a {@link BoundedSemaphore}, exceed its initial permits
     */
    @Override
    void release();

    /** The permits free right now (a snapshot). */
    int availablePermits();
}
