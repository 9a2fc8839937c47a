package io.multirunnable.tests.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.multirunnable.persistence.ConnectionLease;
import io.multirunnable.persistence.ConnectionStrategy;
import io.multirunnable.persistence.ConnectionTimeoutException;
import io.multirunnable.persistence.Database;
import io.multirunnable.persistence.DatabaseException;
import io.multirunnable.persistence.DatabaseOperator;
import io.multirunnable.persistence.PoolMetrics;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Issue 15 item 2: pool settings reach HikariCP and have their effect; JMX; metrics through Micrometer. */
class PoolFeaturesTest {

    private static String initSql(Target target) {
        return switch (target) {
            case POSTGRESQL -> "SET application_name = 'mr-init-check'";
            case MARIADB, MARIADB_CJ, H2 -> "SET @mr_init = 'mr-init-check'";
            case SQLITE -> "CREATE TEMPORARY TABLE mr_init_check (v VARCHAR(20))";
        };
    }

    private static String initCheck(Target target) {
        return switch (target) {
            case POSTGRESQL -> "SELECT current_setting('application_name')";
            case MARIADB, MARIADB_CJ, H2 -> "SELECT @mr_init";
            case SQLITE -> "SELECT 'mr-init-check' FROM mr_init_check UNION ALL SELECT 'mr-init-check'";
        };
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void initSqlRunsOnEveryNewConnectionOfPoolAndSingleConnection(Target target) {
        for (boolean pooled : new boolean[] {true, false}) {
            var config = target.config("init").withPoolSize(2).withInitSql(initSql(target)).build();
            try (ConnectionStrategy s = pooled ? Database.pool(config) : Database.singleConnection(config)) {
                assertThat(DatabaseOperator.of(s).query(initCheck(target)).fetchOne(String.class)).contains("mr-init-check");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Target.class, names = {"MARIADB", "MARIADB_CJ", "POSTGRESQL"})
    void readOnlyPoolRefusesWrites(Target target) {
        String t = target.table("ro");
        try (ConnectionStrategy rw = Database.pool(target.config("rw").withPoolSize(1).build());
             ConnectionStrategy ro = Database.pool(target.config("ro").withPoolSize(1).withReadOnly(true).build());
             ConnectionStrategy roSingle = Database.singleConnection(target.config("ros").withReadOnly(true).build())) {
            DatabaseOperator.of(rw).execute("CREATE TABLE " + t + " (id INTEGER)");
            for (ConnectionStrategy s : new ConnectionStrategy[] {ro, roSingle}) {
                assertThatThrownBy(() -> DatabaseOperator.of(s).execute("INSERT INTO " + t + " (id) VALUES (?)", 1))
                        .isInstanceOf(DatabaseException.class).extracting(e -> ((DatabaseException) e).sqlState())
                        // the server's "read-only transaction" (25006), or Connector/J refusing before sending (S1009)
                        .asString().matches("25...|S1009");
                assertThat(DatabaseOperator.of(s).query("SELECT COUNT(*) FROM " + t).fetchOne(Long.class)).contains(0L);
            }
        } finally {
            target.drop(t);
        }
    }

    @Test
    void settingsReachHikariCpAndJmxShowsThem() throws Exception {
        Target target = Target.H2;
        var config = target.config("jmx").withPoolSize(4).withMinimumIdle(1).withMaxLifetime(Duration.ofMinutes(5))
                .withKeepaliveTime(Duration.ofMinutes(1)).withIdleTimeout(Duration.ofSeconds(30))
                .withLeakDetectionThreshold(Duration.ofSeconds(3)).withJmx(true).build();
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName poolConfig = new ObjectName("com.zaxxer.hikari:type=PoolConfig (" + config.poolName() + ")");
        ObjectName pool = new ObjectName("com.zaxxer.hikari:type=Pool (" + config.poolName() + ")");
        try (ConnectionStrategy s = Database.pool(config)) {
            assertThat(server.isRegistered(pool)).isTrue();
            assertThat(server.getAttribute(poolConfig, "MaximumPoolSize")).isEqualTo(4);
            assertThat(server.getAttribute(poolConfig, "MinimumIdle")).isEqualTo(1);
            assertThat(server.getAttribute(poolConfig, "MaxLifetime")).isEqualTo(300_000L);
            assertThat(server.getAttribute(poolConfig, "IdleTimeout")).isEqualTo(30_000L);
            assertThat(server.getAttribute(poolConfig, "LeakDetectionThreshold")).isEqualTo(3_000L);
            try (ConnectionLease lease = s.acquire()) {
                assertThat(server.getAttribute(pool, "ActiveConnections")).isEqualTo(1);
            }
        }
        assertThat(server.isRegistered(pool)).isFalse();
        // off by default
        var quiet = target.config("nojmx").withPoolSize(1).build();
        try (ConnectionStrategy s = Database.pool(quiet)) {
            assertThat(server.isRegistered(new ObjectName("com.zaxxer.hikari:type=Pool (" + quiet.poolName() + ")"))).isFalse();
        }
    }

    @Test
    void micrometerReportsUsageWaitsAndTimeouts() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        var config = Target.H2.config("metrics").withPoolSize(1).withConnectionTimeout(Duration.ofMillis(300))
                .withMetricsTrackerFactory(PoolMetrics.micrometer(registry)).build();
        try (ConnectionStrategy s = Database.pool(config)) {
            DatabaseOperator db = DatabaseOperator.of(s);
            for (int i = 0; i < 5; i++) {
                db.query("SELECT 1").fetchOne(Integer.class);
            }
            try (ConnectionLease held = s.acquire()) {
                assertThat(registry.get("hikaricp.connections.active").tag("pool", s.name()).gauge().value()).isEqualTo(1.0);
                assertThatThrownBy(s::acquire).isInstanceOf(ConnectionTimeoutException.class);
            }
            assertThat(registry.get("hikaricp.connections.acquire").tag("pool", s.name()).timer().count()).isGreaterThanOrEqualTo(6);
            assertThat(registry.get("hikaricp.connections.usage").tag("pool", s.name()).timer().count()).isGreaterThanOrEqualTo(6);
            assertThat(registry.get("hikaricp.connections.timeout").tag("pool", s.name()).counter().count()).isEqualTo(1.0);
            assertThat(registry.get("hikaricp.connections.max").tag("pool", s.name()).gauge().value()).isEqualTo(1.0);
        }
    }
}
