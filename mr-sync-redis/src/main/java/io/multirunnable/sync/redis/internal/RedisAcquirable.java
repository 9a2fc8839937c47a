package io.multirunnable.sync.redis.internal;

import io.multirunnable.sync.spi.AbstractAcquirable;
import org.redisson.client.RedisException;

/**
 * The Redis part of every Redis {@link io.multirunnable.sync.Acquirable}: the backend, and the
 * translation of Redisson's exceptions; the acquire template itself is {@link AbstractAcquirable}.
 */
abstract class RedisAcquirable extends AbstractAcquirable {
    final RedisBackend backend;

    RedisAcquirable(RedisBackend backend, String kind, String name) {
        super(kind, name);
        this.backend = backend;
    }

    /**
     * The InterruptedException Redisson wrapped in {@code e} (its sync calls re-set the interrupt flag and throw
     * {@code RedisException(InterruptedException)}), with the flag cleared as our contract says; null if none.
     */
    static InterruptedException interruptedOr(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof InterruptedException ie) {
                Thread.interrupted();
                return ie;
            }
        }
        return null;
    }

    @Override
    protected RuntimeException failure(RuntimeException failure) throws InterruptedException {
        if (!(failure instanceof RedisException)) {
            return failure;
        }
        InterruptedException ie = interruptedOr(failure);
        if (ie != null) {
            throw ie;
        }
        return failureUnchecked(failure);
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
