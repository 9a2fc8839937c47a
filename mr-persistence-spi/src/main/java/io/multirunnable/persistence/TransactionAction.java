package io.multirunnable.persistence;

/**
 * Transaction work without a result ({@link DatabaseOperator#runInTransaction(TransactionAction)}).
 *
 * @param <X> the checked exception the action may throw ({@link RuntimeException} if none)
 * @since 0.1
 */
@FunctionalInterface
public interface TransactionAction<X extends Exception> {

    /**
     * Runs in the transaction; {@code tx} is the operator the transaction was started on.
     *
     * @throws X to roll the transaction back (any exception or error does)
     */
    void run(DatabaseOperator tx) throws X;
}
