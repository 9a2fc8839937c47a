package io.multirunnable.bench;

import io.multirunnable.persistence.ConnectionStrategy;
import io.multirunnable.persistence.Cursor;
import io.multirunnable.persistence.Database;
import io.multirunnable.persistence.DatabaseOperator;
import io.multirunnable.persistence.RowMapper;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Streaming {@code rows} (1,000,000) rows of about 100 bytes ({@code id BIGINT}, a 92-character
 * {@code VARCHAR}) out of the local PostgreSQL and MariaDB, one shot per iteration, each row mapped
 * to a small record by the same lambda:
 * <ul>
 *   <li>{@code ours_stream}: {@code query(sql).withFetchSize(fetchSize).open(mapper)} on a pool of
 *       one, read with {@code fetchMany(1000)}, {@code close()} included (which, on PostgreSQL, ends
 *       the transaction the cursor opened for streaming and restores auto-commit);</li>
 *   <li>{@code raw_stream}: raw JDBC on one connection streaming the same way by hand: pgjdbc with
 *       auto-commit off and {@code setFetchSize(fetchSize)}, then commit and auto-commit on again;
 *       MySQL Connector/J with {@code setFetchSize(Integer.MIN_VALUE)} (its streaming switch; it
 *       ignores positive sizes without {@code useCursorFetch}), read 1,000 rows per helper call
 *       (no list) — the target baseline (≤ 1.1x).</li>
 * </ul>
 * The table ({@code mr_bench_stream_<rows>}) is generated in the database (PostgreSQL
 * {@code generate_series}, MariaDB {@code seq_1_to_N}) when missing and kept for the next run.
 * Both variants check the row count and the sum of ids. Smoke runs: {@code -p rows=10000}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 8)
@Fork(value = 1, jvmArgsAppend = "-Xmx256m")
public class StreamBench {
    static final String TAIL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-ABCDEFGHIJKLMNOPQ";

    /** What each row becomes (the same for both variants). */
    public record Row(long id, String payload) {
    }

    static final RowMapper<Row> MAPPER = rs -> new Row(rs.getLong(1), rs.getString(2));

    @Param({"POSTGRESQL", "MARIADB"})
    public Databases db;

    @Param({"1000000"})
    public int rows;

    @Param({"1000"})
    public int fetchSize;

    private String table;
    private String sql;
    private ConnectionStrategy pool;
    private DatabaseOperator ours;
    private Connection raw;

    @Setup(Level.Trial)
    public void open() throws Exception {
        String url = db.url();
        table = "mr_bench_stream_" + rows;
        sql = "SELECT id, payload FROM " + table;
        raw = DriverManager.getConnection(url, db.rawProperties());
        ensureTable();
        pool = Database.pool(db.config(url).withPoolSize(1).withPoolName("bench-stream-" + db).build());
        ours = DatabaseOperator.of(pool);
    }

    private void ensureTable() throws SQLException {
        try (Statement s = raw.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
                rs.next();
                if (rs.getLong(1) == rows) {
                    return;
                }
            } catch (SQLException missing) {
                // made below
            }
            s.execute("DROP TABLE IF EXISTS " + table);
            s.execute("CREATE TABLE " + table + " (id BIGINT NOT NULL, payload VARCHAR(100) NOT NULL)");
            s.execute(db == Databases.POSTGRESQL
                    ? "INSERT INTO " + table + " SELECT g, lpad(g::text, 12, '0') || '" + TAIL + "' FROM generate_series(1, "
                            + rows + ") g"
                    : "INSERT INTO " + table + " SELECT seq, CONCAT(LPAD(seq, 12, '0'), '" + TAIL + "') FROM seq_1_to_" + rows);
        }
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        raw.close();
        pool.close();
    }

    private long check(long count, long idSum) {
        long expected = (long) rows * (rows + 1) / 2;
        if (count != rows || idSum != expected) {
            throw new IllegalStateException("read " + count + " rows with id sum " + idSum + ", expected " + rows + " / " + expected);
        }
        return idSum;
    }

    @Benchmark
    public long ours_stream() {
        long count = 0;
        long idSum = 0;
        try (Cursor<Row> cursor = ours.query(sql).withFetchSize(fetchSize).open(MAPPER)) {
            for (List<Row> page = cursor.fetchMany(1_000); !page.isEmpty(); page = cursor.fetchMany(1_000)) {
                for (Row r : page) {
                    count++;
                    idSum += r.id();
                }
            }
        }
        return check(count, idSum);
    }

    @Benchmark
    public long raw_stream() throws SQLException {
        boolean postgres = db == Databases.POSTGRESQL;
        if (postgres) {
            raw.setAutoCommit(false);
        }
        long[] countAndSum = new long[2];
        try (PreparedStatement ps = raw.prepareStatement(sql)) {
            ps.setFetchSize(postgres ? fetchSize : Integer.MIN_VALUE);
            try (ResultSet rs = ps.executeQuery()) {
                while (readUpTo(rs, 1_000, countAndSum)) {
                    // pages of 1,000 rows, as the cursor is read: the loop is a normally compiled method
                    // in both variants (a single 1M-row loop in the benchmark method runs on-stack-replaced code)
                }
            }
        } finally {
            if (postgres) {
                raw.commit();
                raw.setAutoCommit(true);
            }
        }
        return check(countAndSum[0], countAndSum[1]);
    }

    /** Reads up to {@code n} rows; {@code false} at the end of the result. */
    private static boolean readUpTo(ResultSet rs, int n, long[] countAndSum) throws SQLException {
        for (int i = 0; i < n; i++) {
            if (!rs.next()) {
                return false;
            }
            Row r = MAPPER.map(rs);
            countAndSum[0]++;
            countAndSum[1] += r.id();
        }
        return true;
    }
}
