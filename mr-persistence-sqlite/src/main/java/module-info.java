/**
 * The SQLite driver plugin for MultiRunnable persistence, on sqlite-jdbc: the embedded default,
 * which needs no server. It exports nothing: put it on the module
 * path (or class path) and {@code io.multirunnable.persistence.Database} finds it. The JDBC
 * driver itself is reached through {@code java.sql.DriverManager} (service binding), so this
 * module requires {@code java.sql}, not the JDBC driver's module name.
 */
module io.multirunnable.persistence.sqlite {
    requires io.multirunnable.persistence;
    requires java.sql;

    provides io.multirunnable.persistence.spi.DatabaseDriver with io.multirunnable.persistence.sqlite.internal.SqliteDriver;
}
