/**
 * The MariaDB Connector/J driver plugin: {@link io.multirunnable.persistence.mariadb.internal.MariaDbDriver}. Not exported.
 */
package io.multirunnable.persistence.mariadb.internal;
