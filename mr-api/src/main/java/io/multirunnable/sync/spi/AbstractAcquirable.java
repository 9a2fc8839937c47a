package io.multirunnable.sync.spi;

import io.multirunnable.internal.Check;
import io.multirunnable.sync.Acquirable;
import io.multirunnable.sync.Guard;
import io.multirunnable.sync.SyncTimeoutException;
import java.time.Duration;

/**
 * The acquire template every {@link Acquirable} of a {@link SyncProvider} can extend: it holds the
 * name, the guards, the timeout and interruption rules of {@link Acquirable}, the argument checks
 * and the standard error messages, so that every provider behaves and speaks alike. A subclass
 * implements two waits ({@link #acquireForever()}, {@link #tryAcquireNanos(long)}) and
 * {@link #release()}; it may override {@link #tryAcquire()} with a faster non-waiting path.
 *
 * <pre>{@code
 * final class MyLock extends AbstractAcquirable implements Lock {
 *     MyLock(String name) { super("Lock", name); }
 *     protected void acquireForever() throws InterruptedException { ... }
 *     protected boolean tryAcquireNanos(long nanos) throws InterruptedException { ... }
 *     public void release() { if (!held()) throw notHeld(); ... }
 * }
 * }</pre>
 *
 * <p>Checks: the constructor checks the name ({@code "name must not be blank"}) and
 * {@link #checkPermits(int)} the permits ({@code "permits must be > 0 but was 0"}); these are the
 * only checks on the way from {@link io.multirunnable.sync.Sync} or a provider's factory to the
 * primitive, so factories built on this class need not check again.
 *
 * <p>Interruption: every waiting method first clears the interrupt flag and throws
 * {@link InterruptedException} if it was set, so the subclass's waits are entered with the flag
 * clear; {@link #tryAcquire()} never waits, and keeps the flag as it found it.
 *
 * <p>Failures: a {@link RuntimeException} thrown by a wait passes through {@link #failure}, where a
 * provider turns its engine's exceptions into its documented ones (a distributed provider naming
 * its server, for example) or into {@link InterruptedException}.
 *
 * <p>Thread-safety: this class holds only immutable state; subclasses must be thread-safe, as
 * {@link Acquirable} requires.
 *
 * @since 0.2
 */
public abstract class AbstractAcquirable implements Acquirable {
    private final String kind;
    private final String name;

    /**
     * @param kind what the primitive is, for messages, e.g. {@code "Lock"}
     * @param name the primitive's name
     * @throws IllegalArgumentException "name must not be null" / "name must not be blank"
     */
    protected AbstractAcquirable(String kind, String name) {
        this.kind = Check.notBlank(kind, "kind");
        this.name = Check.notBlank(name, "name");
    }

    /**
     * The standard permits check of semaphores, for subclass constructors.
     *
     * @return {@code permits}
     * @throws IllegalArgumentException "permits must be > 0 but was N"
     */
    protected static int checkPermits(int permits) {
        return Check.positive(permits, "permits");
    }

    /**
     * Waits until acquired. Entered with the interrupt flag clear.
     *
     * @throws InterruptedException if interrupted while waiting (nothing is acquired)
     */
    protected abstract void acquireForever() throws InterruptedException;

    /**
     * Waits at most {@code nanos} to acquire; {@code 0} tries once without waiting. Entered with
     * the interrupt flag clear.
     *
     * @param nanos the longest wait, {@code >= 0} (already checked and converted from a {@link Duration})
     * @return {@code true} if acquired
     * @throws InterruptedException if interrupted while waiting (nothing is acquired)
     */
    protected abstract boolean tryAcquireNanos(long nanos) throws InterruptedException;

    /**
     * Turns a failure of a wait into the exception the caller gets; by default the failure
     * itself. Override to translate an engine's exceptions (and to throw the
     * {@link InterruptedException} an engine wrapped, with the interrupt flag cleared).
     *
     * @param operation the method that failed: {@code "acquire"} or {@code "tryAcquire"}
     * @param failure   what the wait threw
     * @return the exception to throw instead
     * @throws InterruptedException if the failure stands for an interrupt
     */
    protected RuntimeException failure(String operation, RuntimeException failure) throws InterruptedException {
        return failure;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Guard acquire() throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        try {
            acquireForever();
        } catch (RuntimeException e) {
            throw failure("acquire", e);
        }
        return Guard.of(this);
    }

    @Override
    public final Guard acquire(Duration timeout) throws InterruptedException {
        if (!tryAcquire(timeout)) {
            throw new SyncTimeoutException(describe(), timeout);
        }
        return Guard.of(this);
    }

    @Override
    public final boolean tryAcquire(Duration timeout) throws InterruptedException {
        long nanos = Check.timeoutNanos(timeout);
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        try {
            return tryAcquireNanos(nanos);
        } catch (RuntimeException e) {
            throw failure("tryAcquire", e);
        }
    }

    /**
     * Tries once without waiting, through {@link #tryAcquireNanos(long) tryAcquireNanos(0)}; the
     * interrupt flag is kept as found. Override with a faster path where the engine has one.
     */
    @Override
    public boolean tryAcquire() {
        boolean interrupted = Thread.interrupted();
        try {
            return tryAcquireNanos(0);
        } catch (InterruptedException e) {
            interrupted = true;
            return false;
        } catch (RuntimeException e) {
            throw uncheckedFailure("tryAcquire", e);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** {@link #failure} where no {@link InterruptedException} may be thrown: the interrupt flag is set again instead. */
    protected final RuntimeException uncheckedFailure(String operation, RuntimeException failure) {
        try {
            return failure(operation, failure);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new IllegalStateException("interrupted while " + describe() + " was being used", e);
        }
    }

    /** What the primitive is and its name, for messages, e.g. {@code "Lock 'orders'"}. */
    protected final String describe() {
        return kind + " '" + name + "'";
    }

    /** "Lock 'x' is not held: release() without a matching acquire", for a release with nothing to release. */
    protected final IllegalStateException notHeld() {
        return new IllegalStateException(describe() + " is not held: release() without a matching acquire");
    }

    /** "RLock 'x' is not held by the current thread 'T': only its owner may release it". */
    protected final IllegalStateException notOwner() {
        return new IllegalStateException(describe() + " is not held by the current thread '"
                + Thread.currentThread().getName() + "': only its owner may release it");
    }

    /** "Condition 'x' must be held by the current thread 'T' to await or signal". */
    protected final IllegalStateException mustBeHeld() {
        return new IllegalStateException(describe() + " must be held by the current thread '"
                + Thread.currentThread().getName() + "' to await or signal");
    }

    /** "BoundedSemaphore 'x' released too many times: it would exceed its N initial permits". */
    protected final IllegalStateException releasedTooOften(int initialPermits) {
        return new IllegalStateException(describe() + " released too many times: it would exceed its "
                + initialPermits + " initial permits");
    }
}
