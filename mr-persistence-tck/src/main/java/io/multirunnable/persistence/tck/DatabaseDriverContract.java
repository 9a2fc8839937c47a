package io.multirunnable.persistence.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multirunnable.RunningMode;
import io.multirunnable.SimpleExecutor;
import io.multirunnable.WorkerContext;
import io.multirunnable.WorkerResult;
import io.multirunnable.persistence.ConnectionLease;
import io.multirunnable.persistence.ConnectionStrategy;
import io.multirunnable.persistence.ConnectionTimeoutException;
import io.multirunnable.persistence.Cursor;
import io.multirunnable.persistence.Dao;
import io.multirunnable.persistence.Database;
import io.multirunnable.persistence.DatabaseConfig;
import io.multirunnable.persistence.DatabaseConfigBuilder;
import io.multirunnable.persistence.DatabaseException;
import io.multirunnable.persistence.DatabaseOperator;
import io.multirunnable.persistence.RowMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The contract of a {@link io.multirunnable.persistence.spi.DatabaseDriver} plugin, as a JUnit 5 suite
 * to extend in the plugin's own tests. Every shipped plugin (mysql, postgresql, sqlite) and the H2
 * plugin of our test module run it; a third-party plugin runs exactly the same tests:
 *
 * <pre>{@code
 * class H2DriverContractTest extends DatabaseDriverContract {
 *     protected String jdbcUrl() { return "jdbc:h2:mem:contract;DB_CLOSE_DELAY=-1"; }
 *     protected String driverName() { return "h2"; }
 * }
 * }</pre>
 *
 * <p>What it checks, through {@link Database#pool} and {@link DatabaseOperator} on your driver:
 * execute and fetch as maps, records and single values; JDBC batches that are all-or-nothing;
 * transactions that commit, roll back on any exception and join when nested or used from a
 * {@link Dao}; cursors that continue where they stopped; injection strings, quotes, Unicode and
 * nulls that round-trip verbatim; bad SQL and mapping errors with the cause chain and no leaked
 * connection; an exhausted pool's typed timeout; and many workers sharing one pool in every
 * {@link RunningMode}.
 *
 * <p>What it needs from the database: a schema where it may create and drop tables (names start
 * with {@code mr_} and are unique per run, so servers can be shared), the SQL types
 * {@code INTEGER}, {@code VARCHAR(n)}, {@code DOUBLE PRECISION}, {@code DECIMAL(12,2)},
 * {@code BOOLEAN}, {@code DATE} and {@code TIMESTAMP}, {@code DROP TABLE IF EXISTS}, and
 * {@code SELECT} without {@code FROM}. Tables are dropped after each test, pools closed.
 *
 * <p>When the database is not reachable, make {@link #jdbcUrl()} abort the test (JUnit's
 * {@code Assumptions.abort}) or fail it, as you prefer: the kit does not decide. JUnit makes one
 * instance per test method; the tests are not meant to run in parallel with each other (they
 * count active connections of their own pools). {@code mr-core} must be on the test runtime path
 * (it is a dependency of this kit) for the worker tests.
 *
 * @since 0.2
 */
public abstract class DatabaseDriverContract {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    /** For subclasses. */
    protected DatabaseDriverContract() {
    }

    /**
     * The JDBC URL of the database under test; called for every test. Abort the test here (or
     * throw) when the database is not reachable.
     *
     * @return a URL your driver plugin accepts, with credentials when the driver takes them in the URL
     */
    protected abstract String jdbcUrl();

    /**
     * The name your {@code DatabaseDriver} reports ({@code DatabaseDriver.name()}); the kit checks
     * that the pool it opens on {@link #jdbcUrl()} uses this driver.
     *
     * @return the driver's name, e.g. {@code "h2"}
     */
    protected abstract String driverName();

    /**
     * The configuration of every pool the kit opens, before it sets the pool size. Override it to
     * add a user, password or JDBC properties. Default: {@link #jdbcUrl()}, a 10 s connection
     * timeout and {@code poolName}.
     *
     * @param poolName a pool name no other test of this JVM uses
     * @return a builder the kit completes and builds
     */
    protected DatabaseConfigBuilder configBuilder(String poolName) {
        return DatabaseConfig.builder(jdbcUrl()).withPoolName(poolName).withConnectionTimeout(Duration.ofSeconds(10));
    }

    /**
     * A plain JDBC connection beside the library, for independent checks (row counts) and clean-up.
     * Default: {@code DriverManager} with the URL, user and password of {@link #configBuilder(String)}.
     *
     * @return a new connection the caller closes
     * @throws SQLException if it cannot connect
     */
    protected Connection adminConnection() throws SQLException {
        DatabaseConfig config = configBuilder("admin").build();
        Properties props = new Properties();
        config.user().ifPresent(u -> props.setProperty("user", u));
        config.password().ifPresent(p -> props.setProperty("password", p));
        return DriverManager.getConnection(config.url(), props);
    }

    /** Mapped by column name; {@code Double} so SQL NULL is representable. */
    record Person(long id, String name, Double score, String note) {
    }

    /** A user DAO, written the way the README shows. */
    static final class PersonDao extends Dao {
        private final String table;

        PersonDao(ConnectionStrategy db, String table) {
            super(db);
            this.table = table;
        }

        void add(Person p) {
            execute("INSERT INTO " + table + " (id, name, score, note) VALUES (?, ?, ?, ?)", p.id(), p.name(), p.score(),
                    p.note());
        }

        long addAll(List<Person> people) {
            return executeMany("INSERT INTO " + table + " (id, name, score, note) VALUES (?, ?, ?, ?)",
                    people.stream().map(p -> Arrays.asList(p.id(), p.name(), p.score(), p.note())).toList());
        }

        Optional<Person> find(long id) {
            return query("SELECT id, name, score, note FROM " + table + " WHERE id = ?", id).fetchOne(Person.class);
        }

        List<Person> all() {
            return query("SELECT id, name, score, note FROM " + table + " ORDER BY id").fetchAll(Person.class);
        }

        long count() {
            return query("SELECT COUNT(*) FROM " + table).fetchOne(Long.class).orElseThrow();
        }

        void addBoth(Person a, Person b) {
            runInTransaction(tx -> {
                add(a);
                add(b);
            });
        }

        void rename(long id, String name) {
            execute("UPDATE " + table + " SET name = ? WHERE id = ?", name, id);
        }
    }

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final List<Runnable> cleanups = new ArrayList<>();

    /**
     * Closes the pools this test opened and drops its tables.
     *
     * @throws Exception if closing a pool fails
     */
    @AfterEach
    protected final void closePoolsAndDropTables() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
        cleanups.forEach(Runnable::run);
    }

    private ConnectionStrategy pool() {
        ConnectionStrategy pool = Database.pool(config("suite").withPoolSize(4).build());
        toClose.add(pool);
        return pool;
    }

    private DatabaseConfigBuilder config(String prefix) {
        return configBuilder(prefix + "-" + driverName() + "-" + COUNTER.incrementAndGet());
    }

    /** A table name no other test (of any JVM) uses. */
    private String table(String prefix) {
        return "mr_" + prefix + "_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
    }

    /** Counts rows with plain JDBC, not through the library. */
    private long count(String table) throws SQLException {
        try (Connection c = adminConnection(); Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void drop(String table) {
        try (Connection c = adminConnection(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + table);
        } catch (SQLException ignored) {
            // best effort clean-up
        }
    }

    private static void execute(ConnectionStrategy pool, String sql, Object... params) {
        DatabaseOperator.of(pool).execute(sql, params);
    }

    private String personTable(DatabaseOperator db) {
        String table = table("person");
        db.execute("CREATE TABLE " + table + " (id INTEGER PRIMARY KEY, name VARCHAR(200), score DOUBLE PRECISION, "
                + "note VARCHAR(400))");
        cleanups.add(() -> drop(table));
        return table;
    }

    /**
     * execute, then fetch rows as maps (column order kept), records (by column name), single values and custom mappers.
     *
     * @throws SQLException if the independent JDBC check fails
     */
    @Test
    public void executeAndFetchAsMapsRecordsAndValues() throws SQLException {
        ConnectionStrategy pool = pool();
        assertThat(pool.driverName()).isEqualTo(driverName());
        DatabaseOperator db = DatabaseOperator.of(pool);
        String t = personTable(db);

        assertThat(db.execute("INSERT INTO " + t + " (id, name, score, note) VALUES (?, ?, ?, ?)", 1, "Ada", 9.5, null))
                .isEqualTo(1);
        db.execute("INSERT INTO " + t + " (id, name, score, note) VALUES (?, ?, ?, ?)", 2, "Grace", 8.25, "navy");
        db.execute("INSERT INTO " + t + " (id, name, score, note) VALUES (?, ?, ?, ?)", 3, "Barbara", null, "clu");
        assertThat(count(t)).isEqualTo(3);

        Map<String, Object> row = db.query("SELECT id, name, note FROM " + t + " WHERE id = ?", 1).fetchOne().orElseThrow();
        assertThat(row.keySet()).map(String::toLowerCase).containsExactly("id", "name", "note");
        assertThat(row.values()).element(1).isEqualTo("Ada");
        assertThat(row.values()).element(2).isNull();

        assertThat(db.query("SELECT id, name, score, note FROM " + t + " ORDER BY id").fetchAll(Person.class)).containsExactly(
                new Person(1, "Ada", 9.5, null), new Person(2, "Grace", 8.25, "navy"), new Person(3, "Barbara", null, "clu"));
        assertThat(db.query("SELECT id, name, score, note FROM " + t + " ORDER BY id").fetchMany(2, Person.class))
                .extracting(Person::id).containsExactly(1L, 2L);
        assertThat(db.query("SELECT name FROM " + t + " ORDER BY id DESC").fetchMany(5, String.class))
                .containsExactly("Barbara", "Grace", "Ada");
        assertThat(db.query("SELECT COUNT(*) FROM " + t + " WHERE score > ?", 9).fetchOne(Long.class)).contains(1L);
        assertThat(db.query("SELECT id, name FROM " + t + " WHERE id = ?", 42).fetchOne()).isEmpty();
        assertThat(db.query("SELECT id FROM " + t + " WHERE id > ? ORDER BY id", 1)
                .fetchAll(rs -> rs.getLong(1) * 10)).containsExactly(20L, 30L);
        assertThat(db.query("SELECT id, name FROM " + t + " ORDER BY id").fetchAll()).hasSize(3)
                .allSatisfy(m -> assertThat(m).hasSize(2));
        assertThat(db.execute("UPDATE " + t + " SET note = ? WHERE id > ?", "x", 1)).isEqualTo(2);
        assertThat(db.execute("DELETE FROM " + t + " WHERE id = ?", 3)).isEqualTo(1);
        assertThat(count(t)).isEqualTo(2);
        assertThat(pool.activeConnections()).isZero();
    }

    /**
     * executeMany inserts every row in JDBC batches, and a failing batch leaves none of its rows.
     *
     * @throws SQLException if the independent JDBC check fails
     */
    @Test
    public void executeManyInsertsEveryRowAndIsAllOrNothing() throws SQLException {
        DatabaseOperator db = DatabaseOperator.of(pool()).withBatchSize(64);
        String t = personTable(db);
        List<List<Object>> rows = IntStream.rangeClosed(1, 500)
                .mapToObj(i -> Arrays.<Object>asList(i, "n" + i, i / 2.0, i % 7 == 0 ? null : "note " + i))
                .toList();

        assertThat(db.executeMany("INSERT INTO " + t + " (id, name, score, note) VALUES (?, ?, ?, ?)", rows)).isEqualTo(500);
        assertThat(count(t)).isEqualTo(500);
        assertThat(db.query("SELECT id, name, score, note FROM " + t + " WHERE id = ?", 490).fetchOne(Person.class))
                .contains(new Person(490, "n490", 245.0, null));

        // id 250 already exists: the whole second batch is rolled back, even the rows sent before the duplicate.
        List<List<Object>> clash = IntStream.rangeClosed(501, 800)
                .mapToObj(i -> Arrays.<Object>asList(i == 700 ? 250 : i, "m" + i, 1.0, null))
                .toList();
        assertThatThrownBy(() -> db.executeMany("INSERT INTO " + t + " (id, name, score, note) VALUES (?, ?, ?, ?)", clash))
                .isInstanceOf(DatabaseException.class)
                .hasCauseInstanceOf(SQLException.class)
                .hasMessageContaining("executeMany failed")
                .hasMessageContaining("INSERT INTO " + t);
        assertThat(count(t)).isEqualTo(500);
        assertThat(db.strategy().activeConnections()).isZero();
    }

    /**
     * The column definition of a generated BIGINT primary key in this database, for the
     * generated-key tests: {@code AUTO_INCREMENT} on MySQL, MariaDB and H2, {@code INTEGER PRIMARY
     * KEY} (the rowid) on SQLite, {@code GENERATED BY DEFAULT AS IDENTITY} (standard SQL) elsewhere,
     * chosen by the JDBC product name. Override it for a database that needs another form.
     *
     * @param productName {@code DatabaseMetaData.getDatabaseProductName()} of the database under test
     * @return e.g. {@code "BIGINT AUTO_INCREMENT PRIMARY KEY"}
     * @since 0.3
     */
    protected String generatedKeyColumn(String productName) {
        String p = productName.toLowerCase(java.util.Locale.ROOT);
        if (p.contains("mysql") || p.contains("mariadb") || p.contains("h2")) {
            return "BIGINT AUTO_INCREMENT PRIMARY KEY";
        }
        if (p.contains("sqlite")) {
            return "INTEGER PRIMARY KEY";
        }
        return "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY";
    }

    /** Generated keys of single inserts and batches (since 0.3), run on every driver: see {@link GeneratedKeysContract}. */
    @Nested
    public class GeneratedKeysTests extends GeneratedKeysContract {
        /** For JUnit. */
        public GeneratedKeysTests() {
            super(new Fixture());
        }
    }

    /** {@code :name} parameters (since 0.3), run on every driver: see {@link NamedParametersContract}. */
    @Nested
    public class NamedParametersTests extends NamedParametersContract {
        /** For JUnit. */
        public NamedParametersTests() {
            super(new Fixture());
        }
    }

    /** This contract's pools, tables and clean-up, lent to the nested suites. */
    private final class Fixture implements KitFixture {
        @Override
        public String driverName() {
            return DatabaseDriverContract.this.driverName();
        }

        @Override
        public ConnectionStrategy pool(String prefix, int size) {
            ConnectionStrategy pool = Database.pool(config(prefix).withPoolSize(size).build());
            toClose.add(pool);
            return pool;
        }

        @Override
        public String table(String prefix, String columns) throws SQLException {
            String table = DatabaseDriverContract.this.table(prefix);
            try (Connection c = adminConnection(); Statement st = c.createStatement()) {
                String ddl = columns.replace("{key}", generatedKeyColumn(c.getMetaData().getDatabaseProductName()));
                st.execute("CREATE TABLE " + table + " (" + ddl + ")");
            }
            cleanups.add(() -> drop(table));
            return table;
        }

        @Override
        public Connection adminConnection() throws SQLException {
            return DatabaseDriverContract.this.adminConnection();
        }
    }

    /**
     * Transactions commit, roll back on any exception (checked ones propagate as themselves), join when nested or used by a DAO, and leave the connection in autocommit.
     *
     * @throws SQLException if the independent JDBC check fails
     */
    @Test
    public void transactionsCommitAndRollBack() throws SQLException {
        DatabaseOperator db = DatabaseOperator.of(pool());
        String t = personTable(db);
        String insert = "INSERT INTO " + t + " (id, name, score, note) VALUES (?, ?, ?, ?)";

        int committed = db.inTransaction(tx -> {
            assertThat(tx.isInTransaction()).isTrue();
            tx.execute(insert, 1, "a", 1.0, null);
            tx.execute(insert, 2, "b", 2.0, null);
            return tx.query("SELECT COUNT(*) FROM " + t).fetchOne(Integer.class).orElseThrow();
        });
        assertThat(committed).isEqualTo(2);
        assertThat(count(t)).isEqualTo(2);
        assertThat(db.isInTransaction()).isFalse();

        IllegalStateException boom = new IllegalStateException("boom");
        assertThatThrownBy(() -> db.runInTransaction(tx -> {
            tx.execute(insert, 3, "c", 3.0, null);
            tx.execute("UPDATE " + t + " SET name = ? WHERE id = ?", "changed", 1);
            assertThat(tx.query("SELECT COUNT(*) FROM " + t).fetchOne(Long.class)).contains(3L);
            throw boom;
        })).isSameAs(boom);
        assertThat(count(t)).isEqualTo(2);
        assertThat(db.query("SELECT name FROM " + t + " WHERE id = ?", 1).fetchOne(String.class)).contains("a");

        // A checked exception propagates as itself too; a nested transaction and a DAO on the same pool join the outer one.
        PersonDao dao = new PersonDao(db.strategy(), t);
        assertThatThrownBy(() -> db.runInTransaction(tx -> {
            dao.add(new Person(4, "d", null, null));
            tx.runInTransaction(inner -> inner.execute(insert, 5, "e", 5.0, null));
            throw new IOException("disk full");
        })).isInstanceOf(IOException.class).hasMessage("disk full");
        assertThat(count(t)).isEqualTo(2);

        // A failing statement inside the body rolls back what came before it.
        assertThatThrownBy(() -> db.runInTransaction(tx -> {
            tx.execute(insert, 6, "f", 6.0, null);
            tx.execute(insert, 1, "duplicate", 1.0, null);
        })).isInstanceOf(DatabaseException.class);
        assertThat(count(t)).isEqualTo(2);
        assertThat(db.strategy().activeConnections()).isZero();

        // The connection went back to autocommit: a plain execute is visible to others at once.
        db.execute(insert, 7, "g", 7.0, null);
        assertThat(count(t)).isEqualTo(3);
    }

    /**
     * A user DAO (extending Dao) runs its statements and transactions on the strategy it was given.
     */
    @Test
    public void daoBaseClassWorks() {
        ConnectionStrategy pool = pool();
        String t = personTable(DatabaseOperator.of(pool));
        PersonDao dao = new PersonDao(pool, t);

        dao.add(new Person(1, "Ada", 1.5, null));
        assertThat(dao.addAll(List.of(new Person(2, "Grace", 2.5, "x"), new Person(3, "Linus", null, null)))).isEqualTo(2);
        dao.rename(3, "Linus T.");
        // Both rows or neither: the second add hits the primary key, so the first one is rolled back too.
        assertThatThrownBy(() -> dao.addBoth(new Person(4, "new", null, null), new Person(1, "dup", null, null)))
                .isInstanceOf(DatabaseException.class);
        assertThat(dao.find(4)).isEmpty();
        dao.addBoth(new Person(4, "four", null, null), new Person(5, "five", null, null));
        assertThat(dao.count()).isEqualTo(5);
        execute(pool, "DELETE FROM " + t + " WHERE id > ?", 3);
        assertThat(dao.find(3)).contains(new Person(3, "Linus T.", null, null));
        assertThat(dao.find(99)).isEmpty();
        assertThat(dao.all()).extracting(Person::name).containsExactly("Ada", "Grace", "Linus T.");
        assertThat(dao.count()).isEqualTo(3);
    }

    static final List<String> NASTY = List.of(
            "'; DROP TABLE %s; --",
            "Robert'); DROP TABLE %s;--",
            "' OR '1'='1",
            "\" OR \"\"=\"",
            "back\\slash \\' \\\" \\\\",
            "semi;colon -- comment /* block */ # hash",
            "?", "? ? ?", ":name $1 @p1 %s",
            "O'Brien", "''", "'", "\"",
            "日本語テキスト", "Ünïcödé ŝtrïñg", "emoji 😀🎉👩‍👩‍👧", "mathematical 𝔸𝔹ℂ", "e\u0301 combining",
            "tab\tnew\nline\r\nreturn",
            "   leading and trailing spaces   ",
            "");

    /**
     * Injection strings, quotes, backslashes, Unicode beyond the BMP, blanks and nulls are bound, never concatenated: they round-trip verbatim and can be looked up.
     *
     * @throws SQLException if the independent JDBC check fails
     */
    @Test
    public void injectionStringsQuotesUnicodeAndNullsRoundTripVerbatim() throws SQLException {
        DatabaseOperator db = DatabaseOperator.of(pool());
        String t = table("nasty");
        db.execute("CREATE TABLE " + t + " (id INTEGER PRIMARY KEY, txt VARCHAR(1000), num DOUBLE PRECISION)");
        cleanups.add(() -> drop(t));

        List<String> values = new ArrayList<>();
        NASTY.forEach(v -> values.add(v.replace("%s", t)));
        values.add(null);
        Random random = new Random(42);
        for (int i = 0; i < 100; i++) {
            values.add(randomText(random));
        }
        for (int i = 0; i < values.size(); i++) {
            if (i % 2 == 0) {
                db.execute("INSERT INTO " + t + " (id, txt, num) VALUES (?, ?, ?)", i, values.get(i), null);
            }
        }
        List<List<?>> odd = new ArrayList<>();
        for (int i = 1; i < values.size(); i += 2) {
            odd.add(Arrays.asList(i, values.get(i), null));
        }
        db.executeMany("INSERT INTO " + t + " (id, txt, num) VALUES (?, ?, ?)", odd);

        assertThat(count(t)).isEqualTo(values.size());
        List<Map<String, Object>> rows = db.query("SELECT id, txt, num FROM " + t + " ORDER BY id").fetchAll();
        for (int i = 0; i < values.size(); i++) {
            Object[] cells = rows.get(i).values().toArray();
            assertThat(((Number) cells[0]).intValue()).isEqualTo(i);
            assertThat(cells[1]).as("value %d", i).isEqualTo(values.get(i));
            assertThat(cells[2]).isNull();
        }
        // Looking a value up by parameter finds exactly its row.
        for (int i = 0; i < NASTY.size(); i++) {
            assertThat(db.query("SELECT id FROM " + t + " WHERE txt = ?", values.get(i)).fetchAll(Integer.class))
                    .as("lookup of %s", values.get(i)).contains(i);
        }
        assertThat(db.query("SELECT id FROM " + t + " WHERE txt IS NULL").fetchAll(Integer.class))
                .containsExactly(NASTY.size());
    }

    private static String randomText(Random random) {
        StringBuilder sb = new StringBuilder();
        int n = 1 + random.nextInt(40);
        while (sb.length() < n) {
            int cp = switch (random.nextInt(4)) {
                case 0 -> 0x20 + random.nextInt(0x5F); // printable ASCII, quotes and backslash included
                case 1 -> 0xA0 + random.nextInt(0x2000);
                case 2 -> 0x3040 + random.nextInt(0x6000); // kana, CJK
                default -> 0x1F300 + random.nextInt(0x300); // emoji (outside the BMP)
            };
            if (Character.isDefined(cp) && !Character.isSurrogate((char) cp)) {
                sb.appendCodePoint(cp);
            }
        }
        return sb.toString().strip();
    }

    /**
     * Bad SQL throws DatabaseException with the driver's SQLException as cause, its SQLState, the pool and the SQL in the message, and no connection leaks.
     */
    @Test
    public void badSqlFailsWithTheCauseChainAndLeaksNoConnection() {
        ConnectionStrategy pool = pool();
        DatabaseOperator db = DatabaseOperator.of(pool);
        String missing = table("missing");

        for (int i = 0; i < 10; i++) { // more failures than connections: a leak would exhaust the pool
            assertThatThrownBy(() -> db.query("SELECT * FROM " + missing + " WHERE id = ?", 1).fetchAll())
                    .isInstanceOfSatisfying(DatabaseException.class, e -> {
                        assertThat(e.getCause()).isInstanceOf(SQLException.class);
                        assertThat(e.sqlState()).isEqualTo(((SQLException) e.getCause()).getSQLState());
                        assertThat(e).hasMessageStartingWith("fetchAll failed on '" + pool.name() + "' (" + driverName() + "): ")
                                .hasMessageEndingWith("; SQL: SELECT * FROM " + missing + " WHERE id = ?");
                    });
            assertThatThrownBy(() -> db.execute("INSERT INTO nowhere VALUES (")).isInstanceOf(DatabaseException.class)
                    .hasCauseInstanceOf(SQLException.class);
        }
        assertThat(pool.activeConnections()).isZero();
        assertThat(db.query("SELECT 1").fetchOne(Integer.class)).contains(1);
    }

    /**
     * A cursor holds one connection, continues where the last fetch stopped, refuses use after close, and inside a transaction sees its uncommitted rows.
     */
    @Test
    public void cursorContinuesWhereTheLastFetchStopped() {
        ConnectionStrategy pool = pool();
        DatabaseOperator db = DatabaseOperator.of(pool);
        String t = personTable(db);
        db.executeMany("INSERT INTO " + t + " (id, name, score, note) VALUES (?, ?, ?, ?)",
                IntStream.rangeClosed(1, 25).mapToObj(i -> Arrays.<Object>asList(i, "p" + i, null, null)).toList());

        try (Cursor<Person> cursor = db.query("SELECT id, name, score, note FROM " + t + " WHERE id > ? ORDER BY id", 0)
                .open(Person.class)) {
            assertThat(pool.activeConnections()).isEqualTo(1);
            assertThat(cursor.fetchOne()).contains(new Person(1, "p1", null, null));
            assertThat(cursor.fetchMany(10)).extracting(Person::id).containsExactly(2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L);
            assertThat(cursor.fetchMany(10)).extracting(Person::id).startsWith(12L).endsWith(21L).hasSize(10);
            assertThat(cursor.fetchAll()).extracting(Person::id).containsExactly(22L, 23L, 24L, 25L);
            assertThat(cursor.fetchMany(5)).isEmpty();
            assertThat(cursor.fetchOne()).isEmpty();
            assertThatThrownBy(() -> cursor.fetchMany(0)).hasMessage("n must be > 0 but was 0");
            cursor.close();
            assertThatThrownBy(cursor::fetchAll).isInstanceOf(IllegalStateException.class).hasMessage("cursor is closed");
        }
        assertThat(pool.activeConnections()).isZero();
        // Inside a transaction the cursor uses the transaction's connection and sees its uncommitted rows.
        assertThatThrownBy(() -> db.runInTransaction(tx -> {
            tx.execute("DELETE FROM " + t + " WHERE id > ?", 2);
            try (Cursor<Map<String, Object>> c = tx.query("SELECT id FROM " + t + " ORDER BY id").open()) {
                assertThat(c.fetchAll()).hasSize(2);
            }
            assertThat(pool.activeConnections()).isEqualTo(1);
            throw new IllegalStateException("undo");
        })).hasMessage("undo");
        assertThat(db.query("SELECT COUNT(*) FROM " + t).fetchOne(Long.class)).contains(25L);
        assertThat(pool.activeConnections()).isZero();
    }

    /**
     * A cursor on bad SQL fails at open and leaves no connection taken.
     */
    @Test
    public void cursorOnBadSqlLeavesNothingOpen() {
        ConnectionStrategy pool = pool();
        DatabaseOperator db = DatabaseOperator.of(pool);
        for (int i = 0; i < 6; i++) {
            assertThatThrownBy(() -> db.query("SELECT nope FROM nowhere_" + driverName()).open())
                    .isInstanceOf(DatabaseException.class).hasMessageStartingWith("open failed on '" + pool.name() + "'");
        }
        assertThat(pool.activeConnections()).isZero();
    }

    /**
     * A query with a fetch size streams through a cursor and the fetch methods: every row comes, in
     * order, in and outside a transaction, on a pool and on a single connection; a cursor closed early
     * frees its connection; afterwards the connection is back in auto-commit mode (the transaction a
     * driver needs for streaming, pgjdbc's, is ended) and the next statement is committed at once.
     *
     * @throws SQLException if the independent JDBC check fails
     */
    @Test
    public void fetchSizeStreamsEveryRowAndLeavesTheConnectionAsItWas() throws SQLException {
        ConnectionStrategy pool = Database.pool(config("stream").withPoolSize(1).build());
        toClose.add(pool);
        DatabaseOperator db = DatabaseOperator.of(pool);
        String t = personTable(db);
        int rows = 2_500;
        db.executeMany("INSERT INTO " + t + " (id, name, score, note) VALUES (?, ?, ?, ?)",
                IntStream.rangeClosed(1, rows).mapToObj(i -> Arrays.<Object>asList(i, "p" + i, i / 2.0, null)).toList());
        String sql = "SELECT id, name, score, note FROM " + t + " WHERE id > ? ORDER BY id";

        for (int fetchSize : new int[] {0, 1, 100, 1_000, 5_000}) {
            try (Cursor<Person> cursor = db.query(sql, 0).withFetchSize(fetchSize).open(Person.class)) {
                long expected = 1;
                for (List<Person> page = cursor.fetchMany(333); !page.isEmpty(); page = cursor.fetchMany(333)) {
                    for (Person p : page) {
                        assertThat(p).isEqualTo(new Person(expected, "p" + expected, expected / 2.0, null));
                        expected++;
                    }
                }
                assertThat(expected - 1).as("rows read with fetch size %d", fetchSize).isEqualTo(rows);
            }
            assertThat(autoCommitOf(pool)).as("auto-commit after a cursor with fetch size %d", fetchSize).isTrue();
            assertThat(db.query(sql, rows - 3).withFetchSize(fetchSize).fetchAll(Person.class)).extracting(Person::id)
                    .containsExactly((long) rows - 2, (long) rows - 1, (long) rows);
            assertThat(db.query(sql, 0).withFetchSize(fetchSize).fetchMany(700, Person.class)).hasSize(700)
                    .extracting(Person::id).endsWith(700L);
            assertThat(autoCommitOf(pool)).isTrue();
        }
        // The default cursor (fetch size 1,000) closed after 10 of 2,500 rows: connection back, usable, auto-commit.
        try (Cursor<Person> cursor = db.query(sql, 0).open(Person.class)) {
            assertThat(cursor.fetchMany(10)).extracting(Person::id).startsWith(1L).endsWith(10L);
        }
        assertThat(pool.activeConnections()).isZero();
        assertThat(autoCommitOf(pool)).isTrue();
        db.execute("UPDATE " + t + " SET note = ? WHERE id = ?", "after", 1);
        assertThat(count(t + " WHERE note = 'after'")).as("committed at once after the cursor").isEqualTo(1);

        // Inside a transaction the streamed cursor sees the transaction's own rows and leaves it open.
        assertThatThrownBy(() -> db.runInTransaction(tx -> {
            tx.execute("DELETE FROM " + t + " WHERE id > ?", 1_000);
            try (Cursor<Person> c = tx.query(sql, 0).withFetchSize(10).open(Person.class)) {
                assertThat(c.fetchAll()).hasSize(1_000);
            }
            assertThat(tx.isInTransaction()).isTrue();
            assertThat(tx.query("SELECT COUNT(*) FROM " + t).withFetchSize(10).fetchOne(Long.class)).contains(1_000L);
            throw new IllegalStateException("undo");
        })).hasMessage("undo");
        assertThat(count(t)).isEqualTo(rows);
        assertThat(autoCommitOf(pool)).isTrue();

        // A single connection (no pool to reset it) is also given back in auto-commit mode.
        try (ConnectionStrategy single = Database.singleConnection(config("stream-single").build())) {
            DatabaseOperator one = DatabaseOperator.of(single);
            try (Cursor<Long> c = one.query("SELECT id FROM " + t + " ORDER BY id").withFetchSize(50).open(Long.class)) {
                assertThat(c.fetchMany(120)).hasSize(120).endsWith(120L);
                assertThat(c.fetchAll()).hasSize(rows - 120).endsWith((long) rows);
            }
            assertThat(autoCommitOf(single)).isTrue();
            one.execute("UPDATE " + t + " SET note = ? WHERE id = ?", "single", 2);
            assertThat(count(t + " WHERE note = 'single'")).isEqualTo(1);
        }
        assertThat(pool.activeConnections()).isZero();
    }

    /**
     * A negative fetch size is refused with a message naming the option, the value and the rule; 0
     * and positive values are kept, and the query without one reports none.
     */
    @Test
    public void negativeFetchSizeIsRefusedWithAClearMessage() {
        DatabaseOperator db = DatabaseOperator.of(pool());
        var query = db.query("SELECT 1");
        assertThatThrownBy(() -> query.withFetchSize(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("fetchSize must be >= 0 (0 = the JDBC driver's default, > 0 = rows per round trip, "
                        + "streamed) but was -1");
        assertThatThrownBy(() -> query.withFetchSize(Integer.MIN_VALUE)).hasMessageEndingWith("but was " + Integer.MIN_VALUE);
        assertThat(query.fetchSize()).isEmpty();
        assertThat(query.withFetchSize(0).fetchSize()).hasValue(0);
        assertThat(query.withFetchSize(250).fetchSize()).hasValue(250);
        assertThat(query.withFetchSize(250).fetchOne(Integer.class)).contains(1);
    }

    private static boolean autoCommitOf(ConnectionStrategy strategy) throws SQLException {
        try (ConnectionLease lease = strategy.acquire()) {
            return lease.connection().getAutoCommit();
        }
    }

    enum Level { LOW, HIGH }

    /** Column names in snake_case, components in camelCase; java.time, boolean, BigDecimal, enum. */
    record Event(long id, LocalDateTime createdAt, LocalDate eventDay, boolean flag, BigDecimal amount, Level level) {
    }

    /**
     * Records get java.time values, booleans, decimals and enums, snake_case columns mapped to camelCase components; SQL NULL maps to null.
     */
    @Test
    public void recordsGetTimesBooleansDecimalsAndEnums() {
        DatabaseOperator db = DatabaseOperator.of(pool());
        String t = table("event");
        db.execute("CREATE TABLE " + t + " (id INTEGER PRIMARY KEY, created_at TIMESTAMP, event_day DATE, flag BOOLEAN, "
                + "amount DECIMAL(12,2), level VARCHAR(10))");
        cleanups.add(() -> drop(t));
        Event e = new Event(1, LocalDateTime.of(2024, 2, 29, 13, 45, 7), LocalDate.of(1999, 12, 31), true,
                new BigDecimal("1234.50"), Level.HIGH);
        db.execute("INSERT INTO " + t + " (id, created_at, event_day, flag, amount, level) VALUES (?, ?, ?, ?, ?, ?)",
                e.id(), e.createdAt(), e.eventDay(), e.flag(), e.amount(), e.level());
        db.execute("INSERT INTO " + t + " (id, created_at, event_day, flag, amount, level) VALUES (?, ?, ?, ?, ?, ?)",
                2, null, null, false, null, null);
        List<Event> events = db.query("SELECT id, created_at, event_day, flag, amount, level FROM " + t + " ORDER BY id")
                .fetchAll(Event.class);
        assertThat(events.get(0)).usingRecursiveComparison().withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
                .isEqualTo(e);
        assertThat(events.get(1)).isEqualTo(new Event(2, null, null, false, null, null));
        assertThat(db.query("SELECT id FROM " + t + " WHERE created_at = ? AND level = ?", e.createdAt(), Level.HIGH)
                .fetchAll(Long.class)).containsExactly(1L);
    }

    record Unmappable(long id, String missingColumn) {
    }

    /**
     * Mapping errors name the problem: a component without a column, several columns for a single value, NULL for a primitive.
     */
    @Test
    public void mappingErrorsNameTheProblem() {
        DatabaseOperator db = DatabaseOperator.of(pool());
        assertThatThrownBy(() -> db.query("SELECT 1 AS id").fetchOne(Unmappable.class))
                .isInstanceOf(DatabaseException.class)
                .hasMessageStartingWith("cannot map a row to record Unmappable: no column for component 'missingColumn'");
        assertThatThrownBy(() -> db.query("SELECT 1 AS a, 2 AS b").fetchOne(Long.class))
                .isInstanceOf(DatabaseException.class)
                .hasMessageContaining("cannot map a row of 2 columns")
                .hasMessageContaining("to Long: a single-column result is needed");
        assertThatThrownBy(() -> db.query("SELECT NULL AS id").fetchOne(RowMapper.to(long.class)))
                .isInstanceOf(DatabaseException.class)
                .hasMessageContaining("is NULL but long is a primitive long; use Long");
        assertThat(db.strategy().activeConnections()).isZero();
    }

    /**
     * Sixteen virtual-thread workers insert 1,000 rows each through one pool of 8: every row arrives
     * exactly once and every connection comes back.
     *
     * @throws Exception if the workers cannot run
     */
    @Test
    public void sixteenWorkersTimesOneThousandInsertsThroughOnePool() throws Exception {
        String t = table("stress");
        cleanups.add(() -> drop(t));
        try (ConnectionStrategy pool = Database.pool(config("stress").withPoolSize(8).build());
             SimpleExecutor executor = SimpleExecutor.builder(RunningMode.GREEN_THREAD).withWorkers(16).withName("w").build()) {
            DatabaseOperator db = DatabaseOperator.of(pool);
            db.execute("CREATE TABLE " + t + " (worker INTEGER NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY (worker, seq))");
            List<WorkerResult<Long>> results = executor.run(() -> {
                long worker = WorkerContext.current().id();
                for (int i = 0; i < 1_000; i++) {
                    db.execute("INSERT INTO " + t + " (worker, seq) VALUES (?, ?)", worker, i);
                }
                return worker;
            });
            assertThat(results).allSatisfy(r -> assertThat(r.error()).isNull());
            assertThat(count(t)).isEqualTo(16_000);
            assertThat(db.query("SELECT COUNT(DISTINCT worker) FROM " + t).fetchOne(Integer.class)).contains(16);
            assertThat(db.query("SELECT worker FROM " + t + " GROUP BY worker HAVING COUNT(*) <> 1000").fetchAll())
                    .isEmpty();
            assertThat(pool.activeConnections()).isZero();
        }
    }

    /**
     * In every running mode, eight workers share a pool of 3 for plain statements, batches inside
     * transactions and queries: each sees exactly its own committed rows.
     *
     * @throws Exception if the workers cannot run
     */
    @Test
    public void everyRunningModeSharesAPool() throws Exception {
        for (RunningMode mode : RunningMode.values()) {
            String t = table("modes");
            cleanups.add(() -> drop(t));
            try (ConnectionStrategy pool = Database.pool(config("modes").withPoolSize(3).build());
                 SimpleExecutor executor = SimpleExecutor.builder(mode).withWorkers(8).build()) {
                DatabaseOperator db = DatabaseOperator.of(pool);
                db.execute("CREATE TABLE " + t + " (worker INTEGER NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY (worker, seq))");
                List<WorkerResult<Long>> results = executor.run(() -> {
                    long worker = WorkerContext.current().id();
                    for (int i = 0; i < 25; i++) {
                        db.execute("INSERT INTO " + t + " (worker, seq) VALUES (?, ?)", worker, i);
                    }
                    db.runInTransaction(tx -> tx.executeMany("INSERT INTO " + t + " (worker, seq) VALUES (?, ?)",
                            IntStream.range(100, 125).mapToObj(i -> List.of(worker, i)).toList()));
                    return db.query("SELECT COUNT(*) FROM " + t + " WHERE worker = ?", worker).fetchOne(Long.class).orElseThrow();
                });
                assertThat(results).as(mode.name()).allSatisfy(r -> {
                    assertThat(r.error()).isNull();
                    assertThat(r.value()).isEqualTo(50L);
                });
                assertThat(count(t)).as(mode.name()).isEqualTo(400);
                assertThat(pool.activeConnections()).as(mode.name()).isZero();
            }
        }
    }

    /**
     * An exhausted pool makes a caller wait the connection timeout, then throws
     * {@link ConnectionTimeoutException} with HikariCP's exception (and its SQLState) as the cause;
     * the pool works again once a connection is returned.
     *
     * @throws Exception if a connection cannot be taken
     */
    @Test
    public void exhaustedPoolTimesOutWithATypedExceptionKeepingHikariCause() throws Exception {
        Duration wait = Duration.ofMillis(600);
        try (ConnectionStrategy pool = Database.pool(config("exhaust").withPoolSize(2).withConnectionTimeout(wait).build())) {
            ConnectionLease a = pool.acquire();
            ConnectionLease b = pool.acquire();
            assertThat(pool.activeConnections()).isEqualTo(2);

            assertThatThrownBy(pool::acquire).isInstanceOfSatisfying(ConnectionTimeoutException.class, e -> {
                assertThat(e.strategyName()).isEqualTo(pool.name());
                assertThat(e.timeout()).isEqualTo(wait);
                assertThat(e).hasMessageStartingWith("no connection from pool '" + pool.name() + "' within PT0.6S (pool size 2): ");
                assertThat(e.getCause()).isInstanceOf(SQLTransientConnectionException.class);
                assertThat(e.sqlState()).isEqualTo(((SQLTransientConnectionException) e.getCause()).getSQLState());
            });
            // Through the operator too: a statement waits for a connection, then gets the same typed error.
            assertThatThrownBy(() -> DatabaseOperator.of(pool).query("SELECT 1").fetchAll())
                    .isInstanceOf(ConnectionTimeoutException.class);

            b.close();
            b.close(); // idempotent
            assertThat(DatabaseOperator.of(pool).query("SELECT 1").fetchOne(Integer.class)).contains(1);
            a.close();
            assertThat(pool.activeConnections()).isZero();
        }
    }
}
