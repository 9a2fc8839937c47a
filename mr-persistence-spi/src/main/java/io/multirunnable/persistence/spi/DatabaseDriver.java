package io.multirunnable.persistence.spi;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * A database driver plugin: which JDBC URLs it serves, the connection settings that make it
 * fast (batch rewriting and the like), and how it opens a connection.
 *
 * <p>Implementations live in their own module and declare
 * {@code provides io.multirunnable.persistence.spi.DatabaseDriver with my.Driver;} (plus a
 * {@code META-INF/services/io.multirunnable.persistence.spi.DatabaseDriver} file for the class
 * path). A plugin module should {@code requires java.sql} and reach the JDBC driver through
 * {@link DriverManager} (the default {@link #connect}), not {@code requires} the JDBC driver's
 * automatic module name, which may change between releases.
 *
 * <p>Implementations must be thread-safe, stateless or immutable, and have a public
 * no-argument constructor.
 *
 * @since 0.1
 */
public interface DatabaseDriver {

    /** A short unique name users pick the driver by, e.g. {@code "postgresql"}; matched ignoring case. */
    String name();

    /** The JDBC URL prefixes this driver serves, e.g. {@code ["jdbc:postgresql:"]}. */
    List<String> urlPrefixes();

    /** {@code true} if {@code jdbcUrl} starts with one of {@link #urlPrefixes()} (ignoring case). */
    default boolean accepts(String jdbcUrl) {
        if (jdbcUrl == null) {
            return false;
        }
        String url = jdbcUrl.toLowerCase(Locale.ROOT);
        return urlPrefixes().stream().anyMatch(p -> url.startsWith(p.toLowerCase(Locale.ROOT)));
    }

    /**
     * Connection properties this driver adds to every connection unless the user set them,
     * typically its fastest batch settings (e.g. {@code reWriteBatchedInserts=true}).
     * Default: none.
     */
    default Map<String, String> defaultProperties() {
        return Map.of();
    }

    /**
     * Connection properties that bound the time to open one connection to {@code timeout}
     * (the configured connection timeout), in this driver's own property names and units.
     * Default: none.
     */
    default Map<String, String> connectTimeoutProperties(Duration timeout) {
        return Map.of();
    }

    /**
     * Opens a new physical connection. {@code properties} holds the user's connection
     * properties, {@code user} and {@code password} if configured, and
     * {@link #defaultProperties()} for keys the user did not set. The default asks
     * {@link DriverManager}, which finds the JDBC driver on the module path by service binding.
     *
     * @throws SQLException as the JDBC driver reports it (wrong credentials, unreachable server, ...)
     */
    default Connection connect(String jdbcUrl, Properties properties) throws SQLException {
        return DriverManager.getConnection(jdbcUrl, properties);
    }
    /**
     * What this driver can tell about the keys the database generates on insert, used by
     * {@link io.multirunnable.persistence.DatabaseOperator#returningKeys}. Default
     * {@link GeneratedKeySupport#BATCH}: the kit ({@code DatabaseDriverContract}) checks it, so a
     * plugin whose driver cannot do it must override this.
     *
     * @return the driver's level of support
     * @since 0.3
     */
    default GeneratedKeySupport generatedKeySupport() {
        return GeneratedKeySupport.BATCH;
    }

    /**
     * {@code true} if a backslash escapes the next character inside every {@code '...'} string
     * literal in this database's SQL (MySQL and MariaDB by default), so that {@code :name}
     * parameters are not looked for in {@code 'it\'s :x'}. Default {@code false} (standard SQL:
     * only {@code ''} escapes a quote; PostgreSQL's {@code E'...'} strings are recognised anyway).
     *
     * @return whether backslashes escape in string literals
     * @since 0.3
     */
    default boolean backslashEscapesInStrings() {
        return false;
    }

    /**
     * How a literal {@code ?} (an operator such as PostgreSQL's jsonb {@code ?|}) is written in a
     * prepared statement so that the JDBC driver does not take it for a placeholder: pgjdbc's
     * {@code "??"}. Empty (the default) if the driver has no such escape; SQL with {@code :name}
     * parameters and a {@code ?} operator is then refused with a message naming the driver.
     *
     * @return the escape, or empty
     * @since 0.3
     */
    default java.util.Optional<String> literalQuestionMark() {
        return java.util.Optional.empty();
    }
}
