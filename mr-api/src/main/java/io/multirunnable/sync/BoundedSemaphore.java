package io.multirunnable.sync;

/**
 * A {@link Semaphore} that never holds more permits than it started with (like Python's
 * {@code threading.BoundedSemaphore}): a release beyond them throws and changes nothing.
 * Make one with {@link Sync#boundedSemaphore(int)}.
 *
 * @since 0.1
 */
public interface BoundedSemaphore extends Semaphore {

    /**
     * Returns one permit, from any thread.
     *
     * @throws IllegalStateException "BoundedSemaphore 'NAME' released too many times: it would exceed its
     *                               N initial permits" if all permits are already free
     */
    @Override
    void release();

    /** The number of permits it was made with, {@code > 0}. */
    int initialPermits();
}
