package io.multirunnable.sync;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * A condition variable bound to its own reentrant, thread-owned lock (like Python's
 * {@code threading.Condition()}): acquire it as an {@link Acquirable}, then {@link #await()}
 * releases the lock while waiting and takes it back before returning.
 *
 * <pre>{@code
 * try (Guard held = ready.acquire()) {
 *     while (!done) {
 *         ready.await();
 *     }
 * }
 * }</pre>
 *
 * <p>Spurious wake-ups are possible: wait in a loop or use {@link #awaitUntil}. Make one with
 * {@link Sync#condition()}. Thread-safe.
 *
 * @since 0.1
 */
public interface Condition extends Acquirable {

    /**
     * Releases one hold of the current thread.
     *
     * @throws IllegalStateException "Condition 'NAME' is not held by the current thread 'THREAD': only its
     *                               owner may release it" if the current thread does not hold it
     */
    @Override
    void release();

    /**
     * Releases the lock, waits for a signal, and re-acquires it.
     *
     * @throws InterruptedException  if interrupted while waiting (the lock is held again when thrown)
     * @throws IllegalStateException "Condition 'NAME' must be held by the current thread 'THREAD' to await
     *                               or signal" if the current thread does not hold the lock
     */
    void await() throws InterruptedException;

    /**
     * Like {@link #await()}, but waits at most {@code timeout}.
     *
     * @param timeout the longest wait, {@code >= 0}
     * @return {@code false} if the time ran out, {@code true} if woken earlier
     * @throws InterruptedException     if interrupted while waiting (the lock is held again when thrown)
     * @throws IllegalArgumentException if {@code timeout} is null or negative
     */
    boolean await(Duration timeout) throws InterruptedException;

    /**
     * Waits (as {@link #await(Duration)}) until {@code predicate} is true, checking it first and after
     * each wake-up, for at most {@code timeout} in total (Python's {@code wait_for}).
     *
     * @param predicate checked while holding the lock
     * @param timeout   the longest total wait, {@code >= 0}
     * @return the last value of the predicate: {@code false} means the time ran out
     * @throws InterruptedException     if interrupted while waiting (the lock is held again when thrown)
     * @throws IllegalArgumentException if {@code predicate} or {@code timeout} is null, or the timeout negative
     */
    boolean awaitUntil(BooleanSupplier predicate, Duration timeout) throws InterruptedException;

    /** Wakes one waiting thread. Requires the lock, as {@link #await()} does. */
    void signal();

    /** Wakes every waiting thread. Requires the lock, as {@link #await()} does. */
    void signalAll();

    /** How many times the current thread holds the lock (0 if it does not). */
    int holdCount();

    /** {@code true} if the current thread holds the lock. */
    boolean isHeldByCurrentThread();
}
