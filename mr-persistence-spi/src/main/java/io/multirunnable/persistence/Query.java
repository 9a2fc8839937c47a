package io.multirunnable.persistence;

import io.multirunnable.internal.Check;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A query and its bound parameters, made by {@link DatabaseOperator#query}. Each
 * {@code fetch} call runs it once, on a leased connection returned before the call returns
 * (or in the thread's current transaction). Immutable and thread-safe; may be run many times.
 *
 * <p>{@code fetchMany(n)} gives the first {@code n} rows; to read a large result page by page
 * (each call continuing where the last stopped) {@link #open(RowMapper) open} a {@link Cursor}.
 *
 * <p>Rows are mapped by a {@link RowMapper}; the overloads without one give maps
 * ({@link RowMapper#toMap()}), those with a {@code Class} use {@link RowMapper#to(Class)}
 * (records, single values).
 *
 * @since 0.1
 */
public final class Query {
    private final DatabaseOperator operator;
    private final String sql;
    private final Object[] params;

    Query(DatabaseOperator operator, String sql, Object[] params) {
        this.operator = operator;
        this.sql = sql;
        this.params = params;
    }

    /** The SQL text. */
    public String sql() {
        return sql;
    }

    /** The first row as a map; empty when there is none. */
    public Optional<Map<String, Object>> fetchOne() {
        return fetchOne(RowMapper.toMap());
    }

    /** The first row as {@code type}; empty when there is none (or its single value is NULL). */
    public <T> Optional<T> fetchOne(Class<T> type) {
        return fetchOne(RowMapper.to(type));
    }

    /** The first row mapped by {@code mapper}; empty when there is none or the mapper returned null. */
    public <T> Optional<T> fetchOne(RowMapper<T> mapper) {
        List<T> rows = operator.fetch("fetchOne", sql, params, 1, mapper);
        return rows.isEmpty() ? Optional.empty() : Optional.ofNullable(rows.get(0));
    }

    /**
     * At most the first {@code n} rows as maps (the driver is asked for no more, see
     * {@link java.sql.Statement#setMaxRows}).
     *
     * @throws IllegalArgumentException if {@code n <= 0}
     */
    public List<Map<String, Object>> fetchMany(int n) {
        return fetchMany(n, RowMapper.toMap());
    }

    /** At most the first {@code n} rows as {@code type}. */
    public <T> List<T> fetchMany(int n, Class<T> type) {
        return fetchMany(n, RowMapper.to(type));
    }

    /** At most the first {@code n} rows mapped by {@code mapper}. */
    public <T> List<T> fetchMany(int n, RowMapper<T> mapper) {
        Check.positive(n, "n");
        return operator.fetch("fetchMany", sql, params, n, mapper);
    }

    /** Every row as a map, in result order; an unmodifiable list. */
    public List<Map<String, Object>> fetchAll() {
        return fetchAll(RowMapper.toMap());
    }

    /** Every row as {@code type}. */
    public <T> List<T> fetchAll(Class<T> type) {
        return fetchAll(RowMapper.to(type));
    }

    /** Every row mapped by {@code mapper}. */
    public <T> List<T> fetchAll(RowMapper<T> mapper) {
        return operator.fetch("fetchAll", sql, params, 0, mapper);
    }

    /**
     * Runs the query and returns a {@link Cursor} over its rows as maps, read a few at a time;
     * it holds a connection until closed.
     *
     * @throws DatabaseException if the query fails (nothing is left open)
     */
    public Cursor<Map<String, Object>> open() {
        return open(RowMapper.toMap());
    }

    /** {@link #open()} with rows as {@code type}. */
    public <T> Cursor<T> open(Class<T> type) {
        return open(RowMapper.to(type));
    }

    /** {@link #open()} with rows mapped by {@code mapper}. */
    public <T> Cursor<T> open(RowMapper<T> mapper) {
        return operator.open(sql, params, mapper);
    }

    @Override
    public String toString() {
        return "Query[" + sql + ", " + params.length + " parameters]";
    }
}
