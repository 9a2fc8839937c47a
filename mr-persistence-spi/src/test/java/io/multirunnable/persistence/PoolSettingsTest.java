package io.multirunnable.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Issue 15 item 2: pool settings, their defaults, HikariCP's floors as messages, and reading them from outside the code. */
class PoolSettingsTest {

    private static DatabaseConfigBuilder b() {
        return DatabaseConfig.builder("jdbc:x:y");
    }

    @Test
    void defaultsAreHikariCpsAndAFixedSizePool() {
        DatabaseConfig c = b().withPoolSize(7).build();
        assertThat(c.minimumIdle()).isEqualTo(7);
        assertThat(c.maxLifetime()).isEqualTo(Duration.ofMinutes(30));
        assertThat(c.keepaliveTime()).isEqualTo(Duration.ofMinutes(2));
        assertThat(c.idleTimeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(c.leakDetectionThreshold()).isEqualTo(Duration.ZERO);
        assertThat(c.readOnly()).isFalse();
        assertThat(c.initSql()).isEmpty();
        assertThat(c.jmx()).isFalse();
        assertThat(c.metricsTrackerFactory()).isEmpty();
    }

    @Test
    void everySettingIsKeptAndCopiedByToBuilder() {
        DatabaseConfig c = b().withPoolSize(8).withMinimumIdle(2).withMaxLifetime(Duration.ofMinutes(20))
                .withKeepaliveTime(Duration.ofMinutes(1)).withIdleTimeout(Duration.ofSeconds(45))
                .withLeakDetectionThreshold(Duration.ofSeconds(5)).withReadOnly(true).withInitSql("SET x = 1")
                .withJmx(true).build();
        assertThat(c.minimumIdle()).isEqualTo(2);
        assertThat(c.maxLifetime()).isEqualTo(Duration.ofMinutes(20));
        assertThat(c.keepaliveTime()).isEqualTo(Duration.ofMinutes(1));
        assertThat(c.idleTimeout()).isEqualTo(Duration.ofSeconds(45));
        assertThat(c.leakDetectionThreshold()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.readOnly()).isTrue();
        assertThat(c.initSql()).contains("SET x = 1");
        assertThat(c.jmx()).isTrue();
        assertThat(c.toBuilder().build()).isEqualTo(c);
        assertThat(c.toString()).contains("minimumIdle=2", "maxLifetime=PT20M", "leakDetectionThreshold=PT5S", "readOnly=true",
                "jmx=true");
        // the copy of a default (fixed-size) config stays fixed-size when the size changes
        assertThat(b().withPoolSize(3).build().toBuilder().withPoolSize(5).build().minimumIdle()).isEqualTo(5);
    }

    @Test
    void valuesBelowHikariCpsFloorsAreRefusedNamingTheValidValues() {
        assertThatThrownBy(() -> b().withLeakDetectionThreshold(Duration.ofSeconds(1)))
                .hasMessage("leakDetectionThreshold must be 0 (off) or >= PT2S but was PT1S");
        assertThatThrownBy(() -> b().withMaxLifetime(Duration.ofSeconds(29)))
                .hasMessage("maxLifetime must be 0 (none) or >= PT30S but was PT29S");
        assertThatThrownBy(() -> b().withKeepaliveTime(Duration.ofSeconds(10)))
                .hasMessage("keepaliveTime must be 0 (off) or >= PT30S but was PT10S");
        assertThatThrownBy(() -> b().withIdleTimeout(Duration.ofSeconds(9)))
                .hasMessage("idleTimeout must be 0 (never) or >= PT10S but was PT9S");
        assertThatThrownBy(() -> b().withIdleTimeout(Duration.ofSeconds(-1)))
                .hasMessage("idleTimeout must be 0 (never) or >= PT10S but was PT-1S");
        assertThatThrownBy(() -> b().withMinimumIdle(-1)).hasMessage("minimumIdle must be >= 0 (and <= the pool size) but was -1");
        assertThatThrownBy(() -> b().withInitSql(" ")).hasMessage("initSql must not be blank");
        assertThatThrownBy(() -> b().withMetricsTrackerFactory(null)).hasMessage("metricsTrackerFactory must not be null");
        assertThat(b().withMaxLifetime(Duration.ZERO).withKeepaliveTime(Duration.ZERO).withIdleTimeout(Duration.ZERO)
                .withLeakDetectionThreshold(Duration.ZERO).build().maxLifetime()).isZero();
    }

    @Test
    void contradictingSettingsAreRefusedAtBuild() {
        assertThatThrownBy(() -> b().withPoolSize(2).withMinimumIdle(3).build())
                .hasMessage("minimumIdle must be <= poolSize (2) but was 3");
        assertThatThrownBy(() -> b().withMaxLifetime(Duration.ofMinutes(1)).withKeepaliveTime(Duration.ofMinutes(1)).build())
                .hasMessage("keepaliveTime must be shorter than maxLifetime (PT1M) or 0 (off) but was PT1M");
        assertThatThrownBy(() -> b().withMaxLifetime(Duration.ofMinutes(1)).withKeepaliveTime(Duration.ZERO)
                .withLeakDetectionThreshold(Duration.ofMinutes(2)).build())
                .hasMessage("leakDetectionThreshold must be <= maxLifetime (PT1M) or 0 (off) but was PT2M");
        assertThatThrownBy(() -> b().withPoolSize(4).withMinimumIdle(1).withMaxLifetime(Duration.ofMinutes(1))
                .withKeepaliveTime(Duration.ZERO).withIdleTimeout(Duration.ofMinutes(1)).build())
                .hasMessage("idleTimeout must be at least 1 s shorter than maxLifetime (PT1M) or 0 (never) but was PT1M");
        // a fixed-size pool never times idle connections out, so the same idle timeout is harmless there
        assertThat(b().withPoolSize(4).withMaxLifetime(Duration.ofMinutes(1)).withKeepaliveTime(Duration.ZERO)
                .withIdleTimeout(Duration.ofMinutes(1)).build().idleTimeout()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void readFromPropertiesAndEnvironment() {
        Properties p = new Properties();
        p.setProperty("db.url", "jdbc:x:y");
        p.setProperty("db.pool.size", "6");
        p.setProperty("db.pool.minimum.idle", "1");
        p.setProperty("db.pool.max.lifetime", "PT15M");
        p.setProperty("db.pool.keepalive.time", "60000");
        p.setProperty("db.pool.idle.timeout", "PT30S");
        p.setProperty("db.pool.leak.detection.threshold", "PT3S");
        p.setProperty("db.pool.read.only", "TRUE");
        p.setProperty("db.pool.init.sql", "SET search_path TO app");
        p.setProperty("db.pool.jmx", "true");
        DatabaseConfig c = DatabaseConfigBuilder.fromProperties(p, "db.").build();
        assertThat(c.minimumIdle()).isEqualTo(1);
        assertThat(c.maxLifetime()).isEqualTo(Duration.ofMinutes(15));
        assertThat(c.keepaliveTime()).isEqualTo(Duration.ofMinutes(1));
        assertThat(c.idleTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.leakDetectionThreshold()).isEqualTo(Duration.ofSeconds(3));
        assertThat(c.readOnly()).isTrue();
        assertThat(c.initSql()).contains("SET search_path TO app");
        assertThat(c.jmx()).isTrue();

        DatabaseConfig e = DatabaseConfigBuilder.fromEnvironment(Map.of("APP_DB_URL", "jdbc:x:y", "APP_DB_POOL_MINIMUM_IDLE", "0",
                "APP_DB_POOL_LEAK_DETECTION_THRESHOLD", "PT4S", "APP_DB_POOL_READ_ONLY", "false", "APP_DB_POOL_JMX", "true"),
                "APP_DB").build();
        assertThat(e.minimumIdle()).isZero();
        assertThat(e.leakDetectionThreshold()).isEqualTo(Duration.ofSeconds(4));
        assertThat(e.jmx()).isTrue();
        assertThatThrownBy(() -> DatabaseConfigBuilder.fromEnvironment(Map.of("APP_DB_POOL_LEAK_DETECTION_THRESHOLD", "1000"),
                "APP_DB")).hasMessage("APP_DB_POOL_LEAK_DETECTION_THRESHOLD must be 0 (off) or >= PT2S but was PT1S");
    }
}
