package io.multirunnable.tests.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.multirunnable.persistence.ConnectionStrategy;
import io.multirunnable.persistence.Database;
import io.multirunnable.persistence.DatabaseConfigBuilder;
import io.multirunnable.persistence.DatabaseOperator;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Prints how long 100,000 inserts take with {@code executeMany} (JDBC batches with the plugin's
 * batch settings, one transaction) against row-by-row {@code execute} calls. Opt-in (slow) and
 * asserts only the row counts, never the times:
 * {@code mvn -B -ntp -pl mr-tests -am verify -Dtest=BatchTimingReport -Dsurefire.failIfNoSpecifiedTests=false -Dmr.timing=true}
 */
@EnabledIfSystemProperty(named = "mr.timing", matches = "true")
class BatchTimingReport {
    private static final int ROWS = Integer.getInteger("mr.timing.rows", 100_000);

    static List<Target> shipped() {
        return Target.shipped();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shipped")
    void executeManyVersusRowByRow(Target target) throws Exception {
        List<List<Object>> rows = IntStream.range(0, ROWS)
                .mapToObj(i -> Arrays.<Object>asList(i, "name " + i, i * 0.5, i % 10 == 0 ? null : "note " + i))
                .toList();
        report(target, "executeMany, plugin batch settings", UnaryOperator.identity(), rows, Mode.BATCH);
        if (target == Target.MARIADB) {
            report(target, "executeMany, rewriteBatchedStatements=false", b -> b.withProperty("rewriteBatchedStatements",
                    "false"), rows, Mode.BATCH);
        }
        if (target == Target.MARIADB_CJ) {
            report(target, "executeMany, useBulkStmts=false", b -> b.withProperty("useBulkStmts", "false"), rows, Mode.BATCH);
        }
        if (target == Target.POSTGRESQL) {
            report(target, "executeMany, reWriteBatchedInserts=false", b -> b.withProperty("reWriteBatchedInserts", "false"),
                    rows, Mode.BATCH);
        }
        report(target, "row by row, one transaction", UnaryOperator.identity(), rows, Mode.ROWS_IN_TRANSACTION);
        report(target, "row by row, autocommit each", UnaryOperator.identity(), rows, Mode.ROWS_AUTOCOMMIT);
    }

    enum Mode { BATCH, ROWS_IN_TRANSACTION, ROWS_AUTOCOMMIT }

    private static void report(Target target, String what, UnaryOperator<DatabaseConfigBuilder> settings,
                               List<List<Object>> rows, Mode mode) throws Exception {
        String t = target.table("timing");
        try (ConnectionStrategy pool = Database.pool(settings.apply(target.config("timing").withPoolSize(1)).build())) {
            DatabaseOperator db = DatabaseOperator.of(pool);
            db.execute("CREATE TABLE " + t + " (id INTEGER PRIMARY KEY, name VARCHAR(50), score DOUBLE PRECISION, "
                    + "note VARCHAR(50))");
            String insert = "INSERT INTO " + t + " (id, name, score, note) VALUES (?, ?, ?, ?)";
            long t0 = System.nanoTime();
            switch (mode) {
                case BATCH -> db.executeMany(insert, rows);
                case ROWS_IN_TRANSACTION -> db.runInTransaction(tx -> rows.forEach(r -> tx.execute(insert, r.toArray())));
                case ROWS_AUTOCOMMIT -> rows.forEach(r -> db.execute(insert, r.toArray()));
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(target.count(t)).isEqualTo(rows.size());
            System.out.printf("[timing] %-10s %,d rows  %-45s %,8d ms  (%,.0f rows/s)%n", target, rows.size(), what, ms,
                    rows.size() * 1000.0 / Math.max(1, ms));
        } finally {
            target.drop(t);
        }
    }
}
