package io.multirunnable.sync;

/**
 * A reentrant lock owned by the thread that acquired it (like Python's {@code threading.RLock}):
 * the owner may acquire it again, and must release it as many times as it acquired it.
 * Make one with {@link Sync#rlock()}.
 *
 * <p>Being thread-owned, it suits blocking code; do not hold it across asynchronous stages that
 * may continue on another thread.
 *
 * @since 0.1
 */
public interface RLock extends Acquirable {

    /**
     * Releases one hold of the current thread; the lock is free when the count reaches zero.
     *
     * @throws IllegalStateException "RLock 'NAME' is not held by the current thread 'THREAD': only its
     *                               owner may release it" if the current thread does not hold it
     */
    @Override
    void release();

    /** How many times the current thread holds this lock (0 if it does not). */
    int holdCount();

    /** {@code true} if the current thread holds this lock. */
    boolean isHeldByCurrentThread();

    /** {@code true} while some thread holds the lock (a snapshot). */
    boolean isLocked();
}
