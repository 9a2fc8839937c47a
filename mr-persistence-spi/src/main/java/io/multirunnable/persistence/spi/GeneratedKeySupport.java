package io.multirunnable.persistence.spi;

/**
 * How far a JDBC driver returns the keys a database generates on insert
 * ({@link java.sql.Statement#getGeneratedKeys()}); see {@link DatabaseDriver#generatedKeySupport()}.
 *
 * @since 0.3
 */
public enum GeneratedKeySupport {
    /**
     * Keys of single statements and of JDBC batches, one per parameter set in input order
     * (pgjdbc, MySQL Connector/J).
     */
    BATCH,
    /**
     * Keys of single statements only: after a batch the driver returns the last key at most
     * (sqlite-jdbc). Batches of inserts that return keys then run statement by statement, in
     * the same one transaction, which keeps them all-or-nothing but forgoes the driver's batching.
     */
    EACH_STATEMENT,
    /** No generated keys: asking for them is refused with a message naming the driver. */
    NONE
}
