package io.multirunnable.persistence;

import java.sql.Connection;

/**
 * One connection checked out of a {@link ConnectionStrategy}, for as long as the lease is
 * open. {@link #close()} gives it back (to the pool, or unlocks the single connection); never
 * close the {@link #connection()} itself. Use from one thread at a time.
 *
 * <pre>{@code
 * try (ConnectionLease lease = pool.acquire()) {
 *     Connection c = lease.connection();   // plain JDBC
 * }
 * }</pre>
 *
 * @since 0.1
 */
public interface ConnectionLease extends AutoCloseable {

    /**
     * The leased connection.
     *
     * @throws IllegalStateException if the lease is closed
     */
    Connection connection();

    /**
     * Marks the connection unusable (for example the server dropped it): the strategy closes
     * it instead of handing it out again, and opens a fresh one when needed.
     */
    void markBroken();

    /** Gives the connection back. Idempotent. */
    @Override
    void close();
}
