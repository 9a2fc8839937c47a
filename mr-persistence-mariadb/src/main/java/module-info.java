/**
 * The MariaDB driver plugin for MultiRunnable persistence, on MariaDB Connector/J
 * ({@code org.mariadb.jdbc}, LGPL-2.1-or-later) for {@code jdbc:mariadb:} URLs. It exports
 * nothing: put it on the module path (or class path) and {@code io.multirunnable.persistence.Database}
 * finds it. The JDBC driver is reached through {@code java.sql.DriverManager} (service binding),
 * so this module requires {@code java.sql}, not the driver's module. {@code jdbc:mysql:} URLs stay
 * with mr-persistence-mysql (mysql-connector-j); both plugins can be installed together.
 *
 * @since 0.3
 */
module io.multirunnable.persistence.mariadb {
    requires io.multirunnable.persistence;
    requires java.sql;

    provides io.multirunnable.persistence.spi.DatabaseDriver with io.multirunnable.persistence.mariadb.internal.MariaDbDriver;
}
