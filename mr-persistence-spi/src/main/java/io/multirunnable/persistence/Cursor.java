package io.multirunnable.persistence;

import io.multirunnable.internal.Check;
import io.multirunnable.persistence.internal.Jdbc;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * An open query result read a few rows at a time, as with a DB-API cursor: each
 * {@link #fetchOne()} / {@link #fetchMany(int)} continues where the previous call stopped.
 * Made by {@link Query#open(RowMapper)}; it holds a leased connection (unless it runs inside the
 * thread's transaction) until {@link #close()}, so always use it in try-with-resources. Use it
 * from one thread. How many rows the JDBC driver buffers in memory is the driver's business
 * (pgjdbc, for one, reads the whole result unless a fetch size applies inside a transaction).
 *
 * <pre>{@code
 * try (Cursor<Person> cursor = db.query("SELECT id, name FROM person ORDER BY id").open(Person.class)) {
 *     for (List<Person> page = cursor.fetchMany(500); !page.isEmpty(); page = cursor.fetchMany(500)) {
 *         process(page);
 *     }
 * }
 * }</pre>
 *
 * @param <T> the row type
 * @since 0.1
 */
public final class Cursor<T> implements AutoCloseable {
    private final DatabaseOperator operator;
    private final String sql;
    private final PreparedStatement statement;
    private final ResultSet rows;
    private final RowMapper<T> mapper;
    private final ConnectionLease ownLease; // null when running inside the thread's transaction
    private boolean exhausted;
    private boolean closed;

    Cursor(DatabaseOperator operator, String sql, PreparedStatement statement, ResultSet rows, RowMapper<T> mapper,
           ConnectionLease ownLease) {
        this.operator = operator;
        this.sql = sql;
        this.statement = statement;
        this.rows = rows;
        this.mapper = mapper;
        this.ownLease = ownLease;
    }

    /**
     * The next row; empty at the end (or when the mapper returned null).
     *
     * @throws DatabaseException     if reading fails
     * @throws IllegalStateException if the cursor is closed
     */
    public Optional<T> fetchOne() {
        List<T> one = fetchMany(1);
        return one.isEmpty() ? Optional.empty() : Optional.ofNullable(one.get(0));
    }

    /**
     * The next rows, at most {@code n}; an empty list at the end.
     *
     * @throws IllegalArgumentException if {@code n <= 0}
     * @throws DatabaseException        if reading fails
     * @throws IllegalStateException    if the cursor is closed
     */
    public List<T> fetchMany(int n) {
        Check.positive(n, "n");
        return read(n);
    }

    /**
     * Every remaining row.
     *
     * @throws DatabaseException     if reading fails
     * @throws IllegalStateException if the cursor is closed
     */
    public List<T> fetchAll() {
        return read(Integer.MAX_VALUE);
    }

    private List<T> read(int max) {
        Check.state(!closed, "cursor is closed");
        List<T> out = new ArrayList<>(Math.min(max, 256));
        try {
            while (!exhausted && out.size() < max) {
                if (rows.next()) {
                    out.add(mapper.map(rows));
                } else {
                    exhausted = true;
                }
            }
        } catch (SQLException e) {
            throw operator.readFailure(sql, e, ownLease);
        }
        return Collections.unmodifiableList(out);
    }

    /** Closes the result and gives the connection back. Idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            Jdbc.closeQuietly(rows);
            Jdbc.closeQuietly(statement);
            if (ownLease != null) {
                ownLease.close();
            }
        }
    }
}
