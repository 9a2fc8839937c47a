package io.multirunnable.persistence.tck;

import io.multirunnable.persistence.ConnectionStrategy;
import java.sql.Connection;
import java.sql.SQLException;

/** What a nested suite of {@link DatabaseDriverContract} borrows from it: pools, tables, an admin connection. */
interface KitFixture {

    /** The driver name under test. */
    String driverName();

    /** A new pool of {@code size} connections, closed after the test. */
    ConnectionStrategy pool(String prefix, int size);

    /**
     * Creates a table with {@code columns} ({@code {key}} stands for a generated BIGINT primary
     * key in this database's syntax), dropped after the test; returns its name.
     */
    String table(String prefix, String columns) throws SQLException;

    /** A plain JDBC connection beside the library. */
    Connection adminConnection() throws SQLException;
}
