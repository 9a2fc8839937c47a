package io.multirunnable.persistence;

import java.time.Duration;

/**
 * No connection became available within the configured connection timeout: the pool stayed
 * exhausted (every connection checked out) or the database could not be reached in time.
 * For a HikariCP pool the cause is HikariCP's {@link java.sql.SQLTransientConnectionException},
 * whose SQLState (if any) {@link #sqlState()} returns. When the pool could not open connections
 * (an outage), the message also names the last connection error HikariCP saw (since 0.2), e.g.
 * {@code "...; last connection error: ... Connection refused"}.
 *
 * @since 0.1
 */
public class ConnectionTimeoutException extends DatabaseException {
    private static final long serialVersionUID = 1L;

    private final String strategyName;
    private final Duration timeout;

    /**
     * A timeout of {@code strategyName} after {@code timeout}.
     *
     * @param strategyName the pool or single connection that timed out
     * @param timeout      the wait that elapsed
     * @param message      what happened
     * @param cause        the underlying exception, may be null
     */
    public ConnectionTimeoutException(String strategyName, Duration timeout, String message, Throwable cause) {
        super(message, cause);
        this.strategyName = strategyName;
        this.timeout = timeout;
    }

    /** The name of the pool (or single connection) that had no connection to give. */
    public String strategyName() {
        return strategyName;
    }

    /** The configured wait that elapsed. */
    public Duration timeout() {
        return timeout;
    }
}
