package io.multirunnable.persistence;

/**
 * The work of a transaction ({@link DatabaseOperator#inTransaction(TransactionBody)}).
 *
 * @param <T> the result type
 * @param <X> the checked exception the body may throw ({@link RuntimeException} if none)
 * @since 0.1
 */
@FunctionalInterface
public interface TransactionBody<T, X extends Exception> {

    /**
     * Runs in the transaction; {@code tx} is the operator the transaction was started on.
     *
     * @throws X to roll the transaction back (any exception or error does)
     */
    T run(DatabaseOperator tx) throws X;
}
