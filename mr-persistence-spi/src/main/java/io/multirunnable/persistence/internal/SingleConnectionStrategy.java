package io.multirunnable.persistence.internal;

import io.multirunnable.internal.Check;
import io.multirunnable.persistence.ConnectionLease;
import io.multirunnable.persistence.ConnectionStrategy;
import io.multirunnable.persistence.ConnectionTimeoutException;
import io.multirunnable.persistence.DatabaseConfig;
import io.multirunnable.persistence.DatabaseException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One connection handed to one thread at a time (a fair lock; the holder may lease it again).
 * It is opened on first use, checked with {@link Connection#isValid} when it was idle for more
 * than {@value #VALIDATE_AFTER_IDLE_MS} ms, and reopened when found closed, invalid or
 * {@linkplain ConnectionLease#markBroken() broken}.
 */
public final class SingleConnectionStrategy implements ConnectionStrategy {
    static final long VALIDATE_AFTER_IDLE_MS = 500;

    private final DatabaseConfig config;
    private final Connector connector;
    private final ReentrantLock lock = new ReentrantLock(true);
    private volatile Connection connection; // replaced only by the lock holder
    private long lastReleasedNanos; // guarded by lock
    private volatile boolean closed;

    /** A strategy for {@code config}; opens nothing yet. */
    public SingleConnectionStrategy(DatabaseConfig config) {
        this.config = Check.notNull(config, "config");
        this.connector = new Connector(config);
    }

    @Override
    public String name() {
        return config.poolName();
    }

    @Override
    public DatabaseConfig config() {
        return config;
    }

    @Override
    public String driverName() {
        return connector.driver().name();
    }

    @Override
    public int maxConnections() {
        return 1;
    }

    @Override
    public int activeConnections() {
        return lock.isLocked() ? 1 : 0;
    }

    @Override
    public ConnectionLease acquire() {
        Check.state(!closed, "connection strategy '" + name() + "' is closed");
        boolean got;
        try {
            got = lock.tryLock(config.connectionTimeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatabaseException("interrupted while waiting for the single connection '" + name() + "'", e);
        }
        if (!got) {
            throw new ConnectionTimeoutException(name(), config.connectionTimeout(), "no connection from single connection '"
                    + name() + "' within " + config.connectionTimeout() + ": another thread holds it", null);
        }
        try {
            Check.state(!closed, "connection strategy '" + name() + "' is closed");
            return new Lease(ensureOpen());
        } catch (RuntimeException | Error e) {
            lock.unlock();
            throw e;
        }
    }

    private Connection ensureOpen() {
        Connection c = connection;
        if (c != null && lock.getHoldCount() == 1) {
            boolean usable;
            try {
                long idleMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastReleasedNanos);
                usable = !c.isClosed() && (idleMs <= VALIDATE_AFTER_IDLE_MS || c.isValid(validationSeconds()));
            } catch (SQLException e) {
                usable = false;
            }
            if (!usable) {
                Jdbc.closeQuietly(c);
                c = null;
                connection = null;
            }
        }
        if (c == null) {
            try {
                c = connector.open();
            } catch (SQLException | RuntimeException e) {
                throw new DatabaseException("could not open a connection to " + connector.describe() + ": "
                        + Jdbc.describe(e), e);
            }
            prepare(c);
            connection = c;
        }
        return c;
    }

    /** What HikariCP does for a pool's new connections: read-only flag, then the init SQL. */
    private void prepare(Connection c) {
        try {
            if (config.readOnly()) {
                c.setReadOnly(true);
            }
            if (config.initSql().isPresent()) {
                try (Statement s = c.createStatement()) {
                    s.execute(config.initSql().get());
                }
            }
        } catch (SQLException | RuntimeException e) {
            Jdbc.closeQuietly(c);
            throw new DatabaseException("could not prepare a new connection to " + connector.describe()
                    + " (read-only flag / init SQL): " + Jdbc.describe(e), e);
        }
    }

    private int validationSeconds() {
        return (int) Math.max(1, Math.min(5, config.connectionTimeout().toSeconds()));
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
        Connection c = connection;
        connection = null;
        if (c != null) {
            Jdbc.closeQuietly(c);
        }
    }

    @Override
    public String toString() {
        return "SingleConnection[" + name() + ", " + connector.describe() + (closed ? ", closed" : "") + "]";
    }

    private final class Lease implements ConnectionLease {
        private final Connection c;
        private boolean released;

        Lease(Connection c) {
            this.c = c;
        }

        @Override
        public Connection connection() {
            Check.state(!released, "connection lease is closed");
            Check.state(!closed, "connection strategy '" + name() + "' is closed");
            return c;
        }

        @Override
        public void markBroken() {
            if (!released && connection == c) {
                connection = null;
                Jdbc.closeQuietly(c);
            }
        }

        @Override
        public void close() {
            if (!released) {
                released = true;
                lastReleasedNanos = System.nanoTime();
                lock.unlock();
            }
        }
    }
}
