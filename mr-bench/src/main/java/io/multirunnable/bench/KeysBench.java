package io.multirunnable.bench;

import io.multirunnable.persistence.ConnectionStrategy;
import io.multirunnable.persistence.Database;
import io.multirunnable.persistence.DatabaseOperator;
import io.multirunnable.persistence.Params;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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
 * Inserting {@code rows} rows into a table with a generated key, one shot per iteration (a fresh
 * table each time), on the local PostgreSQL, MariaDB and a SQLite file:
 * <ul>
 *   <li>{@code ours_keys}: {@code returningKeys("id").insertMany} with {@code ?} (every key read and
 *       mapped to Long);</li>
 *   <li>{@code raw_keys}: raw JDBC, the same batches and transaction,
 *       {@code prepareStatement(sql, {"id"})}, {@code getGeneratedKeys()} after each batch read with
 *       {@code getLong} — the target baseline. On SQLite, whose driver returns only the last key of a
 *       batch, both run statement by statement ({@code executeUpdate} + {@code getGeneratedKeys});</li>
 *   <li>{@code ours_named}: {@code executeManyNamed} with {@code :name} parameters from {@link Params};</li>
 *   <li>{@code ours_positional}: {@code executeMany} with {@code ?} — the baseline of {@code ours_named}
 *       (what naming costs).</li>
 * </ul>
 * Run: {@code java -jar mr-bench/target/benchmarks.jar KeysBench -prof gc}; smoke runs shrink the
 * work with {@code -p rows=1000}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 8)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
public class KeysBench {
    static final String TABLE = "mr_bench_keys";
    static final String INSERT = "INSERT INTO " + TABLE + " (name, score) VALUES (?, ?)";
    static final String NAMED = "INSERT INTO " + TABLE + " (name, score) VALUES (:name, :score)";

    @Param({"POSTGRESQL", "MARIADB", "SQLITE"})
    public Databases db;

    @Param({"20000"})
    public int rows;

    private String url;
    private ConnectionStrategy pool;
    private DatabaseOperator ours;
    private Connection raw;
    private List<List<Object>> data;
    private List<Params> named;

    @Setup(Level.Trial)
    public void open() throws Exception {
        url = db.url();
        pool = Database.pool(db.config(url).withPoolSize(1).withPoolName("bench-keys-" + db).build());
        ours = DatabaseOperator.of(pool);
        raw = DriverManager.getConnection(url, db.rawProperties());
        data = new ArrayList<>(rows);
        named = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            data.add(Arrays.asList("name " + i, i * 0.5));
            named.add(Params.of("name", "name " + i).and("score", i * 0.5));
        }
    }

    /** A fresh, empty table before every shot (not measured). */
    @Setup(Level.Iteration)
    public void freshTable() throws SQLException {
        raw.setAutoCommit(true);
        String key = switch (db) {
            case POSTGRESQL -> "BIGSERIAL PRIMARY KEY";
            case SQLITE -> "INTEGER PRIMARY KEY";
            default -> "BIGINT AUTO_INCREMENT PRIMARY KEY";
        };
        try (Statement s = raw.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + TABLE);
            s.execute("CREATE TABLE " + TABLE + " (id " + key + ", name VARCHAR(50), score DOUBLE PRECISION)");
        }
    }

    /** Checks every row arrived, so no variant can win by losing rows. */
    @TearDown(Level.Iteration)
    public void check() throws SQLException {
        raw.setAutoCommit(true);
        try (Statement s = raw.createStatement(); var rs = s.executeQuery("SELECT COUNT(*) FROM " + TABLE)) {
            rs.next();
            if (rs.getLong(1) != rows) {
                throw new IllegalStateException("expected " + rows + " rows in " + TABLE + " but found " + rs.getLong(1));
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
    public List<Long> ours_keys() {
        return ours.returningKeys("id").insertMany(INSERT, data);
    }

    @Benchmark
    public List<Long> raw_keys() throws SQLException {
        raw.setAutoCommit(false);
        List<Long> keys = new ArrayList<>(rows);
        boolean batch = db != Databases.SQLITE;
        int pending = 0;
        try (PreparedStatement ps = raw.prepareStatement(INSERT, new String[] {"id"})) {
            for (List<Object> r : data) {
                ps.setString(1, (String) r.get(0));
                ps.setDouble(2, (Double) r.get(1));
                if (!batch) {
                    ps.executeUpdate();
                    readKeys(ps, keys);
                    continue;
                }
                ps.addBatch();
                if (++pending == DatabaseOperator.DEFAULT_BATCH_SIZE) {
                    ps.executeBatch();
                    readKeys(ps, keys);
                    pending = 0;
                }
            }
            if (pending > 0) {
                ps.executeBatch();
                readKeys(ps, keys);
            }
            raw.commit();
        } catch (SQLException | RuntimeException e) {
            raw.rollback();
            throw e;
        }
        return keys;
    }

    private static void readKeys(Statement st, List<Long> into) throws SQLException {
        try (ResultSet rs = st.getGeneratedKeys()) {
            while (rs.next()) {
                into.add(rs.getLong(1));
            }
        }
    }

    @Benchmark
    public long ours_named() {
        return ours.executeManyNamed(NAMED, named);
    }

    @Benchmark
    public long ours_positional() {
        return ours.executeMany(INSERT, data);
    }
}
