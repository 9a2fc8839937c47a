package io.multirunnable.sync;

import java.time.Duration;

/**
 * Thrown by {@link Acquirable#acquire(Duration)} when the primitive could not be acquired in time;
 * nothing is held when it is thrown. (The {@code tryAcquire(Duration)} methods return {@code false}
 * instead.) Unchecked, so a timed guard fits in a lambda.
 *
 * @since 0.1
 */
public class SyncTimeoutException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The primitive's description, e.g. {@code "Lock 'orders'"}. */
    private final String primitive;
    /** The timeout that ran out. */
    private final transient Duration timeout;

    /**
     * Message: {@code "timed out after PT0.05S waiting for Lock 'orders'"}.
     *
     * @param primitive the primitive's description, e.g. {@code "Lock 'orders'"}
     * @param timeout   the timeout that ran out
     */
    public SyncTimeoutException(String primitive, Duration timeout) {
        super("timed out after " + timeout + " waiting for " + primitive);
        this.primitive = primitive;
        this.timeout = timeout;
    }

    /** The primitive's description, e.g. {@code "Lock 'orders'"}. */
    public String primitive() {
        return primitive;
    }

    /** The timeout that ran out. */
    public Duration timeout() {
        return timeout;
    }
}
