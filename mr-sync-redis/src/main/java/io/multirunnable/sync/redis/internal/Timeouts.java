package io.multirunnable.sync.redis.internal;

import java.time.Duration;

/** Timeout conversion shared by the Redis primitives. */
public final class Timeouts {
    private Timeouts() {
    }

    /** The timeout in nanoseconds (checked {@code >= 0}), saturated at {@link Long#MAX_VALUE}. */
    public static long nanos(Duration timeout) {
        io.multirunnable.internal.Check.notNegative(timeout, "timeout");
        try {
            return timeout.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }
}
