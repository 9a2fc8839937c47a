package io.multirunnable;

import io.multirunnable.internal.Check;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Static helpers that work the same in every {@link RunningMode}.
 *
 * @since 0.1
 */
public final class MultiRunnable {
    private MultiRunnable() {
    }

    /**
     * Sleeps for {@code duration}. On a virtual thread (GREEN_THREAD) the carrier thread is
     * released while sleeping.
     *
     * @throws InterruptedException     if interrupted while sleeping; the interrupt flag is cleared, as with {@link Thread#sleep}
     * @throws IllegalArgumentException if {@code duration} is null or negative
     */
    public static void sleep(Duration duration) throws InterruptedException {
        Check.notNegative(duration, "duration");
        Thread.sleep(duration);
    }

    /** {@link #sleep(Duration)} in milliseconds. */
    public static void sleep(long millis) throws InterruptedException {
        Check.notNegative(millis, "millis");
        Thread.sleep(millis);
    }

    /**
     * A stage that completes after {@code duration} without blocking any thread, for
     * {@link RunningMode#ASYNCHRONOUS} code: {@code delay(d).thenCompose(v -> next())}.
     *
     * @throws IllegalArgumentException if {@code duration} is null or negative
     */
    public static CompletableFuture<Void> delay(Duration duration) {
        Check.notNegative(duration, "duration");
        return CompletableFuture.runAsync(() -> { },
                CompletableFuture.delayedExecutor(duration.toNanos(), TimeUnit.NANOSECONDS));
    }
}
