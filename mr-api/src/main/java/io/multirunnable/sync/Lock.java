package io.multirunnable.sync;

/**
 * A mutual-exclusion lock, not reentrant and not bound to a thread (like Python's
 * {@code threading.Lock}): any thread may release it, which allows handing a held lock over;
 * acquiring it again on the thread that holds it waits for a release (use {@link RLock} for
 * re-entry). Make one with {@link Sync#lock()}.
 *
 * @since 0.1
 */
public interface Lock extends Acquirable {

    /**
     * Releases the lock, from any thread.
     *
     * @throws IllegalStateException "Lock 'NAME' is not held: release() without a matching acquire"
     *                               if the lock is not held
     */
    @Override
    void release();

    /** {@code true} while some thread holds the lock (a snapshot). */
    boolean isLocked();
}
