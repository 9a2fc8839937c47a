package io.multirunnable.persistence.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multirunnable.persistence.ConnectionStrategy;
import io.multirunnable.persistence.DatabaseException;
import io.multirunnable.persistence.DatabaseOperator;
import io.multirunnable.persistence.Params;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Generated keys through {@link DatabaseOperator#returningKeys}: single inserts (positional and
 * named), batches whose keys come back one per parameter set in input order (checked row by row
 * against the table with plain JDBC), all-or-nothing batches, and the messages of bad input.
 * Runs on every driver as {@link DatabaseDriverContract.GeneratedKeysTests}; the table's key
 * column comes from {@link DatabaseDriverContract#generatedKeyColumn(String)}.
 *
 * @since 0.3
 */
public abstract class GeneratedKeysContract {
    private final KitFixture fixture;

    GeneratedKeysContract(KitFixture fixture) {
        this.fixture = fixture;
    }

    /** Item: named by column, a record, or a JavaBean-free map. */
    record Item(String name, int qty) {
    }

    private String itemTable() throws SQLException {
        return fixture.table("keys", "id {key}, name VARCHAR(100) NOT NULL UNIQUE, qty INTEGER");
    }

    /** id → name, read with plain JDBC. */
    private Map<Long, String> namesById(String table) throws SQLException {
        Map<Long, String> out = new HashMap<>();
        try (Connection c = fixture.adminConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, name FROM " + table)) {
            while (rs.next()) {
                out.put(rs.getLong(1), rs.getString(2));
            }
        }
        return out;
    }

    /**
     * A single insert returns the key of its row, positional or named, as Long, as another type
     * or through a custom mapper; each key is the one the row got in the table.
     *
     * @throws SQLException if the independent JDBC check fails
     */
    @Test
    public void singleInsertReturnsTheKeyOfItsRow() throws SQLException {
        ConnectionStrategy pool = fixture.pool("keys1", 2);
        DatabaseOperator db = DatabaseOperator.of(pool);
        String t = itemTable();

        long a = db.returningKeys("id").insert("INSERT INTO " + t + " (name, qty) VALUES (?, ?)", "apple", 3);
        long b = db.returningKeys("id").insert("INSERT INTO " + t + " (name, qty) VALUES (:name, :qty)",
                Params.of("name", "pear").and("qty", 5));
        String c = db.returningKeys("id").as(String.class).insert("INSERT INTO " + t + " (name, qty) VALUES (?, ?)", "fig", 1);
        long d = db.returningKeys("id").map(rs -> rs.getLong(1) * 1000)
                .insert("INSERT INTO " + t + " (name, qty) VALUES (:name, :qty)", Params.from(new Item("plum", 7))) / 1000;

        assertThat(List.of(a, b, Long.parseLong(c), d)).doesNotHaveDuplicates();
        assertThat(namesById(t)).containsExactlyInAnyOrderEntriesOf(
                Map.of(a, "apple", b, "pear", Long.parseLong(c), "fig", d, "plum"));
        assertThat(pool.activeConnections()).isZero();
    }

    /**
     * A batch returns one key per parameter set, in input order, across several JDBC batches
     * (batch size 64, 500 rows): the row with the i-th key holds the i-th set's name.
     *
     * @throws SQLException if the independent JDBC check fails
     */
    @Test
    public void batchReturnsOneKeyPerSetInInputOrder() throws SQLException {
        DatabaseOperator db = DatabaseOperator.of(fixture.pool("keysN", 2)).withBatchSize(64);
        String t = itemTable();
        db.returningKeys("id").insert("INSERT INTO " + t + " (name, qty) VALUES (?, ?)", "first", 0);
        // names in a shuffled, non-sorted order so that key order cannot match by accident of sorting
        List<Integer> order = new ArrayList<>(IntStream.range(0, 500).boxed().toList());
        java.util.Collections.shuffle(order, new java.util.Random(15));
        List<List<?>> sets = order.stream().<List<?>>map(i -> Arrays.asList("n" + i, i)).toList();

        List<Long> keys = db.returningKeys("id").insertMany("INSERT INTO " + t + " (name, qty) VALUES (?, ?)", sets);

        assertThat(keys).hasSize(500).doesNotHaveDuplicates();
        Map<Long, String> byId = namesById(t);
        assertThat(byId).hasSize(501);
        for (int i = 0; i < keys.size(); i++) {
            assertThat(byId.get(keys.get(i))).as("row of key %d (set %d)", keys.get(i), i).isEqualTo("n" + order.get(i));
        }

        // named sources (records and maps) the same way, one JDBC batch smaller than the rest
        List<Object> sources = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            sources.add(i % 2 == 0 ? new Item("r" + i, i) : Map.of("name", "r" + i, "qty", i));
        }
        List<Long> named = db.returningKeys("id").insertManyNamed("INSERT INTO " + t + " (name, qty) VALUES (:name, :qty)",
                sources);
        Map<Long, String> after = namesById(t);
        assertThat(named).hasSize(70).doesNotHaveDuplicates().doesNotContainAnyElementsOf(keys);
        for (int i = 0; i < named.size(); i++) {
            assertThat(after.get(named.get(i))).isEqualTo("r" + i);
        }
        assertThat(db.strategy().activeConnections()).isZero();
    }

    /**
     * A batch that fails part-way (duplicate name in its second JDBC batch) keeps none of its
     * rows, and one inside a transaction that rolls back leaves nothing either.
     *
     * @throws SQLException if the independent JDBC check fails
     */
    @Test
    public void batchWithKeysIsAllOrNothing() throws SQLException {
        DatabaseOperator db = DatabaseOperator.of(fixture.pool("keysX", 2)).withBatchSize(10);
        String t = itemTable();
        List<List<?>> sets = IntStream.range(0, 30).<List<?>>mapToObj(i -> List.of(i == 17 ? "x3" : "x" + i, i)).toList();

        assertThatThrownBy(() -> db.returningKeys("id").insertMany("INSERT INTO " + t + " (name, qty) VALUES (?, ?)", sets))
                .isInstanceOf(DatabaseException.class)
                .hasMessageContaining("insertMany returning keys failed")
                .hasMessageContaining("batch 2");
        assertThat(namesById(t)).isEmpty();

        assertThatThrownBy(() -> db.runInTransaction(tx -> {
            assertThat(tx.returningKeys("id").insertMany("INSERT INTO " + t + " (name, qty) VALUES (?, ?)",
                    List.of(List.of("ok1", 1), List.of("ok2", 2)))).hasSize(2);
            throw new IllegalStateException("changed my mind");
        })).hasMessage("changed my mind");
        assertThat(namesById(t)).isEmpty();
        assertThat(db.strategy().activeConnections()).isZero();
    }

    /**
     * Bad input: no key column, a blank one, and an insert that inserts no row, each with a
     * message saying what is wrong; an INSERT of several rows through {@code insert} says to use
     * {@code insertAll}, which returns every key (drivers that return whole-statement keys).
     *
     * @throws SQLException if the independent JDBC check fails
     */
    @Test
    public void badInputIsRefusedWithAClearMessage() throws SQLException {
        DatabaseOperator db = DatabaseOperator.of(fixture.pool("keysBad", 1));
        String t = itemTable();
        assertThatThrownBy(() -> db.returningKeys()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("name at least one generated key column, e.g. returningKeys(\"id\")");
        assertThatThrownBy(() -> db.returningKeys("id", " ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("keyColumns[1]");

        db.returningKeys("id").insert("INSERT INTO " + t + " (name, qty) VALUES (?, ?)", "only", 1);
        assertThatThrownBy(() -> db.returningKeys("id").insert(
                "INSERT INTO " + t + " (name, qty) SELECT name, qty FROM " + t + " WHERE qty < ?", 0))
                .isInstanceOf(DatabaseException.class)
                .hasMessageContaining("got no generated key: the statement inserted no row");
        assertThat(namesById(t)).hasSize(1);
        assertThat(db.strategy().activeConnections()).isZero();
    }

    /**
     * Keys of many inserts from 8 threads on one pool: every key distinct, each the key of its
     * own row (no thread gets another's key).
     *
     * @throws Exception if a thread fails
     */
    @Test
    public void concurrentInsertsEachGetTheirOwnKey() throws Exception {
        DatabaseOperator db = DatabaseOperator.of(fixture.pool("keysMT", 4)).withBatchSize(7);
        String t = itemTable();
        int threads = 8;
        int perThread = 40;
        List<Map<Long, String>> got = new ArrayList<>();
        List<Thread> running = new ArrayList<>();
        List<Throwable> errors = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int w = 0; w < threads; w++) {
            Map<Long, String> mine = new HashMap<>();
            got.add(mine);
            int worker = w;
            running.add(Thread.ofPlatform().start(() -> {
                try {
                    for (int i = 0; i < perThread; i++) {
                        String name = "w" + worker + "-" + i;
                        mine.put(db.returningKeys("id").insert("INSERT INTO " + t + " (name, qty) VALUES (?, ?)", name, i),
                                name);
                    }
                    List<List<?>> sets = IntStream.range(0, perThread).<List<?>>mapToObj(i -> List.of("b" + worker + "-" + i, i))
                            .toList();
                    List<Long> keys = db.returningKeys("id").insertMany("INSERT INTO " + t + " (name, qty) VALUES (?, ?)",
                            sets);
                    for (int i = 0; i < keys.size(); i++) {
                        mine.put(keys.get(i), "b" + worker + "-" + i);
                    }
                } catch (Throwable e) {
                    errors.add(e);
                }
            }));
        }
        for (Thread th : running) {
            th.join();
        }
        assertThat(errors).isEmpty();
        Map<Long, String> all = new HashMap<>();
        got.forEach(all::putAll);
        assertThat(all).hasSize(threads * perThread * 2);
        assertThat(new HashSet<>(all.values())).hasSize(threads * perThread * 2);
        assertThat(namesById(t)).isEqualTo(all);
        assertThat(db.strategy().activeConnections()).isZero();
    }
}
