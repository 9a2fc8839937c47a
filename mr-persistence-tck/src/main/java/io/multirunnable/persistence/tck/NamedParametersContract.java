package io.multirunnable.persistence.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multirunnable.persistence.Dao;
import io.multirunnable.persistence.DatabaseOperator;
import io.multirunnable.persistence.Params;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code :name} parameters through {@link DatabaseOperator} and {@link Dao} on a real driver:
 * values from {@link Params#of}, maps, records and JavaBeans; a name used twice; {@code :text}
 * inside string literals, quoted identifiers and comments left alone; named batches; and the
 * messages of a missing value, an unused value and {@code ?} mixed with {@code :name}, after
 * which nothing was written and no connection is left leased. Runs on every driver as
 * {@link DatabaseDriverContract.NamedParametersTests}.
 *
 * @since 0.3
 */
public abstract class NamedParametersContract {
    private final KitFixture fixture;

    NamedParametersContract(KitFixture fixture) {
        this.fixture = fixture;
    }

    /** A record source. */
    record Person(long id, String name, String note) {
    }

    /** A JavaBean source (public getters). */
    public static final class PersonBean {
        private final long id;
        private final String name;

        PersonBean(long id, String name) {
            this.id = id;
            this.name = name;
        }

        /** @return the id */
        public long getId() {
            return id;
        }

        /** @return the name */
        public String getName() {
            return name;
        }

        /** @return always true: a property the SQL need not use */
        public boolean isActive() {
            return true;
        }
    }

    /** A DAO using named parameters through its protected helpers. */
    static final class PersonDao extends Dao {
        private final String table;

        PersonDao(DatabaseOperator db, String table) {
            super(db);
            this.table = table;
        }

        void rename(long id, String name) {
            execute("UPDATE " + table + " SET name = :name WHERE id = :id", Params.of("id", id).and("name", name));
        }

        String name(long id) {
            return query("SELECT name FROM " + table + " WHERE id = :id", Params.of("id", id)).fetchOne(String.class)
                    .orElseThrow();
        }
    }

    private String personTable() throws SQLException {
        return fixture.table("named", "id INTEGER PRIMARY KEY, name VARCHAR(200), note VARCHAR(200)");
    }

    private Map<Long, List<String>> rows(String table) throws SQLException {
        Map<Long, List<String>> out = new LinkedHashMap<>();
        try (Connection c = fixture.adminConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, name, note FROM " + table + " ORDER BY id")) {
            while (rs.next()) {
                out.put(rs.getLong(1), java.util.Arrays.asList(rs.getString(2), rs.getString(3)));
            }
        }
        return out;
    }

    /**
     * Values from Params, a Map, a record and a JavaBean bind by name; a name used twice binds
     * twice; {@code ':x'} strings, comments and values containing {@code :name} stay text.
     *
     * @throws SQLException if the independent JDBC check fails
     */
    @Test
    public void namedValuesBindFromParamsMapsRecordsAndBeans() throws SQLException {
        DatabaseOperator db = DatabaseOperator.of(fixture.pool("named", 2));
        String t = personTable();
        String insert = "INSERT INTO " + t + " (id, name, note) VALUES (:id, :name, :note)";

        assertThat(db.execute(insert, Params.of("id", 1).and("name", "Ada").and("note", null))).isEqualTo(1);
        Map<String, Object> map = new HashMap<>();
        map.put("id", 2);
        map.put("name", "it's :name");
        map.put("note", "-- not a comment /* nor this */");
        db.execute(insert, Params.of(map));
        db.execute(insert, Params.from(new Person(3, "Grace", ":note")));
        db.execute("INSERT INTO " + t + " (id, name, note) VALUES (:id, :name, 'bean')", Params.from(new PersonBean(4, "Bean")));

        assertThat(rows(t)).containsExactly(Map.entry(1L, java.util.Arrays.asList("Ada", null)),
                Map.entry(2L, List.of("it's :name", "-- not a comment /* nor this */")),
                Map.entry(3L, List.of("Grace", ":note")), Map.entry(4L, List.of("Bean", "bean")));

        // a name used twice; ':x' in a literal, a quoted alias and comments are not parameters
        String sql = "SELECT name AS \"a:b\" FROM " + t + " -- :ignored\n"
                + "WHERE (id = :id OR id = :id + 10) /* :alsoIgnored */ AND note <> ':literal'";
        assertThat(db.query(sql, Params.of("id", 3)).fetchAll(String.class)).containsExactly("Grace");
        assertThat(db.query("SELECT COUNT(*) FROM " + t + " WHERE id >= :low AND id <= :high",
                Params.of("low", 2).and("high", 3)).fetchOne(Long.class)).contains(2L);
        assertThat(db.query("SELECT COUNT(*) FROM " + t, Params.empty()).fetchOne(Long.class)).contains(4L);
        assertThat(db.strategy().activeConnections()).isZero();
    }

    /**
     * A named batch of records, maps and Params (batch size 50, 240 rows) inserts every row, and
     * a DAO uses named parameters through its protected helpers.
     *
     * @throws SQLException if the independent JDBC check fails
     */
    @Test
    public void namedBatchesAndDaos() throws SQLException {
        DatabaseOperator db = DatabaseOperator.of(fixture.pool("namedN", 2)).withBatchSize(50);
        String t = personTable();
        List<Object> sources = new ArrayList<>();
        for (int i = 1; i <= 240; i++) {
            sources.add(switch (i % 3) {
                case 0 -> new Person(i, "p" + i, null);
                case 1 -> Map.of("id", i, "name", "p" + i, "note", "m");
                default -> Params.of("id", i).and("name", "p" + i).and("note", "x");
            });
        }
        assertThat(db.executeManyNamed("INSERT INTO " + t + " (id, name, note) VALUES (:id, :name, :note)", sources))
                .isEqualTo(240);
        Map<Long, List<String>> rows = rows(t);
        assertThat(rows).hasSize(240);
        assertThat(rows.get(239L)).containsExactly("p239", "x");
        assertThat(rows.get(240L)).containsExactly("p240", null);

        PersonDao dao = new PersonDao(db, t);
        dao.rename(7, "seven");
        assertThat(dao.name(7)).isEqualTo("seven");
        assertThat(db.strategy().activeConnections()).isZero();
    }

    /**
     * Bad input: a missing value, an unused value, a case-mismatched name, {@code ?} mixed with
     * {@code :name}, a bad element in a named batch; each message names the parameter and what is
     * available, nothing is written, no connection stays leased.
     *
     * @throws SQLException if the independent JDBC check fails
     */
    @Test
    public void missingUnusedAndMixedParametersAreRefusedClearly() throws SQLException {
        DatabaseOperator db = DatabaseOperator.of(fixture.pool("namedBad", 1));
        String t = personTable();
        String insert = "INSERT INTO " + t + " (id, name, note) VALUES (:id, :name, :note)";

        assertThatThrownBy(() -> db.execute(insert, Params.of("id", 1).and("name", "x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("named parameter :note has no value; available: id, name; the SQL uses: :id, :name, :note");
        assertThatThrownBy(() -> db.execute(insert, Params.of("id", 1).and("name", "x").and("note", "n").and("nmae", "y")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("parameter 'nmae' is given but the SQL does not use :nmae; the SQL uses: :id, :name, :note");
        assertThatThrownBy(() -> db.query("SELECT name FROM " + t + " WHERE id = :userId", Params.of("userid", 1)).fetchAll())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("named parameter :userId has no value; available: userid (did you mean :userid? "
                        + "names are case-sensitive)");
        assertThatThrownBy(() -> db.execute("UPDATE " + t + " SET name = ? WHERE id = :id", Params.of("id", 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("SQL mixes a positional ? placeholder (at character "
                        + (("UPDATE " + t + " SET name = ").length() + 1) + ") with :name parameters");
        assertThatThrownBy(() -> db.executeManyNamed(insert, List.of(new Person(1, "a", null), new java.util.TreeMap<>(Map.of("id", 2, "name", "b")))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("named parameter :note in sources[1] has no value; available: id, name");
        assertThatThrownBy(() -> Params.of("bad-name", 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("parameter name 'bad-name' is not valid");
        assertThatThrownBy(() -> Params.of("id", 1).and("id", 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parameter 'id' is given twice; each name takes one value");
        assertThatThrownBy(() -> Params.from(new Object())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("neither a record, a Map nor a JavaBean");
        assertThat(rows(t)).isEmpty();
        assertThat(db.strategy().activeConnections()).isZero();
    }

    /**
     * Named parameters from many threads sharing the parse cache: 8 threads × 50 distinct SQL
     * texts × 5 rounds; every statement binds its own values.
     *
     * @throws Exception if a thread fails
     */
    @Test
    public void manyThreadsShareTheParsedSql() throws Exception {
        DatabaseOperator db = DatabaseOperator.of(fixture.pool("namedMT", 4));
        List<Thread> threads = new ArrayList<>();
        List<Throwable> errors = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int w = 0; w < 8; w++) {
            int worker = w;
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    for (int round = 0; round < 5; round++) {
                        for (int s = 0; s < 50; s++) {
                            long v = worker * 1000L + s;
                            Long got = db.query("SELECT :v + " + s + " AS x", Params.of("v", v)).fetchOne(Long.class)
                                    .orElseThrow();
                            assertThat(got).isEqualTo(v + s);
                        }
                    }
                } catch (Throwable e) {
                    errors.add(e);
                }
            }));
        }
        for (Thread th : threads) {
            th.join();
        }
        assertThat(errors).isEmpty();
        assertThat(db.strategy().activeConnections()).isZero();
    }
}
