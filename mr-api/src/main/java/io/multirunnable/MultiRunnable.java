package io.multirunnable;

import io.multirunnable.internal.Check;
import io.multirunnable.internal.Providers;
import io.multirunnable.retry.spi.RetryProvider;
import io.multirunnable.spi.RunnerProvider;
import java.time.Duration;
import java.util.List;
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

    /**
     * The runner provider in use: the one named by the system property {@value RunnerProvider#PROPERTY}
     * (read on every call) if set, else {@code "local"} if installed, else the first by name.
     * Providers are discovered once and cached.
     *
     * @throws IllegalStateException    if none is installed (names the module to add)
     * @throws IllegalArgumentException if the property names one that is not installed (lists the installed ones)
     * @since 0.2
     */
    public static RunnerProvider runnerProvider() {
        return Providers.runners().selected();
    }

    /**
     * Every installed runner provider, ordered by name, broken ones logged and skipped. Unmodifiable.
     *
     * @since 0.2
     */
    public static List<RunnerProvider> runnerProviders() {
        return Providers.runners().all();
    }

    /**
     * The retry engine in use: the one named by the system property {@value RetryProvider#PROPERTY}
     * (read on every call) if set, else {@code "local"} if installed, else the first by name.
     * Engines are discovered once and cached.
     *
     * @throws IllegalStateException    if none is installed (names the module to add)
     * @throws IllegalArgumentException if the property names one that is not installed (lists the installed ones)
     * @since 0.2
     */
    public static RetryProvider retryProvider() {
        return Providers.retries().selected();
    }

    /**
     * Every installed retry engine, ordered by name, broken ones logged and skipped. Unmodifiable.
     *
     * @since 0.2
     */
    public static List<RetryProvider> retryProviders() {
        return Providers.retries().all();
    }
}
