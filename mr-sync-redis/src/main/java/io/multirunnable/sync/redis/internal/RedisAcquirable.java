package io.multirunnable.sync.redis.internal;

import io.multirunnable.sync.redis.RedisSyncException;
import io.multirunnable.sync.spi.AbstractAcquirable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.redisson.api.RFuture;
import org.redisson.client.RedisException;
import org.redisson.client.RedisTimeoutException;

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
    protected RuntimeException failure(String operation, RuntimeException failure) throws InterruptedException {
        if (!(failure instanceof RedisException)) {
            return failure;
        }
        InterruptedException ie = interruptedOr(failure);
        if (ie != null) {
            throw ie;
        }
        return failureUnchecked(operation, failure);
    }

    /** Our exception for a Redis error during {@code operation} (e.g. "release") of this primitive: names it and the server. */
    final RedisSyncException failureUnchecked(String operation, RuntimeException e) {
        return backend.failure(operation + " of " + describe(), e);
    }

    /**
     * The longest single wait handed to Redisson. Waiting in slices is what lets a handle survive a
     * restart of a Redis without persistence: after each slice {@link #afterSlice()} may restore what
     * the server forgot (a semaphore's permits), where one endless wait would never wake up.
     */
    static final long SLICE_MILLIS = 1000;
    /** Pause after a failed attempt while the server is away, so an outage is not a busy loop. */
    private static final long OUTAGE_PAUSE_MILLIS = 100;
    private static final System.Logger LOG = System.getLogger(RedisAcquirable.class.getName());

    /** One bounded attempt to acquire, waiting at most {@code waitMillis} ({@code 0}: try once). */
    interface Attempt {
        boolean attempt(long waitMillis) throws InterruptedException;
    }

    /** This primitive's bounded attempt: the one Redis-specific step of both waits below. */
    abstract boolean attempt(long waitMillis) throws InterruptedException;

    @Override
    protected final void acquireForever() throws InterruptedException {
        waitForever(this::attempt);
    }

    @Override
    protected final boolean tryAcquireNanos(long nanos) throws InterruptedException {
        return waitAtMost(nanos, this::attempt);
    }

    /** Called after a slice that ended without acquiring while the server answered; by default nothing. */
    void afterSlice() {
    }

    /** Checks the server answers (any cheap command of this primitive's); throws Redisson's exception if not. */
    abstract void probe();

    /**
     * Waits without limit, in slices. An outage does not end the wait (the contract is "until
     * acquired"): it is logged once and the wait goes on when the server is back.
     */
    final void waitForever(Attempt attempt) throws InterruptedException {
        boolean away = false;
        while (true) {
            try {
                if (attempt.attempt(SLICE_MILLIS)) {
                    return;
                }
                away = false;
                afterSlice();
            } catch (RedisException e) {
                rethrowInterrupt(e);
                if (!away && !(e instanceof RedisTimeoutException)) {
                    LOG.log(System.Logger.Level.WARNING, "still waiting for " + describe() + ": "
                            + backend.failure("acquire of " + describe(), e).getMessage());
                }
                away = true;
                Thread.sleep(OUTAGE_PAUSE_MILLIS);
            }
        }
    }

    /**
     * Waits at most {@code nanos}, in slices. Redisson may throw a timeout for a very short wait (its
     * subscription for wake-ups gives up) or for a server that is away: attempts go on while time is
     * left, and when it runs out after a failed attempt a {@link #probe()} tells the two apart, so an
     * outage ends in our exception, never in a silent {@code false}.
     */
    final boolean waitAtMost(long nanos, Attempt attempt) throws InterruptedException {
        long deadline = System.nanoTime() + nanos;
        long left = nanos;
        while (true) {
            RedisException failed = null;
            try {
                if (attempt.attempt(Math.min(ceilMillis(left), SLICE_MILLIS))) {
                    return true;
                }
            } catch (RedisException e) {
                rethrowInterrupt(e);
                failed = e;
            }
            left = deadline - System.nanoTime();
            if (left <= 0) {
                if (failed != null) {
                    if (!(failed instanceof RedisTimeoutException)) {
                        throw failed;
                    }
                    probe();
                }
                return false;
            }
            if (failed == null) {
                afterSlice();
            } else if (!(failed instanceof RedisTimeoutException)) {
                Thread.sleep(Math.min(OUTAGE_PAUSE_MILLIS, Math.max(1, left / 1_000_000L)));
                left = deadline - System.nanoTime();
            }
        }
    }

    private static void rethrowInterrupt(RedisException e) throws InterruptedException {
        InterruptedException ie = interruptedOr(e);
        if (ie != null) {
            throw ie;
        }
    }

    /**
     * How much longer than its wait an attempt may take before it is given up: its last round trips.
     * Redisson's asynchronous semaphore attempt can stall for ever when an unlock message and its wait
     * timer race (each side leaves the retry to the other); the bound turns that into one failed slice.
     */
    static final long ATTEMPT_GRACE_MILLIS = 3000;

    /**
     * Waits, interruptibly, for Redisson's asynchronous attempt {@code pending} to take something (a
     * lock hold, permits). Redisson's blocking calls must not be used for this: interrupted, they
     * cancel only their own view of the command they already sent, so what the command then takes in
     * Redis belongs to nobody (a lock is even renewed by Redisson's watchdog for the JVM's lifetime).
     * Here, on an interrupt the attempt is abandoned (see {@link #abandon}), so nothing is left taken
     * for the interrupted caller, though a command already sent may hold it for a round trip or two
     * before it is given back. An attempt still running {@link #ATTEMPT_GRACE_MILLIS} after its wait
     * is abandoned the same way and ends in a {@link RedisTimeoutException}, which the slice loops
     * treat as any Redis timeout (try again; a timed wait that ends so probes the server).
     *
     * @param waitMillis the wait the attempt was started with
     * @return the attempt's result
     * @throws InterruptedException if interrupted while waiting (the flag is cleared, as the contract says)
     * @throws RuntimeException     what the attempt failed with (a {@link RedisException} for Redis errors)
     */
    static <T> T awaitAttempt(RFuture<T> pending, long waitMillis, Consumer<T> giveBack) throws InterruptedException {
        try {
            return pending.toCompletableFuture().get(waitMillis + ATTEMPT_GRACE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            abandon(pending, giveBack);
            throw e;
        } catch (TimeoutException e) {
            abandon(pending, giveBack);
            // As a Redis timeout: the slice loops try again, and a timed wait ending here probes the server.
            throw new RedisTimeoutException("the attempt did not complete " + ATTEMPT_GRACE_MILLIS
                    + " ms after its " + waitMillis + " ms wait; given up");
        } catch (ExecutionException e) {
            throw unwrapped(e);
        }
    }

    /**
     * Gives up an attempt nobody waits for any more. Cancelling makes Redisson stop and give back
     * whatever its attempt takes afterwards (its code unlocks or releases when it cannot complete the
     * result); an attempt that had already succeeded is given back by {@code giveBack}
     * (asynchronously: it runs on Redisson's threads, where blocking is forbidden).
     */
    private static <T> void abandon(RFuture<T> pending, Consumer<T> giveBack) {
        if (!pending.cancel(false)) {
            pending.whenComplete((taken, failed) -> {
                if (failed == null && taken != null) {
                    giveBack.accept(taken);
                }
            });
        }
    }

    /**
     * Waits for a Redis command that must not be abandoned halfway (a release, the bookkeeping of a
     * hold just taken): an interrupt does not stop the wait and stays set for the caller, as with
     * {@link java.util.concurrent.locks.Lock#unlock()}. Redisson's commands time out, so the wait ends.
     */
    static <T> T join(CompletionStage<T> command) {
        try {
            return command.toCompletableFuture().join();
        } catch (CompletionException | CancellationException e) {
            throw unwrapped(e);
        }
    }

    /** The exception a failed future stands for, as Redisson's blocking methods would throw it. */
    static RuntimeException unwrapped(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof RuntimeException e) {
            return e;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new RedisException("Unexpected exception while processing command", t);
    }

    /** Logs a failed give-back or release done in the background (nobody waits for it to throw to). */
    final void logIfFailed(Throwable failure, String what) {
        if (failure != null) {
            LOG.log(System.Logger.Level.WARNING, () -> "could not " + what + " of " + describe() + " at "
                    + backend.settings().maskedUrl() + ": " + RedisBackend.reason(unwrapped(failure))
                    + " (it is freed when its lease runs out)");
        }
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
