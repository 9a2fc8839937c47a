package io.multirunnable.persistence.internal;

import io.multirunnable.persistence.DatabaseConfig;
import io.multirunnable.persistence.spi.DatabaseDriver;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;

/**
 * Opens physical connections through a driver plugin with the merged properties: the plugin's
 * defaults and connect-timeout settings, then the user's properties, then user/password. Also
 * the {@link javax.sql.DataSource} HikariCP draws from.
 */
public final class Connector extends PlainDataSource {
    private final DatabaseDriver driver;
    private final DatabaseConfig config;
    private final Properties properties = new Properties();

    /** A connector for {@code config}, with the driver chosen by name or else by URL. */
    public Connector(DatabaseConfig config) {
        this.config = config;
        this.driver = config.driver().map(Drivers::byName).orElseGet(() -> Drivers.byUrl(config.url()));
        properties.putAll(driver.defaultProperties());
        properties.putAll(driver.connectTimeoutProperties(config.connectionTimeout()));
        properties.putAll(config.properties());
        config.user().ifPresent(u -> properties.setProperty("user", u));
        config.password().ifPresent(p -> properties.setProperty("password", p));
    }

    /** The driver plugin. */
    public DatabaseDriver driver() {
        return driver;
    }

    /** The connection properties with secrets hidden, for messages. */
    public String describe() {
        return Redact.url(config.url()) + " via driver '" + driver.name() + "'";
    }

    /** Opens a new physical connection. */
    public Connection open() throws SQLException {
        Properties copy = new Properties();
        copy.putAll(properties);
        Connection c = driver.connect(config.url(), copy);
        if (c == null) {
            throw new SQLException("driver '" + driver.name() + "' returned no connection for " + Redact.url(config.url()),
                    "08001");
        }
        return c;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return open();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("credentials come from the DatabaseConfig");
    }

    /** Secret-free description (HikariCP may log it). */
    @Override
    public String toString() {
        return "Connector[" + describe() + ", properties=" + Redact.properties(properties) + "]";
    }
}
