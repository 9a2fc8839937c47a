package io.multirunnable.tests.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.multirunnable.RunningMode;
import io.multirunnable.SimpleExecutor;
import io.multirunnable.WorkerContext;
import io.multirunnable.WorkerResult;
import io.multirunnable.persistence.ConnectionStrategy;
import io.multirunnable.persistence.Database;
import io.multirunnable.persistence.DatabaseOperator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Properties (tries from {@code jqwik.tries.default}, raise with {@code -Djqwik.tries=10000}):
 * many workers sharing a pool, committing or rolling back, leave exactly the committed rows;
 * any text round-trips verbatim through bound parameters. On H2 in memory (the test-only
 * plugin) and SQLite, so a try costs microseconds to milliseconds.
 */
class PersistencePropertiesTest {
    private static final AtomicInteger RUN = new AtomicInteger();
    private static final List<ConnectionStrategy> POOLS = new ArrayList<>();
    private static DatabaseOperator h2;
    private static DatabaseOperator sqlite;

    @BeforeContainer
    static void openPools() {
        for (int size = 1; size <= 4; size++) {
            POOLS.add(Database.pool(Target.H2.config("prop").withPoolSize(size).build()));
        }
        h2 = DatabaseOperator.of(POOLS.get(0));
        h2.execute("CREATE TABLE prop_rows (run INTEGER NOT NULL, worker INTEGER NOT NULL, seq INTEGER NOT NULL, "
                + "PRIMARY KEY (run, worker, seq))");
        h2.execute("CREATE TABLE prop_text (id INTEGER PRIMARY KEY, txt VARCHAR(4000))");
        ConnectionStrategy s = Database.pool(Target.SQLITE.config("prop").withPoolSize(2).build());
        POOLS.add(s);
        sqlite = DatabaseOperator.of(s);
        sqlite.execute("CREATE TABLE prop_text (id INTEGER PRIMARY KEY, txt VARCHAR(4000))");
    }

    @AfterContainer
    static void closePools() {
        POOLS.forEach(ConnectionStrategy::close);
        POOLS.clear();
    }

    @Property
    void workersSharingAPoolLeaveExactlyTheCommittedRows(@ForAll @IntRange(min = 1, max = 8) int workers,
                                                          @ForAll @IntRange(min = 1, max = 12) int rowsEach,
                                                          @ForAll @IntRange(min = 1, max = 4) int poolSize,
                                                          @ForAll("modes") RunningMode mode,
                                                          @ForAll long rollbackMask) throws Exception {
        DatabaseOperator db = DatabaseOperator.of(POOLS.get(poolSize - 1));
        int run = RUN.incrementAndGet();
        try (SimpleExecutor executor = SimpleExecutor.builder(mode).withWorkers(workers).build()) {
            List<WorkerResult<Integer>> results = executor.run(() -> {
                int worker = (int) WorkerContext.current().id();
                boolean rollBack = (rollbackMask >>> (worker % 64) & 1) == 1;
                try {
                    db.runInTransaction(tx -> {
                        for (int i = 0; i < rowsEach; i++) {
                            tx.execute("INSERT INTO prop_rows (run, worker, seq) VALUES (?, ?, ?)", run, worker, i);
                        }
                        if (rollBack) {
                            throw new IllegalStateException("roll back worker " + worker);
                        }
                    });
                } catch (IllegalStateException expected) {
                    return 0;
                }
                return rowsEach;
            });
            int committed = results.stream().mapToInt(WorkerResult::value).sum();
            assertThat(db.query("SELECT COUNT(*) FROM prop_rows WHERE run = ?", run).fetchOne(Integer.class))
                    .contains(committed);
            assertThat(db.strategy().activeConnections()).isZero();
        }
    }

    @Provide
    Arbitrary<RunningMode> modes() {
        return Arbitraries.of(RunningMode.class);
    }

    @Property
    void anyTextRoundTripsVerbatim(@ForAll("texts") String text) {
        int id = RUN.incrementAndGet();
        for (DatabaseOperator db : List.of(h2, sqlite)) {
            db.execute("INSERT INTO prop_text (id, txt) VALUES (?, ?)", id, text);
            assertThat(db.query("SELECT txt FROM prop_text WHERE id = ?", id).fetchOne(String.class)).contains(text);
            assertThat(db.query("SELECT id FROM prop_text WHERE txt = ?", text).fetchAll(Integer.class)).contains(id);
        }
    }

    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> quotes = Arbitraries.of("'", "\"", "\\", ";", "--", "/*", "*/", "?", "%", "_", "'; DROP TABLE prop_text; --");
        // Any UTF-16 text that is valid Unicode (no lone surrogates, no NUL), plus characters outside the BMP.
        Arbitrary<String> unicode = Arbitraries.strings().withCharRange('\u0001', '\uD7FF').withCharRange('\uE000', '\uFFFD')
                .ofMaxLength(30);
        Arbitrary<String> astral = Arbitraries.of("\uD83D\uDE00", "\uD83D\uDC69\u200D\uD83D\uDC67", "\uD835\uDD38")
                .list().ofMaxSize(4).map(l -> String.join("", l));
        return Arbitraries.oneOf(unicode, astral, quotes.list().ofMaxSize(6).map(l -> String.join("", l)),
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(60));
    }
}
