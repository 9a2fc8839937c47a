package io.multirunnable.persistence;

/**
 * The connection failed while a transaction was being committed, so nobody knows whether the
 * database committed it: the server may have made it durable just before the connection
 * dropped, or never received the commit. The transaction was neither confirmed nor rolled
 * back by us (the connection was gone), and the connection was discarded.
 *
 * <p>Do not blindly retry the whole transaction: reconcile first, e.g. by checking for a row
 * the transaction wrote (an idempotency key or a business key), and retry only if it is not
 * there. A commit refused by the database itself (a deferred constraint, a serialization
 * failure) is not this exception but a plain {@link DatabaseException}: there the outcome is
 * known, nothing was committed.
 *
 * <p>{@link #sqlState()} gives the connection failure's SQLState (class 08, or 57P01 when a
 * PostgreSQL backend was terminated); the cause is the driver's exception.
 *
 * @since 0.2
 */
public class CommitOutcomeUnknownException extends DatabaseException {
    private static final long serialVersionUID = 1L;

    /**
     * An unknown commit outcome described by {@code message}, caused by {@code cause}.
     *
     * @param message what failed, naming the strategy
     * @param cause   the connection failure, usually a {@link java.sql.SQLException}
     */
    public CommitOutcomeUnknownException(String message, Throwable cause) {
        super(message, cause);
    }
}
