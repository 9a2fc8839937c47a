package io.multirunnable.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.multirunnable.persistence.ConnectionLease;
import io.multirunnable.persistence.ConnectionStrategy;
import io.multirunnable.persistence.Database;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Pool checkout (take a connection, give it back, no statement) from our pooled
 * {@link ConnectionStrategy} vs a raw {@link HikariDataSource} with the same size and driver
 * settings, both on the local PostgreSQL: one thread, and 8 threads sharing a pool of 4
 * ({@code _t8}). Pairs are {@code ours_X} / {@code hikari_X}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PoolBench {
    static final int POOL_SIZE = 4;

    private ConnectionStrategy ours;
    private HikariDataSource hikari;

    @Setup
    public void open() throws Exception {
        Databases db = Databases.POSTGRESQL;
        String url = db.url();
        ours = Database.pool(db.config(url).withPoolSize(POOL_SIZE).withPoolName("bench-ours").build());
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(url);
        hc.setDataSourceProperties(db.rawProperties());
        hc.setMaximumPoolSize(POOL_SIZE);
        hc.setMinimumIdle(POOL_SIZE);
        hc.setPoolName("bench-hikari");
        hikari = new HikariDataSource(hc);
    }

    @TearDown
    public void close() {
        ours.close();
        hikari.close();
    }

    @Benchmark
    public void ours_checkout(Blackhole bh) {
        try (ConnectionLease lease = ours.acquire()) {
            bh.consume(lease.connection());
        }
    }

    @Benchmark
    public void hikari_checkout(Blackhole bh) throws SQLException {
        try (Connection c = hikari.getConnection()) {
            bh.consume(c);
        }
    }

    @Benchmark
    @Threads(8)
    public void ours_checkout_t8(Blackhole bh) {
        ours_checkout(bh);
    }

    @Benchmark
    @Threads(8)
    public void hikari_checkout_t8(Blackhole bh) throws SQLException {
        hikari_checkout(bh);
    }
}
