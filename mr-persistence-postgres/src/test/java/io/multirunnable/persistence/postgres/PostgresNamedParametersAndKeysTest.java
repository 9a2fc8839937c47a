package io.multirunnable.persistence.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.multirunnable.persistence.ConnectionStrategy;
import io.multirunnable.persistence.Database;
import io.multirunnable.persistence.DatabaseConfig;
import io.multirunnable.persistence.DatabaseOperator;
import io.multirunnable.persistence.Params;
import io.multirunnable.testsupport.TestBackends;
import io.multirunnable.testsupport.TestBackends.Service;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL's own syntax with {@code :name} parameters on a real server: {@code ::casts}, the
 * jsonb {@code ?|}, {@code ?&} and {@code ?} (written {@code ??}) operators, dollar-quoted and
 * {@code E''} strings; and generated keys of several columns as a record, and as UUID.
 */
class PostgresNamedParametersAndKeysTest {
    private ConnectionStrategy pool;
    private DatabaseOperator db;
    private final String table = "mr_pgnamed_" + ProcessHandle.current().pid() + "_" + System.nanoTime();

    /** A key of two generated columns. */
    record Key(long id, UUID ref) {
    }

    private static Key key(java.sql.ResultSet rs) throws java.sql.SQLException {
        assertThat(rs.getMetaData().getColumnCount()).isEqualTo(2); // only the named key columns
        return new Key(rs.getLong("id"), rs.getObject("ref", UUID.class));
    }

    @BeforeEach
    void open() {
        pool = Database.pool(DatabaseConfig.builder(TestBackends.require(Service.POSTGRES)).withPoolName(table)
                .withPoolSize(2).build());
        db = DatabaseOperator.of(pool);
        db.execute("CREATE TABLE " + table + " (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
                + "ref UUID NOT NULL DEFAULT gen_random_uuid(), doc JSONB, born DATE, note TEXT)");
    }

    @AfterEach
    void close() {
        db.execute("DROP TABLE IF EXISTS " + table);
        pool.close();
    }

    @Test
    void castsAndJsonbQuestionMarkOperatorsWorkBesideNamedParameters() {
        db.execute("INSERT INTO " + table + " (doc, born, note) VALUES (:doc::jsonb, :born::date, :note)",
                Params.of("doc", "{\"a\": 1, \"b\": 2}").and("born", "1815-12-10").and("note", "ada"));
        db.execute("INSERT INTO " + table + " (doc, born, note) VALUES (CAST(:doc AS jsonb), :born, :note)",
                Params.of("doc", "{\"c\": 3}").and("born", LocalDate.of(1906, 12, 9)).and("note", "grace"));

        // ?| any of the keys, ?& all of them, ?? = the single-key ? operator; the array is bound by name and cast
        assertThat(db.query("SELECT note FROM " + table + " WHERE doc ?| :keys::text[] ORDER BY id",
                Params.of("keys", "{a,c}")).fetchAll(String.class)).containsExactly("ada", "grace");
        assertThat(db.query("SELECT note FROM " + table + " WHERE doc ?& :keys::text[]",
                Params.of("keys", "{a,b}")).fetchAll(String.class)).containsExactly("ada");
        assertThat(db.query("SELECT note FROM " + table + " WHERE doc ?? :key", Params.of("key", "c"))
                .fetchAll(String.class)).containsExactly("grace");
        assertThat(db.query("SELECT born FROM " + table + " WHERE note = :n", Params.of("n", "ada"))
                .fetchOne(LocalDate.class)).contains(LocalDate.of(1815, 12, 10));
        // :x::int is the parameter x cast to int; '::' and ':y' inside strings stay text
        assertThat(db.query("SELECT :x::int + 1 AS v, ':y::text' AS s", Params.of("x", "41")).fetchOne())
                .hasValueSatisfying(row -> assertThat(row.values()).containsExactly(42, ":y::text"));
    }

    @Test
    void dollarQuotedAndEStringsKeepTheirColons() {
        assertThat(db.query("SELECT $$ :not ' a param $$ || $t$ :nor $t$ || E'it\\'s :no' || :yes AS s",
                Params.of("yes", "!")).fetchOne(String.class)).contains(" :not ' a param  :nor it's :no!");
        db.execute("CREATE OR REPLACE FUNCTION " + table + "_f(x int) RETURNS int LANGUAGE sql AS $body$ SELECT x + 1 $body$");
        try {
            assertThat(db.query("SELECT " + table + "_f(:v) /* :c */ -- :d", Params.of("v", 1)).fetchOne(Integer.class))
                    .contains(2);
        } finally {
            db.execute("DROP FUNCTION " + table + "_f(int)");
        }
    }

    @Test
    void severalKeyColumnsComeBackAsARecordAndOnlyThoseColumnsAreReturned() {
        Key k = db.returningKeys("id", "ref").map(PostgresNamedParametersAndKeysTest::key)
                .insert("INSERT INTO " + table + " (note) VALUES (:note)", Params.of("note", "x"));
        assertThat(db.query("SELECT ref FROM " + table + " WHERE id = ?", k.id()).fetchOne(UUID.class)).contains(k.ref());

        UUID ref = db.returningKeys("ref").as(UUID.class).insert("INSERT INTO " + table + " (note) VALUES (?)", "y");
        assertThat(db.query("SELECT note FROM " + table + " WHERE ref = ?", ref).fetchOne(String.class)).contains("y");

        // only the named columns: a map of the key row has exactly them
        List<java.util.Map<String, Object>> rows = db.returningKeys("id").map(io.multirunnable.persistence.RowMapper.toMap())
                .insertAll("INSERT INTO " + table + " (note) VALUES ('a'), ('b')");
        assertThat(rows).hasSize(2).allSatisfy(r -> assertThat(r).containsOnlyKeys("id"));
        List<Key> batch = db.returningKeys("id", "ref").map(PostgresNamedParametersAndKeysTest::key).insertMany(
                "INSERT INTO " + table + " (note) VALUES (?)", List.of(List.of("m1"), List.of("m2"), List.of("m3")));
        for (int i = 0; i < batch.size(); i++) {
            assertThat(db.query("SELECT note FROM " + table + " WHERE id = ? AND ref = ?", batch.get(i).id(),
                    batch.get(i).ref()).fetchOne(String.class)).contains("m" + (i + 1));
        }
    }
}
