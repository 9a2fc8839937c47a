package io.multirunnable.persistence.internal;

import java.io.PrintWriter;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The parts of {@link DataSource} that none of our data sources use: no log writer (logging goes
 * through {@code System.Logger}), a login timeout that is only recorded (the wait is the
 * configuration's connection timeout), no {@code java.util.logging} parent, and no wrapped object.
 * Subclasses supply {@code getConnection}.
 */
abstract class PlainDataSource implements DataSource {
    private volatile int loginTimeoutSeconds;

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // unused: logging goes through System.Logger
    }

    /** Recorded only: the wait is the configuration's connection timeout. */
    @Override
    public void setLoginTimeout(int seconds) {
        loginTimeoutSeconds = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeoutSeconds;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("no java.util.logging parent logger");
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("not a wrapper for " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}
