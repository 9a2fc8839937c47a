package io.multirunnable.persistence.sqlite;

import io.multirunnable.persistence.tck.DatabaseDriverContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The DatabaseDriver contract on the SQLite plugin, one database file per test in a temporary directory. */
class SqliteDriverContractTest extends DatabaseDriverContract {
    @TempDir
    Path dir;

    @Override
    protected String jdbcUrl() {
        return "jdbc:sqlite:" + dir.resolve("contract.db");
    }

    @Override
    protected String driverName() {
        return "sqlite";
    }
}
