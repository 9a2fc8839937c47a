package io.multirunnable.persistence.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.multirunnable.internal.Check;
import io.multirunnable.persistence.ConnectionLease;
import io.multirunnable.persistence.ConnectionStrategy;
import io.multirunnable.persistence.ConnectionTimeoutException;
import io.multirunnable.persistence.DatabaseConfig;
import io.multirunnable.persistence.DatabaseException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * A fixed-size HikariCP pool. Checkout blocks in HikariCP (a timed handoff queue, no polling)
 * for at most the connection timeout; HikariCP's {@link SQLTransientConnectionException}
 * becomes a {@link ConnectionTimeoutException} that keeps it as the cause.
 */
public final class HikariPoolStrategy implements ConnectionStrategy {
    private final DatabaseConfig config;
    private final Connector connector;
    private final HikariDataSource dataSource;

    /**
     * Opens the pool (HikariCP checks one connection at once, so wrong credentials or an
     * unreachable server fail here).
     *
     * @throws DatabaseException if the pool could not start; the cause chain says why
     */
    public HikariPoolStrategy(DatabaseConfig config) {
        this.config = Check.notNull(config, "config");
        this.connector = new Connector(config);
        HikariConfig hc = new HikariConfig();
        hc.setPoolName(config.poolName());
        hc.setDataSource(connector);
        hc.setMaximumPoolSize(config.poolSize());
        hc.setMinimumIdle(config.minimumIdle());
        hc.setMaxLifetime(config.maxLifetime().toMillis());
        hc.setKeepaliveTime(config.keepaliveTime().toMillis());
        hc.setIdleTimeout(config.idleTimeout().toMillis());
        hc.setLeakDetectionThreshold(config.leakDetectionThreshold().toMillis());
        hc.setReadOnly(config.readOnly());
        config.initSql().ifPresent(hc::setConnectionInitSql);
        config.metricsTrackerFactory().ifPresent(hc::setMetricsTrackerFactory);
        long timeoutMs = config.connectionTimeout().toMillis();
        hc.setConnectionTimeout(timeoutMs);
        hc.setValidationTimeout(Math.min(5_000, timeoutMs));
        hc.setInitializationFailTimeout(1);
        hc.setRegisterMbeans(config.jmx());
        try {
            this.dataSource = new HikariDataSource(hc);
        } catch (RuntimeException e) {
            throw new DatabaseException("could not open pool '" + config.poolName() + "' to " + connector.describe() + ": "
                    + Jdbc.describe(e), e);
        }
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
        return config.poolSize();
    }

    @Override
    public int activeConnections() {
        var mx = dataSource.getHikariPoolMXBean();
        return mx == null ? 0 : mx.getActiveConnections();
    }

    @Override
    public ConnectionLease acquire() {
        if (dataSource.isClosed()) { // message built only on failure: this is the checkout hot path
            throw new IllegalStateException("connection strategy '" + name() + "' is closed");
        }
        try {
            return new Lease(dataSource.getConnection());
        } catch (SQLTransientConnectionException e) {
            throw new ConnectionTimeoutException(name(), config.connectionTimeout(), "no connection from pool '" + name()
                    + "' within " + config.connectionTimeout() + " (pool size " + config.poolSize() + "): "
                    + Jdbc.describe(e) + lastConnectionError(e), e);
        } catch (SQLException e) {
            String what = Thread.currentThread().isInterrupted() ? "interrupted while waiting for a connection from pool '"
                    : "could not get a connection from pool '";
            throw new DatabaseException(what + name() + "' to " + connector.describe() + ": " + Jdbc.describe(e), e);
        }
    }

    /**
     * HikariCP keeps the last failure to open a connection as the timeout's cause: during an
     * outage that is the real news ("connection refused"), so it goes into our message.
     */
    private static String lastConnectionError(SQLTransientConnectionException e) {
        Throwable last = e.getCause();
        if (last == null || last == e) {
            return "";
        }
        StringBuilder s = new StringBuilder("; last connection error: ").append(Redact.url(Jdbc.describe(last)));
        Throwable root = last;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root != last && root.getMessage() != null) {
            s.append(" (").append(root.getClass().getSimpleName()).append(": ").append(Redact.url(root.getMessage())).append(')');
        }
        return s.toString();
    }

    @Override
    public boolean isClosed() {
        return dataSource.isClosed();
    }

    @Override
    public void close() {
        Pools.remove(this);
        dataSource.close();
    }

    @Override
    public String toString() {
        return "Pool[" + name() + ", size " + config.poolSize() + ", " + connector.describe()
                + (isClosed() ? ", closed" : "") + "]";
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
            return c;
        }

        @Override
        public void markBroken() {
            if (!released) {
                dataSource.evictConnection(c);
            }
        }

        @Override
        public void close() {
            if (!released) {
                released = true;
                Jdbc.closeQuietly(c);
            }
        }
    }
}
