/**
 * The MySQL driver plugin for MultiRunnable persistence, on mysql-connector-j; it also serves
 * MariaDB servers under {@code jdbc:mysql:} URLs (for MariaDB Connector/J and {@code jdbc:mariadb:}
 * use mr-persistence-mariadb). It exports nothing: put it on the module
 * path (or class path) and {@code io.multirunnable.persistence.Database} finds it. The JDBC
 * driver itself is reached through {@code java.sql.DriverManager} (service binding), so this
 * module requires {@code java.sql}, not the JDBC driver's module name.
 */
module io.multirunnable.persistence.mysql {
    requires io.multirunnable.persistence;
    requires java.sql;

    provides io.multirunnable.persistence.spi.DatabaseDriver with io.multirunnable.persistence.mysql.internal.MySqlDriver;
}
