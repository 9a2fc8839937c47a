package io.multirunnable.retry;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * An immutable retry policy: how many attempts, how long to wait between them, which failures
 * are retried, an optional overall deadline, the four hooks of the seed's {@code @retry}
 * ({@code initialization}, {@code done_handling}, {@code error_handling},
 * {@code final_handling}) and listeners. Made by {@link RetryPolicyBuilder}; run by {@link Retry}.
 *
 * <pre>{@code
 * RetryPolicy<String> policy = RetryPolicy.<String>builder()
 *         .withMaxAttempts(3)                                  // the seed's @retry(timeout=3)
 *         .withBackoff(Backoff.exponential(Duration.ofMillis(100), Duration.ofSeconds(2)).withJitter(0.2))
 *         .onInitialization(() -> System.out.println("attempt"))
 *         .onDone(result -> result.trim())
 *         .onError(error -> { System.out.println("failed: " + error); throw error; })
 *         .onFinal(() -> System.out.println("done"))
 *         .build();
 * String page = Retry.of(policy).call(() -> fetch(url));
 * }</pre>
 *
 * <p>Defaults: 1 attempt (no retry), {@link Backoff#none()}, every {@link Exception} retried
 * ({@link Error}s and interrupts never), no deadline, hooks that do nothing (the error hook
 * rethrows, so the last failure propagates unchanged), no listener, {@link RetryClock#system()}.
 *
 * <p>Thread-safety: immutable; one policy may be shared by any number of threads and calls
 * (each call keeps its own state). The hooks and listeners it holds must be thread-safe then.
 *
 * @param <T> the result type of the calls it governs (the hooks see it)
 * @since 0.1
 */
public final class RetryPolicy<T> {
    private final int maxAttempts;
    private final Backoff backoff;
    private final Predicate<? super Exception> retryOn;
    private final String retryOnDescription;
    private final Duration deadline;
    private final RetryHook onInitialization;
    private final DoneHandler<T> onDone;
    private final ErrorHandler<T> onError;
    private final RetryHook onFinal;
    private final RetryHook onAttemptEnd;
    private final List<RetryListener> listeners;
    private final RetryClock clock;

    RetryPolicy(RetryPolicyBuilder<T> b) {
        this.maxAttempts = b.maxAttempts;
        this.backoff = b.backoff;
        this.retryOn = b.retryOn;
        this.retryOnDescription = b.retryOnDescription;
        this.deadline = b.deadline;
        this.onInitialization = b.onInitialization;
        this.onDone = b.onDone;
        this.onError = b.onError;
        this.onFinal = b.onFinal;
        this.onAttemptEnd = b.onAttemptEnd;
        this.listeners = List.copyOf(b.listeners);
        this.clock = b.clock;
    }

    /** A builder with the defaults. */
    public static <T> RetryPolicyBuilder<T> builder() {
        return new RetryPolicyBuilder<>();
    }

    /**
     * A policy of {@code maxAttempts} attempts and otherwise the defaults (the seed's
     * {@code @retry(timeout=maxAttempts)}).
     *
     * @throws IllegalArgumentException "maxAttempts must be >= 1 but was 0"
     */
    public static <T> RetryPolicy<T> ofAttempts(int maxAttempts) {
        return RetryPolicy.<T>builder().withMaxAttempts(maxAttempts).build();
    }

    /** A builder holding this policy's settings, to derive a changed copy. */
    public RetryPolicyBuilder<T> toBuilder() {
        return new RetryPolicyBuilder<>(this);
    }

    /** The maximum number of attempts, {@code >= 1} (1 = no retry). */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** The delays between attempts. */
    public Backoff backoff() {
        return backoff;
    }

    /** Whether a failed attempt's exception may be retried (before attempts, deadline and interrupts are considered). */
    public Predicate<? super Exception> retryOn() {
        return retryOn;
    }

    /** The overall time limit, if any: no attempt starts (and no backoff begins) that would end past it. */
    public Optional<Duration> deadline() {
        return Optional.ofNullable(deadline);
    }

    /** Runs before each attempt. */
    public RetryHook onInitialization() {
        return onInitialization;
    }

    /** Maps the successful result to the caller's result. */
    public DoneHandler<T> onDone() {
        return onDone;
    }

    /** Runs after each failed attempt; see {@link ErrorHandler}. */
    public ErrorHandler<T> onError() {
        return onError;
    }

    /** Runs exactly once per call, at the very end. */
    public RetryHook onFinal() {
        return onFinal;
    }

    /**
     * Runs after every attempt, success or failure: the Python original's {@code final_handling}
     * (see {@link RetryPolicyBuilder#onAttemptEnd}).
     *
     * @since 0.2
     */
    public RetryHook onAttemptEnd() {
        return onAttemptEnd;
    }

    /** The listeners, in the order they were added. */
    public List<RetryListener> listeners() {
        return listeners;
    }

    /** The clock used for backoff and the deadline. */
    public RetryClock clock() {
        return clock;
    }

    /**
     * {@code true} if a failed attempt's exception is retryable under {@link #retryOn()}: never for
     * {@link InterruptedException}.
     */
    public boolean isRetryable(Exception error) {
        return !(error instanceof InterruptedException) && retryOn.test(error);
    }

    String retryOnDescription() {
        return retryOnDescription;
    }

    @Override
    public String toString() {
        return "RetryPolicy[maxAttempts=" + maxAttempts + ", backoff=" + backoff + ", retryOn=" + retryOnDescription
                + ", deadline=" + (deadline == null ? "none" : deadline) + ", listeners=" + listeners.size() + "]";
    }
}
