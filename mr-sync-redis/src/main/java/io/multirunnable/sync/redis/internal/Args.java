package io.multirunnable.sync.redis.internal;

import java.time.Duration;

/**
 * Argument checks with exactly the messages of {@code io.multirunnable.internal.Check}, which
 * {@code io.multirunnable.api} exports only to the modules it lists (this plugin is not among them).
 */
public final class Args {
    private Args() {
    }

    /** "{@code what} must not be null". */
    public static <T> T notNull(T value, String what) {
        if (value == null) {
            throw new IllegalArgumentException(what + " must not be null");
        }
        return value;
    }

    /** "{@code what} must not be blank". */
    public static String notBlank(String value, String what) {
        notNull(value, what);
        if (value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        return value;
    }

    /** "{@code what} must be > 0 but was V". */
    public static int positive(int value, String what) {
        if (value <= 0) {
            throw new IllegalArgumentException(what + " must be > 0 but was " + value);
        }
        return value;
    }

    /** "{@code what} must be >= 0 but was V" (and not null). */
    public static Duration notNegative(Duration value, String what) {
        notNull(value, what);
        if (value.isNegative()) {
            throw new IllegalArgumentException(what + " must be >= 0 but was " + value);
        }
        return value;
    }

    /** "{@code what} must be > 0 but was V" (and not null). */
    public static Duration positive(Duration value, String what) {
        notNull(value, what);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(what + " must be > 0 but was " + value);
        }
        return value;
    }

    /** "{@code what} must be >= MIN but was V" (and not null). */
    public static Duration atLeast(Duration value, Duration min, String what) {
        notNull(value, what);
        if (value.compareTo(min) < 0) {
            throw new IllegalArgumentException(what + " must be >= " + min + " but was " + value);
        }
        return value;
    }

    /** The timeout in nanoseconds (checked {@code >= 0}), saturated at {@link Long#MAX_VALUE}. */
    public static long nanos(Duration timeout) {
        notNegative(timeout, "timeout");
        try {
            return timeout.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }
}
