/**
 * MySQL driver plugin (mysql-connector-j), also for MariaDB servers.
 */
module io.multirunnable.persistence.mysql {
    requires io.multirunnable.persistence;
}
