package io.multirunnable.persistence.spi;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
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
     * {@code true} if this driver streams a result ({@link #enableStreaming}) only while the
     * connection is in a transaction (auto-commit off), as pgjdbc does: outside one it reads the
     * whole result into memory whatever the fetch size. When this is {@code true} and a query
     * with a fetch size runs outside the caller's transaction, the library turns auto-commit off
     * on its own connection for the result's lifetime (for a {@code Cursor}: until it is closed),
     * then ends that read-only transaction (commit) and restores auto-commit before the
     * connection goes back to the pool. Default: {@code false}.
     *
     * @return whether streaming needs a transaction
     * @since 0.3
     */
    default boolean streamingNeedsTransaction() {
        return false;
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
     * Makes {@code statement} deliver its result about {@code fetchSize} rows at a time instead of
     * reading it whole into memory. Called after the statement is prepared and its parameters
     * bound, before it runs, on the connection the result will be read from (in a transaction if
     * {@link #streamingNeedsTransaction()}), and only when the user asked for a fetch size
     * ({@code fetchSize > 0}). The default calls {@link Statement#setFetchSize(int)}, which streams
     * on drivers that honour the fetch size as a batch size: pgjdbc (in a transaction), MariaDB
     * Connector/J, sqlite-jdbc (which streams anyway), H2. A driver that streams another way
     * overrides it: MySQL Connector/J streams row by row with {@code setFetchSize(Integer.MIN_VALUE)}
     * (its fetch size is ignored unless {@code useCursorFetch=true}).
     *
     * <p>While a streamed result is open some drivers (MySQL Connector/J) refuse other statements
     * on the same connection; the library documents that for cursors opened inside a transaction.
     *
     * @param statement the statement about to be executed
     * @param fetchSize the rows per round trip the user asked for, {@code > 0}
     * @throws SQLException as the JDBC driver reports it
     * @since 0.3
     */
    default void enableStreaming(Statement statement, int fetchSize) throws SQLException {
        statement.setFetchSize(fetchSize);
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
