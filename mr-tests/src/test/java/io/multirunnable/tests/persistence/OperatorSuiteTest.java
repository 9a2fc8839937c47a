package io.multirunnable.tests.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multirunnable.persistence.ConnectionStrategy;
import io.multirunnable.persistence.Cursor;
import io.multirunnable.persistence.Dao;
import io.multirunnable.persistence.Database;
import io.multirunnable.persistence.DatabaseException;
import io.multirunnable.persistence.DatabaseOperator;
import io.multirunnable.persistence.RowMapper;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The same operator and DAO suite on every driver plugin: SQLite, MariaDB, PostgreSQL, and the test-only H2 plugin. */
class OperatorSuiteTest {

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

    @AfterEach
    void cleanUp() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
        cleanups.forEach(Runnable::run);
    }

    private ConnectionStrategy pool(Target target) {
        ConnectionStrategy pool = Database.pool(target.config("suite").withPoolSize(4).build());
        toClose.add(pool);
        return pool;
    }

    private static void execute(ConnectionStrategy pool, String sql, Object... params) {
        DatabaseOperator.of(pool).execute(sql, params);
    }

    private String personTable(Target target, DatabaseOperator db) {
        String table = target.table("person");
        db.execute("CREATE TABLE " + table + " (id INTEGER PRIMARY KEY, name VARCHAR(200), score DOUBLE PRECISION, "
                + "note VARCHAR(400))");
        cleanups.add(() -> target.drop(table));
        return table;
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Target.class)
    void executeAndFetchAsMapsRecordsAndValues(Target target) throws SQLException {
        ConnectionStrategy pool = pool(target);
        assertThat(pool.driverName()).isEqualTo(target.driver);
        DatabaseOperator db = DatabaseOperator.of(pool);
        String t = personTable(target, db);

        assertThat(db.execute("INSERT INTO " + t + " (id, name, score, note) VALUES (?, ?, ?, ?)", 1, "Ada", 9.5, null))
                .isEqualTo(1);
        db.execute("INSERT INTO " + t + " (id, name, score, note) VALUES (?, ?, ?, ?)", 2, "Grace", 8.25, "navy");
        db.execute("INSERT INTO " + t + " (id, name, score, note) VALUES (?, ?, ?, ?)", 3, "Barbara", null, "clu");
        assertThat(target.count(t)).isEqualTo(3);

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
        assertThat(target.count(t)).isEqualTo(2);
        assertThat(pool.activeConnections()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Target.class)
    void executeManyInsertsEveryRowAndIsAllOrNothing(Target target) throws SQLException {
        DatabaseOperator db = DatabaseOperator.of(pool(target)).withBatchSize(64);
        String t = personTable(target, db);
        List<List<Object>> rows = IntStream.rangeClosed(1, 500)
                .mapToObj(i -> Arrays.<Object>asList(i, "n" + i, i / 2.0, i % 7 == 0 ? null : "note " + i))
                .toList();

        assertThat(db.executeMany("INSERT INTO " + t + " (id, name, score, note) VALUES (?, ?, ?, ?)", rows)).isEqualTo(500);
        assertThat(target.count(t)).isEqualTo(500);
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
        assertThat(target.count(t)).isEqualTo(500);
        assertThat(db.strategy().activeConnections()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Target.class)
    void transactionsCommitAndRollBack(Target target) throws SQLException {
        DatabaseOperator db = DatabaseOperator.of(pool(target));
        String t = personTable(target, db);
        String insert = "INSERT INTO " + t + " (id, name, score, note) VALUES (?, ?, ?, ?)";

        int committed = db.inTransaction(tx -> {
            assertThat(tx.isInTransaction()).isTrue();
            tx.execute(insert, 1, "a", 1.0, null);
            tx.execute(insert, 2, "b", 2.0, null);
            return tx.query("SELECT COUNT(*) FROM " + t).fetchOne(Integer.class).orElseThrow();
        });
        assertThat(committed).isEqualTo(2);
        assertThat(target.count(t)).isEqualTo(2);
        assertThat(db.isInTransaction()).isFalse();

        IllegalStateException boom = new IllegalStateException("boom");
        assertThatThrownBy(() -> db.runInTransaction(tx -> {
            tx.execute(insert, 3, "c", 3.0, null);
            tx.execute("UPDATE " + t + " SET name = ? WHERE id = ?", "changed", 1);
            assertThat(tx.query("SELECT COUNT(*) FROM " + t).fetchOne(Long.class)).contains(3L);
            throw boom;
        })).isSameAs(boom);
        assertThat(target.count(t)).isEqualTo(2);
        assertThat(db.query("SELECT name FROM " + t + " WHERE id = ?", 1).fetchOne(String.class)).contains("a");

        // A checked exception propagates as itself too; a nested transaction and a DAO on the same pool join the outer one.
        PersonDao dao = new PersonDao(db.strategy(), t);
        assertThatThrownBy(() -> db.runInTransaction(tx -> {
            dao.add(new Person(4, "d", null, null));
            tx.runInTransaction(inner -> inner.execute(insert, 5, "e", 5.0, null));
            throw new java.io.IOException("disk full");
        })).isInstanceOf(java.io.IOException.class).hasMessage("disk full");
        assertThat(target.count(t)).isEqualTo(2);

        // A failing statement inside the body rolls back what came before it.
        assertThatThrownBy(() -> db.runInTransaction(tx -> {
            tx.execute(insert, 6, "f", 6.0, null);
            tx.execute(insert, 1, "duplicate", 1.0, null);
        })).isInstanceOf(DatabaseException.class);
        assertThat(target.count(t)).isEqualTo(2);
        assertThat(db.strategy().activeConnections()).isZero();

        // The connection went back to autocommit: a plain execute is visible to others at once.
        db.execute(insert, 7, "g", 7.0, null);
        assertThat(target.count(t)).isEqualTo(3);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Target.class)
    void daoBaseClassWorks(Target target) {
        ConnectionStrategy pool = pool(target);
        String t = personTable(target, DatabaseOperator.of(pool));
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

    @ParameterizedTest(name = "{0}")
    @EnumSource(Target.class)
    void injectionStringsQuotesUnicodeAndNullsRoundTripVerbatim(Target target) throws SQLException {
        DatabaseOperator db = DatabaseOperator.of(pool(target));
        String t = target.table("nasty");
        db.execute("CREATE TABLE " + t + " (id INTEGER PRIMARY KEY, txt VARCHAR(1000), num DOUBLE PRECISION)");
        cleanups.add(() -> target.drop(t));

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

        assertThat(target.count(t)).isEqualTo(values.size());
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

    @ParameterizedTest(name = "{0}")
    @EnumSource(Target.class)
    void badSqlFailsWithTheCauseChainAndLeaksNoConnection(Target target) {
        ConnectionStrategy pool = pool(target);
        DatabaseOperator db = DatabaseOperator.of(pool);
        String missing = target.table("missing");

        for (int i = 0; i < 10; i++) { // more failures than connections: a leak would exhaust the pool
            assertThatThrownBy(() -> db.query("SELECT * FROM " + missing + " WHERE id = ?", 1).fetchAll())
                    .isInstanceOfSatisfying(DatabaseException.class, e -> {
                        assertThat(e.getCause()).isInstanceOf(SQLException.class);
                        assertThat(e.sqlState()).isEqualTo(((SQLException) e.getCause()).getSQLState());
                        assertThat(e).hasMessageStartingWith("fetchAll failed on '" + pool.name() + "' (" + target.driver + "): ")
                                .hasMessageEndingWith("; SQL: SELECT * FROM " + missing + " WHERE id = ?");
                    });
            assertThatThrownBy(() -> db.execute("INSERT INTO nowhere VALUES (")).isInstanceOf(DatabaseException.class)
                    .hasCauseInstanceOf(SQLException.class);
        }
        assertThat(pool.activeConnections()).isZero();
        assertThat(db.query("SELECT 1").fetchOne(Integer.class)).contains(1);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Target.class)
    void cursorContinuesWhereTheLastFetchStopped(Target target) {
        ConnectionStrategy pool = pool(target);
        DatabaseOperator db = DatabaseOperator.of(pool);
        String t = personTable(target, db);
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

    @ParameterizedTest(name = "{0}")
    @EnumSource(Target.class)
    void cursorOnBadSqlLeavesNothingOpen(Target target) {
        ConnectionStrategy pool = pool(target);
        DatabaseOperator db = DatabaseOperator.of(pool);
        for (int i = 0; i < 6; i++) {
            assertThatThrownBy(() -> db.query("SELECT nope FROM nowhere_" + target).open())
                    .isInstanceOf(DatabaseException.class).hasMessageStartingWith("open failed on '" + pool.name() + "'");
        }
        assertThat(pool.activeConnections()).isZero();
    }

    enum Level { LOW, HIGH }

    /** Column names in snake_case, components in camelCase; java.time, boolean, BigDecimal, enum. */
    record Event(long id, LocalDateTime createdAt, LocalDate eventDay, boolean flag, BigDecimal amount, Level level) {
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Target.class)
    void recordsGetTimesBooleansDecimalsAndEnums(Target target) {
        DatabaseOperator db = DatabaseOperator.of(pool(target));
        String t = target.table("event");
        db.execute("CREATE TABLE " + t + " (id INTEGER PRIMARY KEY, created_at TIMESTAMP, event_day DATE, flag BOOLEAN, "
                + "amount DECIMAL(12,2), level VARCHAR(10))");
        cleanups.add(() -> target.drop(t));
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

    @ParameterizedTest(name = "{0}")
    @EnumSource(Target.class)
    void mappingErrorsNameTheProblem(Target target) {
        DatabaseOperator db = DatabaseOperator.of(pool(target));
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
}
