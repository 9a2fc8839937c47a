package io.multirunnable.persistence;

import io.multirunnable.persistence.internal.StrategyDataSource;
import javax.sql.DataSource;

/**
 * Where connections come from: one shared connection
 * ({@link Database#singleConnection(DatabaseConfig)}) or a HikariCP pool
 * ({@link Database#pool(DatabaseConfig)}). A {@link DatabaseOperator} leases a connection per
 * operation (or per transaction) and gives it back at once, so many workers can share one
 * strategy.
 *
 * <p>{@link #acquire()} waits at most the configured {@link DatabaseConfig#connectionTimeout()}
 * (blocked, never spinning) and then throws {@link ConnectionTimeoutException}. A single
 * connection is handed to one thread at a time (the same thread may lease it again while it
 * holds it). Implementations are thread-safe. {@link #close()} closes the connections; leases
 * still open become unusable.
 *
 * @since 0.1
 */
public interface ConnectionStrategy extends AutoCloseable {

    /** The strategy's name (the pool name; {@link DatabaseConfig#poolName()}). */
    String name();

    /** The configuration it was opened with (its {@code toString} hides the password). */
    DatabaseConfig config();

    /** The name of the {@link io.multirunnable.persistence.spi.DatabaseDriver} plugin in use. */
    String driverName();

    /** The most connections it hands out at once: the pool size, or 1 for a single connection. */
    int maxConnections();

    /** How many connections are leased right now (for monitoring and leak checks). */
    int activeConnections();

    /**
     * Leases a connection, waiting up to the connection timeout for one to be free.
     *
     * @throws ConnectionTimeoutException if none became free in time
     * @throws DatabaseException          if a connection could not be opened (the cause says why)
     *                                    or the thread was interrupted while waiting (its
     *                                    interrupt flag is set again)
     * @throws IllegalStateException      if the strategy is closed
     */
    ConnectionLease acquire();

    /**
     * A {@link javax.sql.DataSource} over this strategy, to share it with tools that take one
     * (Flyway, Liquibase, jOOQ, Jdbi, Spring's JdbcTemplate...).
     *
     * <p>{@code getConnection()} leases a connection exactly as {@link #acquire()} does: it waits
     * up to the connection timeout, then throws {@link java.sql.SQLTransientConnectionException}.
     * {@code close()} on the connection gives it back (it never closes a pooled or the single
     * connection): an unfinished transaction is rolled back, and auto-commit, read-only and the
     * isolation level are restored. For a pool that is one of its connections, counted in
     * {@link #activeConnections()}. For a single connection it is <em>the</em> connection: one
     * borrower at a time, so a second {@code getConnection()} on another thread waits until the
     * first is closed; the thread that holds it (for example inside
     * {@link DatabaseOperator#inTransaction}) gets the same connection again, joining that
     * transaction. On a pool, a connection from the data source is always a separate connection,
     * outside any {@link DatabaseOperator} transaction of the thread. Credentials come from the
     * {@link DatabaseConfig}: {@code getConnection(user, password)} is refused.
     *
     * <p>Thread-safe; each call returns a view over the same strategy, so closing the strategy
     * makes every data source of it unusable.
     *
     * @since 0.2
     */
    default DataSource dataSource() {
        return new StrategyDataSource(this);
    }

    /** {@code true} once {@link #close()} was called. */
    boolean isClosed();

    /** Closes every connection (and removes a pool from the named-pool registry). Idempotent. */
    @Override
    void close();
}
