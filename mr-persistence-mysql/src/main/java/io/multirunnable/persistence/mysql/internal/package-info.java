/**
 * The MySQL (mysql-connector-j), also for MariaDB servers driver plugin: {@link io.multirunnable.persistence.mysql.internal.MySqlDriver}. Not exported.
 */
package io.multirunnable.persistence.mysql.internal;
