package io.multirunnable.retry;

import io.multirunnable.internal.Check;
import java.time.Duration;

/**
 * One thing that happened during a retried call, for a {@link RetryListener}.
 *
 * <p>Per call the sequence is: for each attempt {@link Type#ATTEMPT_STARTED}, then either
 * nothing more for that attempt (it succeeded) or {@link Type#ATTEMPT_FAILED} followed, when a
 * retry follows, by {@link Type#RETRY_SCHEDULED}; finally exactly one of
 * {@link Type#SUCCEEDED}, {@link Type#RECOVERED} or {@link Type#FAILED}.
 *
 * @param type        what happened
 * @param attempt     the attempt concerned (1-based); for {@code RETRY_SCHEDULED} the attempt
 *                    that will run after the delay; for the final events the last attempt made
 * @param maxAttempts the policy's maximum number of attempts
 * @param delay       for {@code RETRY_SCHEDULED} the backoff before the next attempt, else zero
 * @param error       {@code ATTEMPT_FAILED}: what the attempt threw; {@code FAILED}: what the
 *                    caller gets; otherwise the last attempt's failure; null when there was none
 * @param elapsed     time since the call started, on the policy's {@link RetryClock}
 * @since 0.1
 */
public record RetryEvent(Type type, int attempt, int maxAttempts, Duration delay, Throwable error, Duration elapsed) {

    /** Validates the fields (type, delay and elapsed non-null; attempt and maxAttempts > 0). */
    public RetryEvent {
        Check.notNull(type, "type");
        Check.positive(attempt, "attempt");
        Check.positive(maxAttempts, "maxAttempts");
        Check.notNull(delay, "delay");
        Check.notNull(elapsed, "elapsed");
    }

    /** The kinds of event. */
    public enum Type {
        /** An attempt is about to run (before the initialization hook). */
        ATTEMPT_STARTED,
        /** An attempt threw (before the error hook runs). */
        ATTEMPT_FAILED,
        /** Another attempt will run after {@link #delay()}. */
        RETRY_SCHEDULED,
        /** The call ends with an attempt's (done-handled) result. */
        SUCCEEDED,
        /** The call ends with the error hook's fallback value after a failure. */
        RECOVERED,
        /** The call ends with an exception, {@link #error()}. */
        FAILED
    }
}
