package io.multirunnable.persistence;

import java.sql.Connection;

/**
 * The isolation level of a transaction ({@link DatabaseOperator#withIsolation}). What each level
 * prevents is the database's business: PostgreSQL runs READ_UNCOMMITTED as READ_COMMITTED, and
 * its REPEATABLE_READ is snapshot isolation; MariaDB/MySQL's SERIALIZABLE makes plain reads take
 * shared locks; SQLite transactions are always serializable.
 *
 * @since 0.2
 */
public enum IsolationLevel {
    /** Leave the connection's level as it is (the database's default, usually READ_COMMITTED or REPEATABLE_READ). */
    DEFAULT(-1),
    /** Dirty reads possible. */
    READ_UNCOMMITTED(Connection.TRANSACTION_READ_UNCOMMITTED),
    /** Each statement sees what was committed before it began: non-repeatable reads possible. */
    READ_COMMITTED(Connection.TRANSACTION_READ_COMMITTED),
    /** Rows once read read the same until the transaction ends. */
    REPEATABLE_READ(Connection.TRANSACTION_REPEATABLE_READ),
    /** As if the transactions ran one after another; expect serialization failures (SQLState 40001) to retry. */
    SERIALIZABLE(Connection.TRANSACTION_SERIALIZABLE);

    private final int jdbc;

    IsolationLevel(int jdbc) {
        this.jdbc = jdbc;
    }

    /** The {@link Connection} constant, or -1 for {@link #DEFAULT}. */
    public int jdbcLevel() {
        return jdbc;
    }
}
