package io.multirunnable.persistence;

import io.multirunnable.internal.Check;
import java.util.List;

/**
 * Inserts that return the keys the database generated, made by
 * {@link DatabaseOperator#returningKeys(String...)}:
 *
 * <pre>{@code
 * long id = db.returningKeys("id").insert("INSERT INTO person(name) VALUES (?)", "Ada");
 * List<Long> ids = db.returningKeys("id").insertMany("INSERT INTO person(name) VALUES (?)",
 *         List.of(List.of("Ada"), List.of("Grace")));            // one key per parameter set, in input order
 * UUID ref = db.returningKeys("ref").as(UUID.class).insert("INSERT INTO doc(title) VALUES (:t)", Params.of("t", "x"));
 * Key k = db.returningKeys("id", "created_at").as(Key.class).insert(sql, params); // a record of both columns
 * }</pre>
 *
 * <p><b>Key columns</b> are named, as Jdbi's {@code executeAndReturnGeneratedKeys("id")} and
 * Spring's {@code update(keyHolder, "id")} take them: PostgreSQL returns exactly those columns
 * ({@code RETURNING "id"}: the name is quoted, so write it as stored, lower case for unquoted
 * names), where without names it would return every column of the row. MySQL and MariaDB return
 * the AUTO_INCREMENT value whatever the names (one column); SQLite returns the rowid
 * ({@code INTEGER PRIMARY KEY}) whatever the names (one column). So a record of several key
 * columns works on PostgreSQL only; one key column as {@code Long} works everywhere.
 *
 * <p><b>Batches</b> ({@link #insertMany}) return one key per parameter set, in the order of the
 * sets, and are all-or-nothing in one transaction like {@link DatabaseOperator#executeMany}.
 * On drivers that return keys of whole JDBC batches ({@code GeneratedKeySupport.BATCH}:
 * PostgreSQL, MySQL Connector/J) they are sent as batches; on SQLite ({@code EACH_STATEMENT}) the
 * statements run one by one in that transaction. A driver with {@code NONE} is refused with a
 * message naming it. If the driver returns another number of keys than parameter sets (an
 * {@code INSERT ... ON CONFLICT DO NOTHING} or {@code INSERT IGNORE} that skipped rows), no key
 * can be matched to its set: the batch is rolled back and a {@link DatabaseException} says so.
 *
 * <p>Immutable and thread-safe; each call leases a connection like the operator's other calls
 * (or joins the thread's transaction).
 *
 * @param <T> the key type ({@code Long} unless changed by {@link #as} or {@link #map})
 * @since 0.3
 */
public final class GeneratedKeys<T> {
    private final DatabaseOperator operator;
    private final String[] columns;
    private final RowMapper<T> mapper;

    GeneratedKeys(DatabaseOperator operator, String[] columns, RowMapper<T> mapper) {
        this.operator = operator;
        this.columns = columns;
        this.mapper = mapper;
    }

    /** The key column names asked for. */
    public List<String> columns() {
        return List.of(columns);
    }

    /**
     * A copy that returns keys as {@code type}, read as {@link RowMapper#to(Class)} reads rows:
     * a single value ({@code Long}, {@code UUID}, {@code String}...) from one key column, or a
     * record from several.
     *
     * @throws IllegalArgumentException if {@code type} is null
     */
    public <U> GeneratedKeys<U> as(Class<U> type) {
        return new GeneratedKeys<>(operator, columns, RowMapper.to(Check.notNull(type, "type")));
    }

    /**
     * A copy that returns keys mapped by {@code mapper} from each row of
     * {@link java.sql.Statement#getGeneratedKeys()}.
     *
     * @throws IllegalArgumentException if {@code mapper} is null
     */
    public <U> GeneratedKeys<U> map(RowMapper<U> mapper) {
        return new GeneratedKeys<>(operator, columns, Check.notNull(mapper, "mapper"));
    }

    /**
     * Runs an INSERT of one row with {@code ?} parameters and returns its generated key.
     *
     * @return the key of the inserted row
     * @throws DatabaseException if the statement fails, inserted no row (no key: nothing was
     *                           written), or returned several keys (use {@link #insertAll}; the rows
     *                           stay written unless a transaction around the call rolls back)
     * @throws UnsupportedOperationException if the driver returns no generated keys
     */
    public T insert(String sql, Object... params) {
        return one(sql, operator.insertReturning(sql, params, columns, mapper));
    }

    /** {@link #insert(String, Object...)} with {@code :name} parameters (see {@link Params}). */
    public T insert(String sql, Params params) {
        Check.notNull(params, "params");
        return one(sql, operator.insertReturning(sql, params, columns, mapper));
    }

    /**
     * Runs one INSERT that may insert several rows ({@code VALUES (...), (...)},
     * {@code INSERT ... SELECT}) and returns every generated key in the driver's order.
     */
    public List<T> insertAll(String sql, Object... params) {
        return operator.insertReturning(sql, params, columns, mapper);
    }

    /** {@link #insertAll(String, Object...)} with {@code :name} parameters. */
    public List<T> insertAll(String sql, Params params) {
        Check.notNull(params, "params");
        return operator.insertReturning(sql, params, columns, mapper);
    }

    /**
     * Runs an INSERT once per parameter set, as {@link DatabaseOperator#executeMany} does (batches
     * of {@link DatabaseOperator#batchSize()}, one transaction, all or nothing), and returns one
     * key per set, in the order of the sets.
     *
     * @return an unmodifiable list of as many keys as parameter sets
     * @throws DatabaseException if a statement fails, or the driver returned another number of
     *                           keys than parameter sets (nothing of the call is kept)
     */
    public List<T> insertMany(String sql, Iterable<? extends List<?>> parameterSets) {
        return operator.insertManyReturning(sql, parameterSets, columns, mapper);
    }

    /**
     * {@link #insertMany} with {@code :name} parameters: each element of {@code sources} is a
     * {@link Params}, a {@code Map}, a record or a JavaBean (as {@link Params#from}).
     */
    public List<T> insertManyNamed(String sql, Iterable<?> sources) {
        return operator.insertManyReturning(sql, operator.namedSets(sql, sources), columns, mapper);
    }

    private T one(String sql, List<T> keys) {
        if (keys.size() == 1 && keys.get(0) != null) {
            return keys.get(0);
        }
        String where = "insert returning keys on '" + operator.strategy().name() + "' (" + operator.strategy().driverName()
                + ")";
        if (keys.isEmpty()) {
            throw new DatabaseException(where + " got no generated key: the statement inserted no row; SQL: " + sql, null);
        }
        if (keys.size() == 1) {
            throw new DatabaseException(where + " got a NULL key for column(s) " + columns() + "; SQL: " + sql, null);
        }
        throw new DatabaseException(where + " got " + keys.size() + " keys: the statement inserted " + keys.size()
                + " rows (they stay written unless a surrounding transaction rolls back); use insertAll for statements "
                + "that insert several rows; SQL: " + sql, null);
    }

    @Override
    public String toString() {
        return "GeneratedKeys" + columns() + " on " + operator;
    }
}
