package io.multirunnable.persistence.mysql.internal;

import io.multirunnable.persistence.spi.DatabaseDriver;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * MySQL Connector/J ({@code jdbc:mysql:} URLs), for MySQL and MariaDB servers. Turns on
 * {@code rewriteBatchedStatements} (off by default in Connector/J) so a JDBC batch of INSERTs
 * becomes multi-row INSERTs, and bounds connecting with {@code connectTimeout} (ms). Streams a
 * result row by row with {@code setFetchSize(Integer.MIN_VALUE)}: Connector/J ignores a positive
 * fetch size unless {@code useCursorFetch=true}.
 */
public final class MySqlDriver implements DatabaseDriver {

    /** Public no-argument constructor for ServiceLoader. */
    public MySqlDriver() {
    }

    @Override
    public String name() {
        return "mysql";
    }

    @Override
    public List<String> urlPrefixes() {
        return List.of("jdbc:mysql:");
    }

    @Override
    public Map<String, String> defaultProperties() {
        return Map.of("rewriteBatchedStatements", "true");
    }

    @Override
    public Map<String, String> connectTimeoutProperties(Duration timeout) {
        return Map.of("connectTimeout", Long.toString(Math.min(Integer.MAX_VALUE, timeout.toMillis())));
    }

    /**
     * Connector/J's row-by-row streaming: {@code Integer.MIN_VALUE} is its documented switch (a positive
     * fetch size is ignored unless {@code useCursorFetch=true}, which would also turn on server-side
     * prepared statements for everything). The requested size is therefore not used. While such a
     * result is open the connection runs no other statement, and closing it early reads the rest of
     * the rows off the wire.
     */
    @Override
    public void enableStreaming(Statement statement, int fetchSize) throws SQLException {
        statement.setFetchSize(Integer.MIN_VALUE);
    }

    /** MySQL and MariaDB read a backslash in a string literal as an escape (unless sql_mode has NO_BACKSLASH_ESCAPES). */
    @Override
    public boolean backslashEscapesInStrings() {
        return true;
    }
}
