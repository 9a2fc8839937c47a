package io.multirunnable.core.internal.sync;

import io.multirunnable.internal.Check;
import io.multirunnable.sync.Acquirable;
import io.multirunnable.sync.Guard;
import io.multirunnable.sync.SyncTimeoutException;
import java.time.Duration;

/** What every local {@link Acquirable} shares: name, guards, timeout handling. */
abstract class LocalAcquirable implements Acquirable {
    private final String kind;
    private final String name;

    LocalAcquirable(String kind, String name) {
        this.kind = kind;
        this.name = Check.notBlank(name, "name");
    }

    /** Waits until acquired; throws if interrupted before or while waiting. */
    abstract void acquireInterruptibly() throws InterruptedException;

    /** Waits at most {@code nanos} ({@code >= 0}); throws if interrupted before or while waiting. */
    abstract boolean tryAcquireNanos(long nanos) throws InterruptedException;

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Guard acquire() throws InterruptedException {
        acquireInterruptibly();
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
        return tryAcquireNanos(Check.timeoutNanos(timeout));
    }

    /** E.g. {@code "Lock 'orders'"}. */
    final String describe() {
        return kind + " '" + name + "'";
    }

}
