package io.multirunnable.persistence;

import io.multirunnable.internal.Check;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

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
 * <p><b>Fetch size</b> ({@link #withFetchSize(int)}): how many rows the driver reads per round
 * trip. A {@link Cursor} streams by default ({@value #DEFAULT_CURSOR_FETCH_SIZE} rows); the
 * {@code fetch} methods, which return every row in a list anyway, use the driver's default
 * (pgjdbc and MySQL Connector/J read the whole result at once) unless a fetch size is set.
 * See {@link Cursor} for what streaming means on each driver.
 *
 * @since 0.1
 */
public final class Query {
    /**
     * The fetch size of a {@link Cursor} when none was set: 1,000 rows per round trip, which
     * streams on every shipped driver plugin.
     *
     * @since 0.3
     */
    public static final int DEFAULT_CURSOR_FETCH_SIZE = 1_000;

    private static final int UNSET = -1;

    private final DatabaseOperator operator;
    private final String sql;
    private final Object[] params;
    private final int fetchSize; // UNSET, 0 = driver's default, > 0 = stream

    Query(DatabaseOperator operator, String sql, Object[] params) {
        this(operator, sql, params, UNSET);
    }

    private Query(DatabaseOperator operator, String sql, Object[] params, int fetchSize) {
        this.operator = operator;
        this.sql = sql;
        this.params = params;
        this.fetchSize = fetchSize;
    }

    /**
     * A copy of this query that reads {@code rows} rows per round trip from the database,
     * streaming the result instead of loading it whole: in a {@link Cursor} (see there for each
     * driver's conditions) and in the {@code fetch} methods. {@code 0} means the JDBC driver's
     * default (pgjdbc and MySQL Connector/J then read the whole result into memory; SQLite
     * streams anyway). Default when not called: {@value #DEFAULT_CURSOR_FETCH_SIZE} for
     * {@link #open cursors}, {@code 0} for the {@code fetch} methods. MySQL Connector/J streams
     * row by row whatever the number; MariaDB Connector/J and pgjdbc use it as the batch size.
     *
     * @param rows rows per round trip, {@code >= 0}
     * @return a new query; this one is unchanged
     * @throws IllegalArgumentException if {@code rows} is negative (the message names the option,
     *                                  the value and the rule)
     * @since 0.3
     */
    public Query withFetchSize(int rows) {
        if (rows < 0) {
            throw new IllegalArgumentException("fetchSize must be >= 0 (0 = the JDBC driver's default, > 0 = rows per "
                    + "round trip, streamed) but was " + rows);
        }
        return new Query(operator, sql, params, rows);
    }

    /**
     * The fetch size set with {@link #withFetchSize(int)}; empty when none was set (then cursors
     * use {@value #DEFAULT_CURSOR_FETCH_SIZE} and the {@code fetch} methods the driver's default).
     *
     * @return the fetch size, if set
     * @since 0.3
     */
    public OptionalInt fetchSize() {
        return fetchSize == UNSET ? OptionalInt.empty() : OptionalInt.of(fetchSize);
    }

    private int fetchSizeForFetch() {
        return fetchSize == UNSET ? 0 : fetchSize;
    }

    private int fetchSizeForCursor() {
        return fetchSize == UNSET ? DEFAULT_CURSOR_FETCH_SIZE : fetchSize;
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
        List<T> rows = operator.fetch("fetchOne", sql, params, 1, 0, mapper);
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
        return operator.fetch("fetchMany", sql, params, n, n <= fetchSizeForFetch() ? 0 : fetchSizeForFetch(), mapper);
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
        return operator.fetch("fetchAll", sql, params, 0, fetchSizeForFetch(), mapper);
    }

    /**
     * Runs the query and returns a {@link Cursor} over its rows as maps, read a few at a time
     * and streamed from the database ({@link #withFetchSize(int) fetch size}, default
     * {@value #DEFAULT_CURSOR_FETCH_SIZE}); it holds a connection until closed.
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
        return operator.open(sql, params, fetchSizeForCursor(), mapper);
    }

    @Override
    public String toString() {
        return "Query[" + sql + ", " + params.length + " parameters" + (fetchSize == UNSET ? "" : ", fetchSize=" + fetchSize)
                + "]";
    }
}
