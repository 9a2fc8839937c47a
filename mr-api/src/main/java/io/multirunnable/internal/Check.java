package io.multirunnable.internal;

import java.time.Duration;
import java.util.Collection;

/**
 * The one assertion helper behind every precondition in MultiRunnable. Messages name the
 * setting, the rule and the value, e.g. {@code "workers must be > 0 but was -1"}; callers
 * rely on that exact text.
 */
public final class Check {
    private Check() {
    }

    /** Throws {@link IllegalArgumentException} "{@code name} must not be null" if {@code value} is null. */
    public static <T> T notNull(T value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        return value;
    }

    /** {@code value > 0}, else "{@code name} must be > 0 but was {@code value}". */
    public static int positive(int value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0 but was " + value);
        }
        return value;
    }

    /** {@code value > 0}, else "{@code name} must be > 0 but was {@code value}". */
    public static long positive(long value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0 but was " + value);
        }
        return value;
    }

    /** {@code value >= 0}, else "{@code name} must be >= 0 but was {@code value}". */
    public static long notNegative(long value, String name) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be >= 0 but was " + value);
        }
        return value;
    }

    /** {@code value >= min}, else "{@code name} must be >= min but was {@code value}". */
    public static int atLeast(int value, int min, String name) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be >= " + min + " but was " + value);
        }
        return value;
    }

    /** Non-null and not negative, else "{@code name} must be >= 0 but was {@code value}". */
    public static Duration notNegative(Duration value, String name) {
        notNull(value, name);
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must be >= 0 but was " + value);
        }
        return value;
    }

    /** Non-null and strictly positive, else "{@code name} must be > 0 but was {@code value}". */
    public static Duration positive(Duration value, String name) {
        notNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be > 0 but was " + value);
        }
        return value;
    }

    /**
     * A timeout checked like {@link #notNegative(Duration, String)} (name {@code "timeout"}) and
     * converted to nanoseconds, saturated at {@link Long#MAX_VALUE} (about 292 years) so that
     * "wait practically forever" durations do not overflow.
     */
    public static long timeoutNanos(Duration timeout) {
        notNegative(timeout, "timeout");
        try {
            return timeout.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }

    /** Non-null and {@code >= min}, else "{@code name} must be >= min but was {@code value}". */
    public static Duration atLeast(Duration value, Duration min, String name) {
        notNull(value, name);
        if (value.compareTo(min) < 0) {
            throw new IllegalArgumentException(name + " must be >= " + min + " but was " + value);
        }
        return value;
    }

    /** Non-blank text, else "{@code name} must not be blank". */
    public static String notBlank(String value, String name) {
        notNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }

    /** A non-null collection with no null element, else "{@code name}[i] must not be null". */
    public static <C extends Collection<?>> C noNulls(C values, String name) {
        notNull(values, name);
        int i = 0;
        for (Object v : values) {
            if (v == null) {
                throw new IllegalArgumentException(name + "[" + i + "] must not be null");
            }
            i++;
        }
        return values;
    }

    /** A state precondition, else {@link IllegalStateException} with {@code message}. */
    public static void state(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }

    /** A general argument rule, else {@link IllegalArgumentException} with {@code message}. */
    public static void argument(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
