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
 * from one thread.
 *
 * <p><b>Streaming:</b> a cursor reads its result {@link Query#withFetchSize(int) fetch size} rows
 * per round trip (default {@value Query#DEFAULT_CURSOR_FETCH_SIZE}), so its memory does not grow
 * with the result: the driver plugin makes the statement stream
 * ({@link io.multirunnable.persistence.spi.DatabaseDriver#enableStreaming}). pgjdbc streams only
 * with auto-commit off: outside a transaction the cursor turns auto-commit off on its own
 * connection and, at {@link #close()}, commits that read-only transaction (rolls it back after a
 * read failure) and turns auto-commit on again. (On a single-connection strategy, statements the
 * same thread runs while such a cursor is open share that connection, so they commit at the
 * cursor's close.) MySQL Connector/J streams row by row: while the cursor is open its connection
 * runs no other statement (inside a transaction, read or close the cursor first, or use
 * {@code withFetchSize(0)}), and closing it early reads the rest of the result off the wire.
 * With fetch size 0 the driver's default applies (pgjdbc and Connector/J read the whole result
 * into memory at open).
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
    private final boolean ownTransaction; // auto-commit was turned off for streaming: end it at close
    private boolean failed;
    private boolean exhausted;
    private boolean closed;

    Cursor(DatabaseOperator operator, String sql, PreparedStatement statement, ResultSet rows, RowMapper<T> mapper,
           ConnectionLease ownLease, boolean ownTransaction) {
        this.operator = operator;
        this.sql = sql;
        this.statement = statement;
        this.rows = rows;
        this.mapper = mapper;
        this.ownLease = ownLease;
        this.ownTransaction = ownTransaction;
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
        List<T> out = new ArrayList<>(Math.min(max, 4_096)); // a page of up to 4,096 rows without regrowing
        try {
            while (!exhausted && out.size() < max) {
                if (rows.next()) {
                    out.add(mapper.map(rows));
                } else {
                    exhausted = true;
                }
            }
        } catch (SQLException e) {
            failed = true;
            throw operator.readFailure(sql, e, ownLease);
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * Closes the result, ends the transaction the cursor opened for streaming (if any) and gives
     * the connection back. Idempotent.
     *
     * @throws DatabaseException if ending the cursor's own streaming transaction failed (the
     *                           connection is then discarded; the lease is given back anyway)
     */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            Jdbc.closeQuietly(rows);
            Jdbc.closeQuietly(statement);
            if (ownLease != null) {
                if (ownTransaction) {
                    operator.endCursor(sql, ownLease, !failed);
                } else {
                    ownLease.close();
                }
            }
        }
    }
}
