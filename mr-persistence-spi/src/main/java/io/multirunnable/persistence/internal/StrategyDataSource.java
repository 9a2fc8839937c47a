package io.multirunnable.persistence.internal;

import io.multirunnable.persistence.ConnectionLease;
import io.multirunnable.persistence.ConnectionStrategy;
import io.multirunnable.persistence.ConnectionTimeoutException;
import io.multirunnable.persistence.DatabaseException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;

/**
 * A {@link javax.sql.DataSource} over a strategy's leases: {@code getConnection()} leases (waiting as
 * {@link ConnectionStrategy#acquire()} does) and hands out a view of the leased connection
 * whose {@code close()} gives the lease back instead of closing the physical connection. On
 * give-back, a transaction left open is rolled back and auto-commit, read-only and the
 * isolation level are put back as they were at lease time, so the next user (a
 * {@code DatabaseOperator} call, another tool) finds the connection as the strategy gave it.
 */
public final class StrategyDataSource extends PlainDataSource {
    private final ConnectionStrategy strategy;

    /** A data source over {@code strategy}. */
    public StrategyDataSource(ConnectionStrategy strategy) {
        this.strategy = strategy;
    }

    @Override
    public Connection getConnection() throws SQLException {
        ConnectionLease lease;
        try {
            lease = strategy.acquire();
        } catch (ConnectionTimeoutException e) {
            throw new SQLTransientConnectionException(e.getMessage(), e.sqlState() == null ? "08001" : e.sqlState(), e);
        } catch (DatabaseException | IllegalStateException e) {
            throw new SQLException(e.getMessage(), e instanceof DatabaseException d && d.sqlState() != null
                    ? d.sqlState() : "08003", e);
        }
        try {
            Connection c = lease.connection();
            Handler h = new Handler(lease, c, c.getAutoCommit(), c.isReadOnly(), c.getTransactionIsolation());
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, h);
        } catch (SQLException | RuntimeException e) {
            if (Jdbc.isConnectionFailure(e)) {
                lease.markBroken();
            }
            lease.close();
            throw e;
        }
    }

    /** Refused: the credentials are those of the strategy's {@code DatabaseConfig}. */
    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("connection strategy '" + strategy.name()
                + "' uses the credentials of its DatabaseConfig; call getConnection()");
    }

    @Override
    public String toString() {
        return "DataSource[" + strategy + "]";
    }

    private static final class Handler implements InvocationHandler {
        private final ConnectionLease lease;
        private final Connection c;
        private final boolean autoCommit;
        private final boolean readOnly;
        private final int isolation;
        private boolean closed;

        Handler(ConnectionLease lease, Connection c, boolean autoCommit, boolean readOnly, int isolation) {
            this.lease = lease;
            this.c = c;
            this.autoCommit = autoCommit;
            this.readOnly = readOnly;
            this.isolation = isolation;
        }

        @Override
        public Object invoke(Object proxy, Method m, Object[] args) throws Throwable {
            switch (m.getName()) {
                case "close" -> {
                    if (!closed) {
                        closed = true;
                        giveBack();
                    }
                    return null;
                }
                case "isClosed" -> {
                    return closed || c.isClosed();
                }
                case "equals" -> {
                    return proxy == args[0];
                }
                case "hashCode" -> {
                    return System.identityHashCode(proxy);
                }
                case "toString" -> {
                    return "Connection[leased from " + lease + (closed ? ", closed" : "") + "]";
                }
                case "unwrap", "isWrapperFor" -> {
                    if (((Class<?>) args[0]).isInstance(proxy)) {
                        return m.getName().equals("unwrap") ? proxy : Boolean.TRUE;
                    }
                }
                default -> {
                    // delegated below
                }
            }
            if (closed) {
                throw new SQLException("connection was closed (given back to its strategy)", "08003");
            }
            try {
                return m.invoke(c, args);
            } catch (InvocationTargetException e) {
                Throwable cause = e.getCause();
                if (Jdbc.isConnectionFailure(cause)) {
                    lease.markBroken();
                }
                throw cause;
            }
        }

        private void giveBack() throws SQLException {
            try {
                if (!c.isClosed()) {
                    if (c.getAutoCommit() != autoCommit) {
                        if (!c.getAutoCommit()) {
                            c.rollback();
                        }
                        c.setAutoCommit(autoCommit);
                    }
                    if (c.isReadOnly() != readOnly) {
                        c.setReadOnly(readOnly);
                    }
                    if (c.getTransactionIsolation() != isolation) {
                        c.setTransactionIsolation(isolation);
                    }
                }
            } catch (SQLException e) {
                lease.markBroken();
                throw e;
            } finally {
                lease.close();
            }
        }
    }
}
