package io.multirunnable.persistence;

import io.multirunnable.internal.Check;
import java.util.List;

/**
 * Base class for your data-access objects: extend it, and write one method per thing your
 * program asks of the database with the protected helpers.
 *
 * <pre>{@code
 * public final class PersonDao extends Dao {
 *     public PersonDao(ConnectionStrategy db) { super(db); }
 *
 *     public void add(Person p) { execute("INSERT INTO person(id, name) VALUES (?, ?)", p.id(), p.name()); }
 *     public Optional<Person> find(long id) {
 *         return query("SELECT id, name FROM person WHERE id = ?", id).fetchOne(Person.class);
 *     }
 * }
 * }</pre>
 *
 * <p>A DAO holds no connection of its own (the strategy does), so it needs no closing and is
 * as thread-safe as its methods: the helpers are. DAO calls made inside
 * {@code operator().inTransaction(...)} (of any DAO or operator on the same strategy, on the
 * same thread) join that transaction.
 *
 * @since 0.1
 */
public abstract class Dao {
    private final DatabaseOperator operator;

    /**
     * A DAO on {@code strategy} (a pool or single connection).
     *
     * @throws IllegalArgumentException if {@code strategy} is null
     */
    protected Dao(ConnectionStrategy strategy) {
        this(DatabaseOperator.of(Check.notNull(strategy, "strategy")));
    }

    /**
     * A DAO using {@code operator} (for a custom batch size).
     *
     * @throws IllegalArgumentException if {@code operator} is null
     */
    protected Dao(DatabaseOperator operator) {
        this.operator = Check.notNull(operator, "operator");
    }

    /** The operator every helper uses. */
    protected final DatabaseOperator operator() {
        return operator;
    }

    /** {@link DatabaseOperator#execute}. */
    protected final int execute(String sql, Object... params) {
        return operator.execute(sql, params);
    }

    /** {@link DatabaseOperator#executeMany}. */
    protected final long executeMany(String sql, Iterable<? extends List<?>> parameterSets) {
        return operator.executeMany(sql, parameterSets);
    }

    /** {@link DatabaseOperator#execute(String, Params)}. @since 0.3 */
    protected final int execute(String sql, Params params) {
        return operator.execute(sql, params);
    }

    /** {@link DatabaseOperator#executeManyNamed}. @since 0.3 */
    protected final long executeManyNamed(String sql, Iterable<?> sources) {
        return operator.executeManyNamed(sql, sources);
    }

    /** {@link DatabaseOperator#returningKeys}. @since 0.3 */
    protected final GeneratedKeys<Long> returningKeys(String... keyColumns) {
        return operator.returningKeys(keyColumns);
    }

    /** {@link DatabaseOperator#query(String, Params)}. @since 0.3 */
    protected final Query query(String sql, Params params) {
        return operator.query(sql, params);
    }

    /** {@link DatabaseOperator#query}. */
    protected final Query query(String sql, Object... params) {
        return operator.query(sql, params);
    }

    /** {@link DatabaseOperator#inTransaction}. */
    protected final <T, X extends Exception> T inTransaction(TransactionBody<T, X> body) throws X {
        return operator.inTransaction(body);
    }

    /** {@link DatabaseOperator#runInTransaction}. */
    protected final <X extends Exception> void runInTransaction(TransactionAction<X> action) throws X {
        operator.runInTransaction(action);
    }
}
