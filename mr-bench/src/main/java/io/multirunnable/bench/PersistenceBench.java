package io.multirunnable.bench;

import io.multirunnable.persistence.ConnectionStrategy;
import io.multirunnable.persistence.Database;
import io.multirunnable.persistence.DatabaseOperator;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
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
 * Inserting {@code rows} (100,000) rows of four columns into an empty table, one shot per
 * iteration (a fresh table each time), on the local PostgreSQL, MariaDB and a SQLite file:
 * <ul>
 *   <li>{@code ours_insert}: {@code DatabaseOperator.executeMany} on a pool of our driver plugin
 *       with its default settings (JDBC batches of {@value DatabaseOperator#DEFAULT_BATCH_SIZE},
 *       one transaction);</li>
 *   <li>{@code raw_insert}: raw JDBC on one connection with the driver's fastest batch settings
 *       (pgjdbc {@code reWriteBatchedInserts}, Connector/J {@code rewriteBatchedStatements},
 *       SQLite WAL + synchronous=NORMAL), typed setters, batches of the same size, one
 *       transaction — the target baseline;</li>
 *   <li>{@code rawSetObject_insert}: as {@code raw_insert} but binding with {@code setObject}, as
 *       a generic layer must (what typed binding is worth, for information);</li>
 *   <li>{@code rowByRow_insert}: raw JDBC, one {@code executeUpdate} per row in one transaction
 *       (what batching saves; per-row autocommit would be far slower still).</li>
 * </ul>
 * Smoke runs can shrink the work with {@code -p rows=1000}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
public class PersistenceBench {
    static final String TABLE = "mr_bench_rows";
    static final String INSERT = "INSERT INTO " + TABLE + " (id, name, score, note) VALUES (?, ?, ?, ?)";

    @Param({"POSTGRESQL", "MARIADB", "SQLITE"})
    public Databases db;

    @Param({"100000"})
    public int rows;

    private String url;
    private ConnectionStrategy pool;
    private DatabaseOperator ours;
    private Connection raw;
    private List<List<Object>> data;

    @Setup(Level.Trial)
    public void open() throws Exception {
        url = db.url();
        pool = Database.pool(db.config(url).withPoolSize(1).withPoolName("bench-" + db).build());
        ours = DatabaseOperator.of(pool);
        raw = DriverManager.getConnection(url, db.rawProperties());
        data = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            data.add(Arrays.asList(i, "name " + i, i * 0.5, i % 10 == 0 ? null : "note " + i));
        }
    }

    /** A fresh, empty table before every shot (not measured). */
    @Setup(Level.Iteration)
    public void freshTable() throws SQLException {
        raw.setAutoCommit(true);
        try (Statement s = raw.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + TABLE);
            s.execute("CREATE TABLE " + TABLE
                    + " (id INTEGER PRIMARY KEY, name VARCHAR(50), score DOUBLE PRECISION, note VARCHAR(50))");
        }
    }

    /** Checks every row arrived, so no variant can win by losing rows. */
    @TearDown(Level.Iteration)
    public void check() throws SQLException {
        raw.setAutoCommit(true);
        try (Statement s = raw.createStatement(); var rs = s.executeQuery("SELECT COUNT(*) FROM " + TABLE)) {
            rs.next();
            long n = rs.getLong(1);
            if (n != rows) {
                throw new IllegalStateException("expected " + rows + " rows in " + TABLE + " but found " + n);
            }
        }
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        try (Statement s = raw.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + TABLE);
        }
        raw.close();
        pool.close();
        Databases.deleteSqlite(url);
    }

    @Benchmark
    public long ours_insert() {
        return ours.executeMany(INSERT, data);
    }

    @Benchmark
    public long raw_insert() throws SQLException {
        raw.setAutoCommit(false);
        long total = 0;
        int pending = 0;
        try (PreparedStatement ps = raw.prepareStatement(INSERT)) {
            for (List<Object> r : data) {
                bind(ps, r);
                ps.addBatch();
                if (++pending == DatabaseOperator.DEFAULT_BATCH_SIZE) {
                    total += ps.executeBatch().length;
                    pending = 0;
                }
            }
            if (pending > 0) {
                total += ps.executeBatch().length;
            }
            raw.commit();
        } catch (SQLException | RuntimeException e) {
            raw.rollback();
            throw e;
        }
        return total;
    }

    @Benchmark
    public long rowByRow_insert() throws SQLException {
        raw.setAutoCommit(false);
        long total = 0;
        try (PreparedStatement ps = raw.prepareStatement(INSERT)) {
            for (List<Object> r : data) {
                bind(ps, r);
                total += ps.executeUpdate();
            }
            raw.commit();
        } catch (SQLException | RuntimeException e) {
            raw.rollback();
            throw e;
        }
        return total;
    }

    @Benchmark
    public long rawSetObject_insert() throws SQLException {
        raw.setAutoCommit(false);
        long total = 0;
        int pending = 0;
        try (PreparedStatement ps = raw.prepareStatement(INSERT)) {
            for (List<Object> r : data) {
                int i = 1;
                for (Object v : r) {
                    ps.setObject(i++, v);
                }
                ps.addBatch();
                if (++pending == DatabaseOperator.DEFAULT_BATCH_SIZE) {
                    total += ps.executeBatch().length;
                    pending = 0;
                }
            }
            if (pending > 0) {
                total += ps.executeBatch().length;
            }
            raw.commit();
        }
        return total;
    }

    private static void bind(PreparedStatement ps, List<Object> r) throws SQLException {
        ps.setInt(1, (Integer) r.get(0));
        ps.setString(2, (String) r.get(1));
        ps.setDouble(3, (Double) r.get(2));
        if (r.get(3) == null) {
            ps.setNull(4, Types.VARCHAR);
        } else {
            ps.setString(4, (String) r.get(3));
        }
    }
}
