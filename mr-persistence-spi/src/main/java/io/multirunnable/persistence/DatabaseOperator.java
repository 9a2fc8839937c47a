package io.multirunnable.persistence;

import io.multirunnable.internal.Check;
import io.multirunnable.persistence.internal.Jdbc;
import io.multirunnable.persistence.internal.DriverTraits;
import io.multirunnable.persistence.internal.GeneratedKeyRows;
import io.multirunnable.persistence.internal.Mappers;
import io.multirunnable.persistence.internal.Streaming;
import io.multirunnable.persistence.spi.DatabaseDriver;
import io.multirunnable.persistence.internal.NamedSql;
import io.multirunnable.persistence.spi.GeneratedKeySupport;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs SQL on a {@link ConnectionStrategy}: {@link #execute}, {@link #executeMany} (JDBC
 * batch), queries ({@link #query} then {@code fetchOne} / {@code fetchMany(n)} /
 * {@code fetchAll}, as maps, records or single values) and transactions.
 *
 * <pre>{@code
 * DatabaseOperator db = DatabaseOperator.of(pool);
 * db.execute("INSERT INTO person(id, name) VALUES (?, ?)", 1, "Ada");
 * List<Person> people = db.query("SELECT id, name FROM person WHERE name LIKE ?", "A%").fetchAll(Person.class);
 * db.runInTransaction(tx -> {
 *     tx.execute("UPDATE account SET balance = balance - ? WHERE id = ?", 10, 1);
 *     tx.execute("UPDATE account SET balance = balance + ? WHERE id = ?", 10, 2);
 * });
 * }</pre>
 *
 * <p><b>Parameters</b> are always bound ({@code ?} placeholders, {@link PreparedStatement}),
 * never put into the SQL text. Enums bind by name, {@link java.time.Instant} as a timestamp.
 *
 * <p><b>Connections:</b> each call outside a transaction leases a connection from the
 * strategy and gives it back before returning, whatever happens, so an operator is
 * thread-safe and many workers share one. A call may block for the strategy's connection
 * timeout ({@link ConnectionTimeoutException}). When the connection turns out to be dead
 * (SQLState class 08 and the like) it is discarded, so later calls get a fresh one.
 *
 * <p><b>Transactions</b> belong to the thread that starts them: while
 * {@link #inTransaction} runs on a thread, every operator on the same strategy, on that
 * thread (a {@link Dao}'s too), joins the transaction. A nested {@code inTransaction} joins
 * the outer one. The transaction commits when the body returns and rolls back when it throws
 * (the exception propagates unchanged).
 *
 * <p><b>Errors:</b> SQL failures throw {@link DatabaseException} whose message names the
 * operation, the strategy (pool name and driver), the SQLState class in words, the SQLState
 * and vendor code, for {@link #executeMany} the batch and its parameter-set range, and the SQL
 * text, but never a bound value. The driver's {@link SQLException} is the cause, unchanged:
 * that is the driver's own text, and drivers do quote values in it (PostgreSQL's
 * {@code Key (id)=(42)} detail and batch entry text, MySQL/MariaDB's
 * {@code Duplicate entry '42'}), so log the cause only where values may be shown.
 *
 * @since 0.1
 */
public final class DatabaseOperator {
    /** Default number of parameter sets sent per JDBC batch: 1,000. */
    public static final int DEFAULT_BATCH_SIZE = 1_000;

    /** The calling thread's open transactions by strategy; unset (null) on threads that never began one. */
    private static final ThreadLocal<Map<ConnectionStrategy, ConnectionLease>> TRANSACTIONS = new ThreadLocal<>();

    private final ConnectionStrategy strategy;
    private final int batchSize;
    private final IsolationLevel isolation;
    private final boolean readOnly;
    /** What the strategy's driver supports (generated keys, SQL quoting rules); looked up once, racy but idempotent. */
    private volatile DriverTraits traits;

    private DatabaseOperator(ConnectionStrategy strategy, int batchSize, IsolationLevel isolation, boolean readOnly) {
        this.strategy = Check.notNull(strategy, "strategy");
        this.batchSize = Check.positive(batchSize, "batchSize");
        this.isolation = isolation;
        this.readOnly = readOnly;
    }

    /** An operator on {@code strategy}, batch size {@value #DEFAULT_BATCH_SIZE}, default isolation, read-write. */
    public static DatabaseOperator of(ConnectionStrategy strategy) {
        return new DatabaseOperator(strategy, DEFAULT_BATCH_SIZE, IsolationLevel.DEFAULT, false);
    }

    /**
     * A copy that sends {@code batchSize} parameter sets per JDBC batch in {@link #executeMany}.
     *
     * @throws IllegalArgumentException if {@code batchSize <= 0}
     */
    public DatabaseOperator withBatchSize(int batchSize) {
        return new DatabaseOperator(strategy, batchSize, isolation, readOnly);
    }

    /**
     * A copy whose transactions ({@link #inTransaction}, and {@link #executeMany}'s own) run at
     * {@code isolation}; the connection's level is restored when the transaction ends. A
     * transaction joined from the outside keeps its level: asking for another one there is an
     * {@link IllegalStateException}.
     *
     * @throws IllegalArgumentException if {@code isolation} is null
     * @since 0.2
     */
    public DatabaseOperator withIsolation(IsolationLevel isolation) {
        Check.notNull(isolation, "isolation (valid values: " + java.util.Arrays.toString(IsolationLevel.values()) + ")");
        return new DatabaseOperator(strategy, batchSize, isolation, readOnly);
    }

    /**
     * A copy whose transactions are read-only ({@link Connection#setReadOnly}): PostgreSQL and
     * MariaDB refuse writes in them (SQLState 25006; Connector/J refuses before sending, S1009),
     * and may run them cheaper. The flag is restored when the transaction ends.
     *
     * @since 0.2
     */
    public DatabaseOperator withReadOnlyTransactions(boolean readOnly) {
        return new DatabaseOperator(strategy, batchSize, isolation, readOnly);
    }

    /** The isolation level of this operator's transactions. @since 0.2 */
    public IsolationLevel isolation() {
        return isolation;
    }

    /** {@code true} if this operator's transactions are read-only. @since 0.2 */
    public boolean readOnlyTransactions() {
        return readOnly;
    }

    /** The strategy connections come from. */
    public ConnectionStrategy strategy() {
        return strategy;
    }

    /** The number of parameter sets per JDBC batch. */
    public int batchSize() {
        return batchSize;
    }

    /** {@code true} if the calling thread is inside a transaction on this operator's strategy. */
    public boolean isInTransaction() {
        return current() != null;
    }

    private ConnectionLease current() {
        Map<ConnectionStrategy, ConnectionLease> open = TRANSACTIONS.get();
        return open == null ? null : open.get(strategy);
    }

    /**
     * Runs one statement (INSERT, UPDATE, DELETE, DDL) with bound parameters.
     *
     * @return the number of rows changed (0 for DDL)
     * @throws DatabaseException          if the statement fails
     * @throws ConnectionTimeoutException if no connection was free in time
     */
    public int execute(String sql, Object... params) {
        Check.notBlank(sql, "sql");
        Object[] args = params == null ? new Object[] {null} : params;
        return run("execute", sql, c -> {
            try (PreparedStatement ps = prepare(c, sql)) {
                Jdbc.bind(ps, args);
                return ps.executeUpdate();
            }
        });
    }

    /**
     * Runs one statement once per parameter set, as JDBC batches of {@link #batchSize()}, in
     * one transaction (joining the current one if there is one): either every set is applied
     * or, on failure, none. The driver plugin's batch settings apply (MySQL
     * {@code rewriteBatchedStatements}, PostgreSQL {@code reWriteBatchedInserts}).
     *
     * @param parameterSets one list of parameters per execution (use {@link java.util.Arrays#asList}
     *                      for values that may be null)
     * @return rows changed; a statement the driver reports only as "succeeded" (rewritten
     *         batches) counts as one row
     * @throws IllegalArgumentException if {@code parameterSets} or one of its elements is null
     * @throws DatabaseException        if a statement fails (nothing of the batch is kept)
     */
    public long executeMany(String sql, Iterable<? extends List<?>> parameterSets) {
        Check.notBlank(sql, "sql");
        Check.notNull(parameterSets, "parameterSets");
        return executeMany(sql, sql, parameterSets);
    }

    private long executeMany(String sql, String jdbcSql, Iterable<? extends List<?>> parameterSets) {
        int[] sent = {0}; // parameter sets before the batch being built, for the failure message
        int[] index = {0};
        return inTransaction(tx -> run("executeMany", sql, () -> batchPosition(sent[0], index[0]), c -> {
            long total = 0;
            int pending = 0;
            try (PreparedStatement ps = prepare(c, jdbcSql)) {
                for (List<?> set : parameterSets) {
                    if (set == null) { // the message is built only on failure: this runs once per row
                        Check.notNull(null, "parameterSets[" + index[0] + "]");
                    }
                    Jdbc.bind(ps, set);
                    ps.addBatch();
                    index[0]++;
                    if (++pending == batchSize) {
                        total += sum(ps.executeBatch());
                        pending = 0;
                        sent[0] = index[0];
                    }
                }
                if (pending > 0) {
                    total += sum(ps.executeBatch());
                }
            }
            return total;
        }));
    }

    /**
     * Runs one statement with {@code :name} parameters (see {@link Params}): the SQL is parsed
     * once and cached; each {@code :name} becomes a bound {@code ?}.
     *
     * @return the number of rows changed
     * @throws IllegalArgumentException if a name the SQL uses has no value, a named value is not
     *                                  used, or the SQL also has a positional {@code ?} (the message
     *                                  names the parameter and lists what is available)
     * @throws DatabaseException        if the statement fails
     * @since 0.3
     */
    public int execute(String sql, Params params) {
        Check.notNull(params, "params");
        NamedSql named = named(sql);
        return execute(named, params.toPositional(named, ""));
    }

    private int execute(NamedSql named, Object[] args) {
        return run("execute", named.original(), c -> {
            try (PreparedStatement ps = prepare(c, named.jdbcSql())) {
                Jdbc.bind(ps, args);
                return ps.executeUpdate();
            }
        });
    }

    /**
     * {@link #executeMany} with {@code :name} parameters: each element of {@code sources} is a
     * {@link Params}, a {@code Map}, a record or a JavaBean (as {@link Params#from}), one per
     * execution. Same batches, same one transaction, all or nothing.
     *
     * @return rows changed, as {@link #executeMany}
     * @throws IllegalArgumentException if {@code sources} or an element is null, or an element
     *                                  lacks a value the SQL uses (the message gives its index)
     * @since 0.3
     */
    public long executeManyNamed(String sql, Iterable<?> sources) {
        NamedSql named = named(sql);
        return executeMany(named.original(), named.jdbcSql(), namedSets(named, sources));
    }

    /**
     * Inserts that return generated keys, read from the key columns {@code keyColumns} (see
     * {@link GeneratedKeys} for what each database returns), as {@code Long} until
     * {@link GeneratedKeys#as} says otherwise:
     * {@code long id = db.returningKeys("id").insert("INSERT INTO person(name) VALUES (?)", "Ada");}
     *
     * @param keyColumns the generated columns, at least one (PostgreSQL returns exactly these)
     * @throws IllegalArgumentException if no column, or a blank one, is given
     * @throws UnsupportedOperationException if the driver cannot return generated keys (message names it)
     * @since 0.3
     */
    public GeneratedKeys<Long> returningKeys(String... keyColumns) {
        Check.notNull(keyColumns, "keyColumns");
        Check.argument(keyColumns.length > 0, "keyColumns: name at least one generated key column, e.g. "
                + "returningKeys(\"id\"); PostgreSQL would otherwise return every column of the row");
        for (int i = 0; i < keyColumns.length; i++) {
            Check.notBlank(keyColumns[i], "keyColumns[" + i + "]");
        }
        if (dialect().keys() == GeneratedKeySupport.NONE) {
            throw new UnsupportedOperationException(GeneratedKeyRows.unsupported(strategy.driverName()));
        }
        return new GeneratedKeys<>(this, keyColumns.clone(), RowMapper.to(Long.class));
    }

    <T> List<T> insertReturning(String sql, Object[] params, String[] columns, RowMapper<T> mapper) {
        Check.notBlank(sql, "sql");
        Object[] args = params == null ? new Object[] {null} : params;
        return insertReturning(sql, sql, args, columns, mapper);
    }

    <T> List<T> insertReturning(String sql, Params params, String[] columns, RowMapper<T> mapper) {
        NamedSql named = named(sql);
        return insertReturning(sql, named.jdbcSql(), params.toPositional(named, ""), columns, mapper);
    }

    private <T> List<T> insertReturning(String sql, String jdbcSql, Object[] args, String[] columns, RowMapper<T> mapper) {
        return run("insert returning keys", sql, c -> {
            try (PreparedStatement ps = c.prepareStatement(jdbcSql, columns)) {
                applyQueryTimeout(ps);
                Jdbc.bind(ps, args);
                int count = ps.executeUpdate();
                if (count == 0) {
                    return List.of(); // some drivers (sqlite-jdbc) would still answer the previous insert's key
                }
                if (count > 1 && dialect().keys() != GeneratedKeySupport.BATCH) {
                    throw new DatabaseException("driver '" + strategy.driverName() + "' returns the key of the last row "
                            + "only, and the statement inserted " + count + " rows (they stay written unless a surrounding "
                            + "transaction rolls back); insert one row per parameter set with insertMany instead; SQL: "
                            + sql, null);
                }
                return GeneratedKeyRows.read(ps, mapper);
            }
        });
    }

    <T> List<T> insertManyReturning(String sql, Iterable<? extends List<?>> parameterSets, String[] columns,
            RowMapper<T> mapper) {
        Check.notBlank(sql, "sql");
        Check.notNull(parameterSets, "parameterSets");
        String jdbcSql = parameterSets instanceof NamedSets n ? n.named.jdbcSql() : sql;
        boolean batch = dialect().keys() == GeneratedKeySupport.BATCH;
        int[] sent = {0};
        int[] index = {0};
        return inTransaction(tx -> run("insertMany returning keys", sql, () -> batchPosition(sent[0], index[0]), c -> {
            List<T> keys = new ArrayList<>();
            int pending = 0;
            try (PreparedStatement ps = c.prepareStatement(jdbcSql, columns)) {
                applyQueryTimeout(ps);
                for (List<?> set : parameterSets) {
                    if (set == null) {
                        Check.notNull(null, "parameterSets[" + index[0] + "]");
                    }
                    Jdbc.bind(ps, set);
                    index[0]++;
                    if (!batch) {
                        int count = ps.executeUpdate();
                        GeneratedKeyRows.readExpecting(ps, mapper, 1, count == 1 ? -1 : count, keys, strategy.driverName(),
                                index[0] - 1);
                        sent[0] = index[0];
                        continue;
                    }
                    ps.addBatch();
                    if (++pending == batchSize) {
                        ps.executeBatch();
                        GeneratedKeyRows.readExpecting(ps, mapper, pending, -1, keys, strategy.driverName(), sent[0]);
                        pending = 0;
                        sent[0] = index[0];
                    }
                }
                if (pending > 0) {
                    ps.executeBatch();
                    GeneratedKeyRows.readExpecting(ps, mapper, pending, -1, keys, strategy.driverName(), sent[0]);
                }
            }
            return Collections.unmodifiableList(keys);
        }));
    }

    /** Parameter sets made from named sources, lazily, one at a time. */
    private record NamedSets(NamedSql named, Iterable<?> sources) implements Iterable<List<?>> {
        @Override
        public java.util.Iterator<List<?>> iterator() {
            java.util.Iterator<?> it = sources.iterator();
            return new java.util.Iterator<>() {
                private int index;

                @Override
                public boolean hasNext() {
                    return it.hasNext();
                }

                @Override
                public List<?> next() {
                    Object source = it.next();
                    int i = index++;
                    if (source == null) {
                        Check.notNull(null, "sources[" + i + "]");
                    }
                    return Arrays.asList(Params.from(source).toPositional(named, " in sources[" + i + "]"));
                }
            };
        }
    }

    Iterable<? extends List<?>> namedSets(String sql, Iterable<?> sources) {
        return namedSets(named(sql), sources);
    }

    private static Iterable<? extends List<?>> namedSets(NamedSql named, Iterable<?> sources) {
        Check.notNull(sources, "sources");
        return new NamedSets(named, sources);
    }

    /** The parsed form of {@code sql} under this strategy's driver (cached). */
    NamedSql named(String sql) {
        Check.notBlank(sql, "sql");
        return NamedSql.of(sql, dialect().sql());
    }

    private DriverTraits dialect() {
        DriverTraits d = traits;
        if (d == null) {
            d = DriverTraits.of(strategy.driverName());
            traits = d;
        }
        return d;
    }

    private String batchPosition(int first, int end) {
        int last = Math.max(first, end - 1);
        return "batch " + (first / batchSize + 1) + " (parameter sets " + first + ".." + last + ", batch size "
                + batchSize + ")";
    }

    private static long sum(int[] counts) {
        long total = 0;
        for (int n : counts) {
            total += n >= 0 ? n : (n == Statement.SUCCESS_NO_INFO ? 1 : 0);
        }
        return total;
    }

    /**
     * A query with bound parameters; nothing runs until a {@code fetch} method is called.
     *
     * @throws IllegalArgumentException if {@code sql} is blank
     */
    public Query query(String sql, Object... params) {
        Check.notBlank(sql, "sql");
        return new Query(this, sql, params == null ? new Object[] {null} : params.clone());
    }

    /**
     * A query with {@code :name} parameters (see {@link Params}); parsed once and cached. The
     * returned {@link Query}'s {@link Query#sql()} is the JDBC form, with {@code ?} placeholders.
     *
     * @throws IllegalArgumentException if a name the SQL uses has no value, a named value is not
     *                                  used, or the SQL also has a positional {@code ?}
     * @since 0.3
     */
    public Query query(String sql, Params params) {
        Check.notNull(params, "params");
        NamedSql named = named(sql);
        return new Query(this, named.jdbcSql(), params.toPositional(named, ""));
    }

    /**
     * Runs {@code body} in a transaction on one connection: commits when it returns, rolls back
     * when it throws (and rethrows its exception unchanged). Inside, every operator on the same
     * strategy on this thread uses that connection. Nested calls join the outer transaction.
     *
     * @return what {@code body} returned
     * @throws X                 what {@code body} threw, after the rollback
     * @throws DatabaseException if beginning or committing fails (after a rollback attempt)
     * @throws CommitOutcomeUnknownException if the connection failed during the commit: the
     *                           database may or may not have committed; reconcile before retrying
     */
    public <T, X extends Exception> T inTransaction(TransactionBody<T, X> body) throws X {
        Check.notNull(body, "body");
        ConnectionLease joined = current();
        if (joined != null) {
            checkJoinable(joined);
            return body.run(this);
        }
        Map<ConnectionStrategy, ConnectionLease> open = TRANSACTIONS.get();
        if (open == null) {
            open = new IdentityHashMap<>();
            TRANSACTIONS.set(open);
        }
        try (ConnectionLease lease = strategy.acquire()) {
            Connection c = lease.connection();
            boolean autoCommit;
            int previousIsolation = -1;
            boolean previousReadOnly = false;
            try {
                autoCommit = c.getAutoCommit();
                if (readOnly) {
                    previousReadOnly = c.isReadOnly();
                    c.setReadOnly(true);
                }
                if (isolation != IsolationLevel.DEFAULT) {
                    previousIsolation = c.getTransactionIsolation();
                    c.setTransactionIsolation(isolation.jdbcLevel());
                }
                c.setAutoCommit(false);
            } catch (SQLException e) {
                if (Jdbc.isConnectionFailure(e)) {
                    lease.markBroken();
                }
                throw failure("begin transaction", null, e);
            }
            open.put(strategy, lease);
            try {
                return runAndCommit(body, lease, c, autoCommit, open);
            } finally {
                restoreSettings(lease, previousIsolation, previousReadOnly);
            }
        }
    }

    private <T, X extends Exception> T runAndCommit(TransactionBody<T, X> body, ConnectionLease lease, Connection c,
            boolean autoCommit, Map<ConnectionStrategy, ConnectionLease> open) throws X {
        T result;
        try {
            result = body.run(this);
        } catch (Throwable t) {
            end(open);
            rollback(lease, autoCommit, t);
            throw t;
        }
        end(open);
        try {
            c.commit();
        } catch (SQLException e) {
            if (Jdbc.isConnectionFailure(e)) {
                // The commit may have reached the server before the connection died: a rollback is
                // impossible and "failed" would be a lie half of the time.
                lease.markBroken();
                throw new CommitOutcomeUnknownException("commit outcome unknown on '" + strategy.name() + "' ("
                        + strategy.driverName() + "): the connection failed during commit, "
                        + Jdbc.describeWithoutValues(e) + "; the database may or may not have committed the "
                        + "transaction: check its effect before retrying it", e);
            }
            DatabaseException failure = failure("commit", null, e);
            rollback(lease, autoCommit, failure);
            throw failure;
        }
        restore(lease, autoCommit, null);
        return result;
    }

    private void restoreSettings(ConnectionLease lease, int previousIsolation, boolean previousReadOnly) {
        if (previousIsolation < 0 && !readOnly) {
            return;
        }
        try {
            Connection c = lease.connection();
            if (c.isClosed()) {
                return;
            }
            if (previousIsolation >= 0) {
                c.setTransactionIsolation(previousIsolation);
            }
            if (readOnly) {
                c.setReadOnly(previousReadOnly);
            }
        } catch (SQLException | IllegalStateException e) {
            lease.markBroken(); // a connection in an unknown state must not go back to other users
        }
    }

    private void checkJoinable(ConnectionLease joined) {
        if (isolation == IsolationLevel.DEFAULT && !readOnly) {
            return;
        }
        try {
            Connection c = joined.connection();
            if (isolation != IsolationLevel.DEFAULT && c.getTransactionIsolation() != isolation.jdbcLevel()) {
                throw new IllegalStateException("cannot run at isolation " + isolation + " inside the transaction already open on '"
                        + strategy.name() + "' on this thread: the isolation level is set when a transaction begins");
            }
            if (readOnly && !c.isReadOnly()) {
                throw new IllegalStateException("cannot run a read-only transaction inside the read-write transaction already "
                        + "open on '" + strategy.name() + "' on this thread");
            }
        } catch (SQLException e) {
            throw failure("join transaction", null, e);
        }
    }

    /**
     * Runs {@code body} as a nested unit of the thread's transaction on this strategy: a
     * savepoint is set first; when {@code body} throws, the work since the savepoint is rolled
     * back and the exception propagates (the outer transaction goes on if the caller catches
     * it); when it returns, the savepoint is released. Outside a transaction this is
     * {@link #inTransaction}. (A nested {@link #inTransaction} call does not set a savepoint:
     * it joins the outer transaction, as in 0.1.)
     *
     * @return what {@code body} returned
     * @throws X                 what {@code body} threw, after the rollback to the savepoint
     * @throws DatabaseException if setting, rolling back to or releasing the savepoint fails
     * @since 0.2
     */
    public <T, X extends Exception> T inSavepoint(TransactionBody<T, X> body) throws X {
        Check.notNull(body, "body");
        ConnectionLease joined = current();
        if (joined == null) {
            return inTransaction(body);
        }
        Connection c = joined.connection();
        Savepoint sp;
        try {
            sp = c.setSavepoint();
        } catch (SQLException e) {
            if (Jdbc.isConnectionFailure(e)) {
                joined.markBroken();
            }
            throw failure("savepoint", null, e);
        }
        T result;
        try {
            result = body.run(this);
        } catch (Throwable t) {
            try {
                c.rollback(sp);
            } catch (SQLException e) {
                t.addSuppressed(e);
            }
            throw t;
        }
        try {
            c.releaseSavepoint(sp);
        } catch (SQLException e) {
            // some drivers (SQLite's older versions, Connector/J on some servers) do not release; the savepoint ends with the transaction
            if (Jdbc.isConnectionFailure(e)) {
                joined.markBroken();
                throw failure("release savepoint", null, e);
            }
        }
        return result;
    }

    /**
     * {@link #inSavepoint(TransactionBody)} for work without a result.
     *
     * @throws X what {@code action} threw, after the rollback to the savepoint
     * @since 0.2
     */
    public <X extends Exception> void runInSavepoint(TransactionAction<X> action) throws X {
        Check.notNull(action, "action");
        inSavepoint(tx -> {
            action.run(tx);
            return null;
        });
    }

    private void end(Map<ConnectionStrategy, ConnectionLease> open) {
        open.remove(strategy);
        if (open.isEmpty()) {
            TRANSACTIONS.remove();
        }
    }

    /**
     * {@link #inTransaction(TransactionBody)} for work without a result.
     *
     * @throws X what {@code action} threw, after the rollback
     */
    public <X extends Exception> void runInTransaction(TransactionAction<X> action) throws X {
        Check.notNull(action, "action");
        inTransaction(tx -> {
            action.run(tx);
            return null;
        });
    }

    private void rollback(ConnectionLease lease, boolean autoCommit, Throwable cause) {
        try {
            lease.connection().rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
            lease.markBroken();
            return;
        }
        restore(lease, autoCommit, cause);
    }

    private void restore(ConnectionLease lease, boolean autoCommit, Throwable cause) {
        try {
            lease.connection().setAutoCommit(autoCommit);
        } catch (SQLException e) {
            if (cause != null) {
                cause.addSuppressed(e);
            }
            lease.markBroken();
        }
    }

    <T> List<T> fetch(String what, String sql, Object[] params, int maxRows, int fetchSize, RowMapper<T> mapper) {
        Check.notNull(mapper, "mapper");
        boolean inTransaction = isInTransaction();
        DatabaseDriver driver = fetchSize > 0 ? Streaming.driver(strategy.driverName()) : null;
        return run(what, sql, c -> {
            try (PreparedStatement ps = prepare(c, sql)) {
                if (maxRows > 0) {
                    ps.setMaxRows(maxRows);
                }
                Jdbc.bind(ps, params);
                boolean ownTransaction = driver != null && Streaming.begin(driver, c, ps, fetchSize, inTransaction);
                List<T> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    RowMapper<T> m = mapper instanceof Mappers.Prepared<T> p ? p.prepare(rs.getMetaData()) : mapper;
                    while ((maxRows <= 0 || out.size() < maxRows) && rs.next()) {
                        out.add(m.map(rs));
                    }
                } catch (SQLException | RuntimeException | Error e) {
                    if (ownTransaction) {
                        try {
                            Streaming.end(c, false);
                        } catch (SQLException end) {
                            e.addSuppressed(end); // the read failure is the story; HikariCP resets auto-commit anyway
                        }
                    }
                    throw e;
                }
                if (ownTransaction) {
                    Streaming.end(c, true);
                }
                return Collections.unmodifiableList(out);
            }
        });
    }

    <T> Cursor<T> open(String sql, Object[] params, int fetchSize, RowMapper<T> mapper) {
        Check.notNull(mapper, "mapper");
        ConnectionLease joined = current();
        DatabaseDriver driver = fetchSize > 0 ? Streaming.driver(strategy.driverName()) : null;
        ConnectionLease own = joined == null ? strategy.acquire() : null;
        ConnectionLease lease = joined == null ? own : joined;
        PreparedStatement ps = null;
        ResultSet rs = null;
        boolean ownTransaction = false;
        try {
            ps = prepare(lease.connection(), sql);
            Jdbc.bind(ps, params);
            ownTransaction = driver != null && Streaming.begin(driver, lease.connection(), ps, fetchSize, joined != null);
            rs = ps.executeQuery();
            RowMapper<T> m = mapper instanceof Mappers.Prepared<T> p ? p.prepare(rs.getMetaData()) : mapper;
            return new Cursor<>(this, sql, ps, rs, m, own, ownTransaction);
        } catch (SQLException e) {
            if (Jdbc.isConnectionFailure(e)) {
                lease.markBroken();
            }
            cleanUp(rs, ps, own, ownTransaction, e);
            throw failure("open", sql, e);
        } catch (RuntimeException | Error e) {
            cleanUp(rs, ps, own, ownTransaction, e);
            throw e;
        }
    }

    private static void cleanUp(ResultSet rs, PreparedStatement ps, ConnectionLease own, boolean ownTransaction,
            Throwable failure) {
        Jdbc.closeQuietly(rs);
        Jdbc.closeQuietly(ps);
        if (own != null) {
            if (ownTransaction) {
                try {
                    Streaming.end(own.connection(), false);
                } catch (SQLException | RuntimeException e) {
                    failure.addSuppressed(e);
                    own.markBroken();
                }
            }
            own.close();
        }
    }

    /**
     * Closes a cursor's own transaction opened for streaming (commit, or rollback after a read
     * failure) and gives its lease back; a failure discards the connection and is thrown.
     */
    void endCursor(String sql, ConnectionLease own, boolean commit) {
        try {
            Streaming.end(own.connection(), commit);
        } catch (SQLException e) {
            own.markBroken();
            throw failure("close", sql, e);
        } finally {
            own.close();
        }
    }

    DatabaseException readFailure(String sql, SQLException e, ConnectionLease lease) {
        if (lease != null && Jdbc.isConnectionFailure(e)) {
            lease.markBroken();
        }
        return failure("fetch", sql, e);
    }

    private PreparedStatement prepare(Connection c, String sql) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        applyQueryTimeout(ps);
        return ps;
    }

    /** Sets the configured query timeout; closes {@code ps} if that fails. */
    private void applyQueryTimeout(PreparedStatement ps) throws SQLException {
        long timeout = strategy.config().queryTimeout().toMillis();
        if (timeout > 0) {
            try {
                ps.setQueryTimeout((int) Math.min(Integer.MAX_VALUE, (timeout + 999) / 1000));
            } catch (SQLException | RuntimeException e) {
                ps.close();
                throw e;
            }
        }
    }

    @FunctionalInterface
    private interface SqlCall<T> {
        T apply(Connection c) throws SQLException;
    }

    private <T> T run(String what, String sql, SqlCall<T> call) {
        return run(what, sql, null, call);
    }

    private <T> T run(String what, String sql, Supplier<String> where, SqlCall<T> call) {
        ConnectionLease joined = current();
        if (joined != null) {
            return call(joined, what, sql, where, call);
        }
        try (ConnectionLease lease = strategy.acquire()) {
            return call(lease, what, sql, where, call);
        }
    }

    private <T> T call(ConnectionLease lease, String what, String sql, Supplier<String> where, SqlCall<T> call) {
        try {
            return call.apply(lease.connection());
        } catch (SQLException e) {
            if (Jdbc.isConnectionFailure(e) || e instanceof Streaming.EndFailure) {
                lease.markBroken();
            }
            throw failure(what, sql, where == null ? null : where.get(), e);
        }
    }

    private DatabaseException failure(String what, String sql, SQLException e) {
        return failure(what, sql, null, e);
    }

    /** Never the driver's message: it may quote bound values (see the class description). */
    private DatabaseException failure(String what, String sql, String where, SQLException e) {
        return new DatabaseException(what + " failed on '" + strategy.name() + "' (" + strategy.driverName() + "): "
                + Jdbc.describeWithoutValues(e) + (where == null ? "" : " in " + where)
                + (sql == null ? "" : "; SQL: " + abbreviate(sql)), e);
    }

    private static String abbreviate(String sql) {
        String s = sql.strip().replaceAll("\\s+", " ");
        return s.length() <= 300 ? s : s.substring(0, 297) + "...";
    }

    @Override
    public String toString() {
        return "DatabaseOperator[" + strategy + ", batchSize=" + batchSize + "]";
    }
}
