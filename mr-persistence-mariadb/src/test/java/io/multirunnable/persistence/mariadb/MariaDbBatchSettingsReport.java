package io.multirunnable.persistence.mariadb;

import static org.assertj.core.api.Assertions.assertThat;

import io.multirunnable.persistence.ConnectionStrategy;
import io.multirunnable.persistence.Database;
import io.multirunnable.persistence.DatabaseConfig;
import io.multirunnable.persistence.DatabaseConfigBuilder;
import io.multirunnable.persistence.DatabaseOperator;
import io.multirunnable.testsupport.TestBackends;
import io.multirunnable.testsupport.TestBackends.Service;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Prints how long {@code executeMany} of 10,000 INSERTs and of 10,000 UPDATEs takes (batches of
 * 1,000, one transaction, pool of 1) on MariaDB Connector/J with each candidate batch setting,
 * and on mysql-connector-j with the mysql plugin's {@code rewriteBatchedStatements=true} against the
 * same server. The figures chose the plugin's defaults (docs/notes/persist.md). Opt-in (slow),
 * asserts only row counts, never times:
 * {@code mvn -B -ntp -pl mr-persistence-mariadb -am verify -Dtest=MariaDbBatchSettingsReport -Dsurefire.failIfNoSpecifiedTests=false -Dmr.timing=true}
 * ({@code -Dmr.timing.reps=N}, default 15; the median, minimum and maximum are printed).
 */
@EnabledIfSystemProperty(named = "mr.timing", matches = "true")
class MariaDbBatchSettingsReport {
    private static final int ROWS = 10_000;
    private static final int REPS = Integer.getInteger("mr.timing.reps", 15);

    @Test
    void batchSettingsSideBySide() {
        String url = TestBackends.require(Service.MARIADB_CONNECTORJ);
        Map<String, Map<String, String>> candidates = new java.util.LinkedHashMap<>();
        candidates.put("plugin defaults (useBulkStmts=true, useBulkStmtsForInserts=true)", Map.of());
        candidates.put("Connector/J defaults (useBulkStmts=false)", Map.of("useBulkStmts", "false"));
        candidates.put("no bulk at all", Map.of("useBulkStmts", "false", "useBulkStmtsForInserts", "false"));
        candidates.put("no bulk, useServerPrepStmts=true", Map.of("useBulkStmts", "false", "useBulkStmtsForInserts", "false",
                "useServerPrepStmts", "true"));
        candidates.put("plugin defaults + useServerPrepStmts=true + cachePrepStmts=true",
                Map.of("useServerPrepStmts", "true", "cachePrepStmts", "true"));
        for (var c : candidates.entrySet()) {
            DatabaseConfigBuilder b = DatabaseConfig.builder(url);
            c.getValue().forEach(b::withProperty);
            report("mariadb: " + c.getKey(), b);
        }
        String mysqlUrl = TestBackends.locate(Service.MARIADB).url();
        if (mysqlUrl != null) {
            report("mysql plugin (mysql-connector-j, rewriteBatchedStatements=true), same server",
                    DatabaseConfig.builder(mysqlUrl));
        }
    }

    private static void report(String what, DatabaseConfigBuilder builder) {
        String t = "mr_batchset_" + ProcessHandle.current().pid();
        List<List<Object>> inserts = IntStream.range(0, ROWS)
                .mapToObj(i -> Arrays.<Object>asList(i, "name " + i, i / 3.0, i % 7 == 0 ? null : "note " + i)).toList();
        long[] insertMs = new long[REPS];
        long[] updateMs = new long[REPS];
        try (ConnectionStrategy pool = Database.pool(builder.withPoolName(t + "_" + System.nanoTime()).withPoolSize(1).build())) {
            DatabaseOperator db = DatabaseOperator.of(pool);
            db.execute("DROP TABLE IF EXISTS " + t);
            db.execute("CREATE TABLE " + t + " (id INTEGER PRIMARY KEY, name VARCHAR(50), score DOUBLE PRECISION, note VARCHAR(50))");
            try {
                for (int r = 0; r < REPS; r++) {
                    db.execute("TRUNCATE TABLE " + t);
                    long t0 = System.nanoTime();
                    db.executeMany("INSERT INTO " + t + " (id, name, score, note) VALUES (?, ?, ?, ?)", inserts);
                    insertMs[r] = (System.nanoTime() - t0) / 1_000_000;
                    final int rep = r;
                    List<List<Object>> updates = IntStream.range(0, ROWS)
                            .mapToObj(i -> Arrays.<Object>asList("r" + rep + " " + i, (double) rep + i, i)).toList();
                    t0 = System.nanoTime();
                    db.executeMany("UPDATE " + t + " SET name = ?, score = ? WHERE id = ?", updates);
                    updateMs[r] = (System.nanoTime() - t0) / 1_000_000;
                    assertThat(db.query("SELECT COUNT(*) FROM " + t + " WHERE name LIKE ?", "r" + rep + " %")
                            .fetchOne(Long.class)).contains((long) ROWS);
                }
            } finally {
                db.execute("DROP TABLE IF EXISTS " + t);
            }
        }
        System.out.printf("%-95s INSERT %s | UPDATE %s%n", what, stats(insertMs), stats(updateMs));
    }

    private static String stats(long[] ms) {
        long[] s = ms.clone();
        Arrays.sort(s);
        return String.format("median %4d ms (min %4d, max %4d)", s[s.length / 2], s[0], s[s.length - 1]);
    }
}
