package io.multirunnable.retry;

import io.multirunnable.internal.Check;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * Time as a retry sees it: reading the clock (for the deadline), sleeping between synchronous
 * attempts, and a non-blocking delay between asynchronous attempts. {@link #system()} is the
 * default; tests inject their own (with {@link RetryPolicyBuilder#withClock}) to check backoff
 * delays without waiting for them.
 *
 * <p>Implementations must be thread-safe: one policy, and so one clock, may serve many threads.
 *
 * @since 0.1
 */
public interface RetryClock {

    /** A monotonic time in nanoseconds, as {@link System#nanoTime()}; only differences matter. */
    long nanoTime();

    /**
     * Blocks the calling thread for {@code delay} (a positive duration).
     *
     * @throws InterruptedException if interrupted while sleeping
     */
    void sleep(Duration delay) throws InterruptedException;

    /**
     * A stage that completes after {@code delay} (a positive duration) without blocking any
     * thread while it waits.
     */
    CompletionStage<Void> delay(Duration delay);

    /**
     * The real clock: {@link System#nanoTime()}, {@link Thread#sleep(Duration)} (which on a virtual
     * thread frees its carrier) and {@link CompletableFuture#delayedExecutor} (no thread waits).
     */
    static RetryClock system() {
        return SystemClock.INSTANCE;
    }
}

/** The {@link RetryClock#system()} clock. */
enum SystemClock implements RetryClock {
    INSTANCE;

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public void sleep(Duration delay) throws InterruptedException {
        Thread.sleep(Check.notNegative(delay, "delay"));
    }

    @Override
    public CompletionStage<Void> delay(Duration delay) {
        Check.notNegative(delay, "delay");
        if (delay.isZero()) {
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.runAsync(() -> { },
                CompletableFuture.delayedExecutor(delay.toNanos(), TimeUnit.NANOSECONDS));
    }

    @Override
    public String toString() {
        return "RetryClock.system()";
    }
}
