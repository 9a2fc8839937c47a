package io.multirunnable.tests.persistence;

import io.multirunnable.persistence.ConnectionStrategy;
import io.multirunnable.persistence.Cursor;
import io.multirunnable.persistence.Database;
import io.multirunnable.persistence.DatabaseConfig;
import io.multirunnable.persistence.DatabaseOperator;
import io.multirunnable.persistence.Query;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.BitSet;
import java.util.List;

/**
 * The streaming memory test's data: table {@value #TABLE} with {@value #ROWS} rows of about 100
 * bytes ({@code id BIGINT}, {@code payload VARCHAR(100)} of 92 characters: the id zero-padded to
 * 12 digits, then {@link #TAIL}), made in the database itself (PostgreSQL {@code generate_series},
 * MariaDB's SEQUENCE engine {@code seq_1_to_N}, SQLite a recursive CTE) under a temporary name and
 * renamed when complete, so a table with that name always holds every row. It is kept between
 * runs (and shared by concurrent runs): only its row count is checked then. Also the reader used by
 * the test and by {@link StreamingProbe} in a child JVM.
 */
final class FiveMillionRows {
    static final String TABLE = "mr_stream_5m";
    static final int ROWS = 5_000_000;
    /** 80 characters after the 12-digit id. */
    static final String TAIL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-ABCDEFGHIJKLMNOPQ";

    record Row(long id, String payload) {
    }

    /** What a read saw. */
    record Result(long rows, int distinctIds, long badRows, long peakHeapAfterGcBytes, long millis) {
        @Override
        public String toString() {
            return "rows=" + rows + " distinctIds=" + distinctIds + " badRows=" + badRows + " peakHeapAfterGcMB="
                    + peakHeapAfterGcBytes / (1024 * 1024) + " ms=" + millis;
        }
    }

    private FiveMillionRows() {
    }

    /**
     * Makes sure {@value #TABLE} exists with {@value #ROWS} rows on the database at {@code url}.
     *
     * @return the milliseconds spent creating it (0 when it was reused)
     */
    static long ensureTable(String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            Long existing = count(s, TABLE);
            if (existing != null && existing == ROWS) {
                return 0;
            }
            long start = System.nanoTime();
            String tmp = TABLE + "_tmp_" + ProcessHandle.current().pid();
            s.execute("DROP TABLE IF EXISTS " + tmp);
            s.execute("CREATE TABLE " + tmp + " (id BIGINT NOT NULL, payload VARCHAR(100) NOT NULL)");
            if (url.startsWith("jdbc:postgresql:")) {
                s.execute("INSERT INTO " + tmp + " SELECT g, lpad(g::text, 12, '0') || '" + TAIL + "' FROM generate_series(1, "
                        + ROWS + ") g");
            } else if (url.startsWith("jdbc:sqlite:")) {
                c.setAutoCommit(false);
                s.execute("WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < " + ROWS + ") "
                        + "INSERT INTO " + tmp + " SELECT i, printf('%012d', i) || '" + TAIL + "' FROM seq");
                c.commit();
                c.setAutoCommit(true);
            } else { // MariaDB (SEQUENCE engine, 10.0.3+)
                s.execute("INSERT INTO " + tmp + " SELECT seq, CONCAT(LPAD(seq, 12, '0'), '" + TAIL + "') FROM seq_1_to_" + ROWS);
            }
            if (existing != null) { // a table with a wrong count (an interrupted old layout): replace it
                s.execute("DROP TABLE IF EXISTS " + TABLE);
            }
            try {
                s.execute((url.startsWith("jdbc:mysql:") || url.startsWith("jdbc:mariadb:") ? "RENAME TABLE " + tmp + " TO "
                        : "ALTER TABLE " + tmp + " RENAME TO ") + TABLE);
            } catch (SQLException concurrentRunWasFirst) {
                s.execute("DROP TABLE IF EXISTS " + tmp);
                Long now = count(s, TABLE);
                if (now == null || now != ROWS) {
                    throw concurrentRunWasFirst;
                }
            }
            return (System.nanoTime() - start) / 1_000_000;
        }
    }

    /** The row count, or null when the table does not exist. */
    private static Long count(Statement s, String table) {
        try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException noSuchTable) {
            return null;
        }
    }

    /**
     * Reads the whole table through a {@link Cursor} (pages of 1,000) on a pool of one and checks
     * every row: its payload is the one its id says, and every id 1..{@value #ROWS} comes once.
     *
     * @param fetchSize {@code -1} for the cursor's default, else {@link Query#withFetchSize(int)}
     */
    static Result read(String url, int fetchSize) {
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP && p.isCollectionUsageThresholdSupported()).toList();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        long start = System.nanoTime();
        try (ConnectionStrategy pool = Database.pool(DatabaseConfig.builder(url).withPoolSize(1)
                .withPoolName("stream-5m-" + System.nanoTime()).build())) {
            DatabaseOperator db = DatabaseOperator.of(pool);
            Query query = db.query("SELECT id, payload FROM " + TABLE);
            if (fetchSize >= 0) {
                query = query.withFetchSize(fetchSize);
            }
            BitSet seen = new BitSet(ROWS + 1);
            long rows = 0;
            long bad = 0;
            long peak = 0;
            try (Cursor<Row> cursor = query.open(Row.class)) {
                for (List<Row> page = cursor.fetchMany(1_000); !page.isEmpty(); page = cursor.fetchMany(1_000)) {
                    for (Row r : page) {
                        rows++;
                        String p = r.payload();
                        if (p.length() != 92 || !p.endsWith(TAIL) || Long.parseLong(p, 0, 12, 10) != r.id()
                                || r.id() < 1 || r.id() > ROWS) {
                            bad++;
                        } else {
                            seen.set((int) r.id());
                        }
                    }
                    if (rows % 500_000 == 0) {
                        peak = Math.max(peak, heapAfterGc(heap));
                    }
                }
            }
            peak = Math.max(peak, heapAfterGc(heap));
            return new Result(rows, seen.cardinality(), bad, peak, (System.nanoTime() - start) / 1_000_000);
        }
    }

    /** The live heap the collector left after its last collections (sum over heap pools). */
    private static long heapAfterGc(List<MemoryPoolMXBean> heap) {
        long used = 0;
        for (MemoryPoolMXBean p : heap) {
            var u = p.getCollectionUsage();
            used += u == null ? 0 : u.getUsed();
        }
        return used;
    }
}
