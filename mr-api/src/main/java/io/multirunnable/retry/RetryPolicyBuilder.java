package io.multirunnable.retry;

import io.multirunnable.internal.Check;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Builds a {@link RetryPolicy}. Not thread-safe; the policy it builds is immutable and is not
 * affected by later changes to the builder. Defaults are listed on {@link RetryPolicy}.
 *
 * <p>Every setter rejects bad input at once with an {@link IllegalArgumentException} naming the
 * setting, e.g. {@code "maxAttempts must be >= 1 but was 0"} or
 * {@code "onError must not be null"}.
 *
 * @param <T> the result type the hooks see
 * @since 0.1
 */
public final class RetryPolicyBuilder<T> {
    private static final RetryHook NOTHING = () -> { };

    int maxAttempts = 1;
    Backoff backoff = Backoff.none();
    Predicate<? super Exception> retryOn = e -> true;
    String retryOnDescription = "any Exception";
    Duration deadline;
    RetryHook onInitialization = NOTHING;
    DoneHandler<T> onDone = result -> result;
    ErrorHandler<T> onError = error -> {
        throw error;
    };
    RetryHook onFinal = NOTHING;
    RetryHook onAttemptEnd = NOTHING;
    final List<RetryListener> listeners = new ArrayList<>();
    RetryClock clock = RetryClock.system();

    RetryPolicyBuilder() {
    }

    RetryPolicyBuilder(RetryPolicy<T> p) {
        maxAttempts = p.maxAttempts();
        backoff = p.backoff();
        retryOn = p.retryOn();
        retryOnDescription = p.retryOnDescription();
        deadline = p.deadline().orElse(null);
        onInitialization = p.onInitialization();
        onDone = p.onDone();
        onError = p.onError();
        onFinal = p.onFinal();
        onAttemptEnd = p.onAttemptEnd();
        listeners.addAll(p.listeners());
        clock = p.clock();
    }

    /**
     * The maximum number of attempts, the first included (the seed's {@code timeout}). Default 1.
     *
     * @throws IllegalArgumentException "maxAttempts must be >= 1 but was 0"
     */
    public RetryPolicyBuilder<T> withMaxAttempts(int maxAttempts) {
        this.maxAttempts = Check.atLeast(maxAttempts, 1, "maxAttempts");
        return this;
    }

    /**
     * The delays between attempts. Default {@link Backoff#none()}.
     *
     * @throws IllegalArgumentException "backoff must not be null"
     */
    public RetryPolicyBuilder<T> withBackoff(Backoff backoff) {
        this.backoff = Check.notNull(backoff, "backoff");
        return this;
    }

    /**
     * Shortcut for {@code withBackoff(Backoff.fixed(delay))}.
     *
     * @throws IllegalArgumentException "delay must be >= 0 but was PT-1S"
     */
    public RetryPolicyBuilder<T> withDelay(Duration delay) {
        return withBackoff(Backoff.fixed(delay));
    }

    /**
     * Retry only failures that are an instance of one of {@code types} (others end the call
     * after the error hook). Replaces any earlier {@code retryOn}. Default: every Exception.
     *
     * @throws IllegalArgumentException "retryOn must not be null", "retryOn[1] must not be null",
     *     or "retryOn must name at least one exception class"
     */
    @SafeVarargs
    public final RetryPolicyBuilder<T> retryOn(Class<? extends Exception>... types) {
        Check.noNulls(Arrays.asList(Check.notNull(types, "retryOn")), "retryOn");
        Check.argument(types.length > 0, "retryOn must name at least one exception class");
        List<Class<? extends Exception>> copy = List.of(types);
        this.retryOn = e -> copy.stream().anyMatch(t -> t.isInstance(e));
        this.retryOnDescription = copy.stream().map(Class::getName).collect(Collectors.joining(", ", "[", "]"));
        return this;
    }

    /**
     * Retry only failures {@code predicate} accepts. Replaces any earlier {@code retryOn}. A
     * predicate that throws ends the call with that exception. {@link InterruptedException} is
     * never retried, whatever the predicate says.
     *
     * @throws IllegalArgumentException "retryOn must not be null"
     */
    public RetryPolicyBuilder<T> retryOn(Predicate<? super Exception> predicate) {
        this.retryOn = Check.notNull(predicate, "retryOn");
        this.retryOnDescription = "predicate";
        return this;
    }

    /**
     * An overall time limit measured on the policy's clock from the start of the call: a retry
     * whose backoff would end past it is not made (the last failure then propagates, or the error
     * hook's fallback is returned). A running attempt is never interrupted. Default: none.
     *
     * @throws IllegalArgumentException "deadline must be > 0 but was PT0S"
     */
    public RetryPolicyBuilder<T> withDeadline(Duration deadline) {
        this.deadline = Check.positive(deadline, "deadline");
        return this;
    }

    /** Removes the deadline. */
    public RetryPolicyBuilder<T> withoutDeadline() {
        this.deadline = null;
        return this;
    }

    /**
     * The seed's {@code initialization}: runs before each attempt. An exception from it ends the
     * call (not retried).
     *
     * @throws IllegalArgumentException "onInitialization must not be null"
     */
    public RetryPolicyBuilder<T> onInitialization(RetryHook hook) {
        this.onInitialization = Check.notNull(hook, "onInitialization");
        return this;
    }

    /**
     * The seed's {@code done_handling}: runs once after the successful attempt; its return value
     * is the caller's result. An exception from it ends the call (not retried).
     *
     * @throws IllegalArgumentException "onDone must not be null"
     */
    public RetryPolicyBuilder<T> onDone(DoneHandler<T> handler) {
        this.onDone = Check.notNull(handler, "onDone");
        return this;
    }

    /**
     * The seed's {@code error_handling}: runs after every failed attempt; may return a fallback
     * or rethrow. See {@link ErrorHandler} for the exact rules.
     *
     * @throws IllegalArgumentException "onError must not be null"
     */
    public RetryPolicyBuilder<T> onError(ErrorHandler<T> handler) {
        this.onError = Check.notNull(handler, "onError");
        return this;
    }

    /**
     * The seed's {@code final_handling}: runs exactly once at the very end of every call,
     * success or failure (like {@code finally}).
     *
     * @throws IllegalArgumentException "onFinal must not be null"
     */
    public RetryPolicyBuilder<T> onFinal(RetryHook hook) {
        this.onFinal = Check.notNull(hook, "onFinal");
        return this;
    }

    /**
     * The seed's {@code final_handling} as the Python original runs it: after <em>every</em> attempt,
     * success or failure, like a {@code finally} around each attempt. It runs after that attempt's
     * {@link #onDone onDone} or {@link #onError onError} (also when they or
     * {@link #onInitialization onInitialization} threw) and before the backoff delay; {@link #onFinal
     * onFinal} still runs once, after the last attempt's {@code onAttemptEnd}. An exception from it ends
     * the call (not retried); if the attempt already failed for good, it is added to that failure as
     * suppressed instead. Default: nothing.
     *
     * <p>Python original → here: {@code initialization} → {@code onInitialization},
     * {@code done_handling} → {@code onDone}, {@code error_handling} → {@code onError},
     * {@code final_handling} → {@code onAttemptEnd} (per attempt, as the original) or
     * {@code onFinal} (once per call).
     *
     * @throws IllegalArgumentException "onAttemptEnd must not be null"
     * @since 0.2
     */
    public RetryPolicyBuilder<T> onAttemptEnd(RetryHook hook) {
        this.onAttemptEnd = Check.notNull(hook, "onAttemptEnd");
        return this;
    }

    /**
     * Adds a listener for {@link RetryEvent}s (several may be added; called in order).
     *
     * @throws IllegalArgumentException "listener must not be null"
     */
    public RetryPolicyBuilder<T> withListener(RetryListener listener) {
        listeners.add(Check.notNull(listener, "listener"));
        return this;
    }

    /**
     * The clock used to sleep between attempts, delay async attempts and measure the deadline.
     * Default {@link RetryClock#system()}; tests inject a fake one.
     *
     * @throws IllegalArgumentException "clock must not be null"
     */
    public RetryPolicyBuilder<T> withClock(RetryClock clock) {
        this.clock = Check.notNull(clock, "clock");
        return this;
    }

    /** The immutable policy. */
    public RetryPolicy<T> build() {
        return new RetryPolicy<>(this);
    }
}
