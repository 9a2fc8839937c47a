package io.multirunnable.sync.redis.internal;

import io.multirunnable.internal.Check;
import io.multirunnable.sync.Acquirable;
import io.multirunnable.sync.Guard;
import io.multirunnable.sync.SyncTimeoutException;
import java.time.Duration;
import org.redisson.client.RedisException;

/** What every Redis {@link Acquirable} shares: name, guards, timeouts, interruption, error wrapping. */
abstract class RedisAcquirable implements Acquirable {
    final RedisBackend backend;
    private final String kind;
    private final String name;

    RedisAcquirable(RedisBackend backend, String kind, String name) {
        this.backend = backend;
        this.kind = kind;
        this.name = Check.notBlank(name, "name");
    }

    /** Waits until acquired; the interrupt flag was clear on entry. */
    abstract void acquireForever() throws InterruptedException;

    /** Waits at most {@code nanos} ({@code >= 0}, 0 = try once); the interrupt flag was clear on entry. */
    abstract boolean tryAcquireNanos(long nanos) throws InterruptedException;

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
        } catch (RedisException e) {
            throw failure(e);
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
        } catch (RedisException e) {
            throw failure(e);
        }
    }

    @Override
    public final boolean tryAcquire() {
        boolean interrupted = Thread.interrupted();
        try {
            return tryAcquireNanos(0);
        } catch (InterruptedException e) {
            interrupted = true;
            return false;
        } catch (RedisException e) {
            throw failureUnchecked(e);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** E.g. {@code "Lock 'orders'"}. */
    final String describe() {
        return kind + " '" + name + "'";
    }

    /**
     * The InterruptedException Redisson wrapped in {@code e} (its sync calls re-set the interrupt flag and throw
     * {@code RedisException(InterruptedException)}), with the flag cleared as our contract says; null if none.
     */
    static InterruptedException interruptedOr(RedisException e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof InterruptedException ie) {
                Thread.interrupted();
                return ie;
            }
        }
        return null;
    }

    private RuntimeException failure(RedisException e) throws InterruptedException {
        InterruptedException ie = interruptedOr(e);
        if (ie != null) {
            throw ie;
        }
        return failureUnchecked(e);
    }

    /** Wraps a Redis error so the message names the primitive and the server. */
    final IllegalStateException failureUnchecked(RuntimeException e) {
        return new IllegalStateException("Redis failed for " + describe() + " at " + backend.settings().maskedUrl()
                + ": " + e.getMessage(), e);
    }

    /** Waiting time for Redisson, in whole milliseconds rounded up (so a 0.5 ms timeout still waits). */
    static long ceilMillis(long nanos) {
        if (nanos == 0) {
            return 0;
        }
        long ms = nanos / 1_000_000L;
        return nanos % 1_000_000L == 0 ? ms : ms + 1;
    }
}
