package io.multirunnable.sync.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multirunnable.sync.Sync;
import io.multirunnable.sync.spi.SyncProvider;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Builder validation, configuration from the environment, discovery, and the error when Redis is unreachable. */
class RedisSyncBuilderTest {

    @Test
    void builderRejectsBadSettingsWithExactMessages() {
        RedisSyncBuilder b = RedisSync.builder();
        assertThatThrownBy(() -> b.withUrl(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("url must not be blank");
        assertThatThrownBy(() -> b.withUrl("http://user:pw@host:6379")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("url must start with redis:// or rediss:// but was 'http://user:***@host:6379'");
        assertThatThrownBy(() -> b.withLease(Duration.ofMillis(99))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("lease must be >= PT0.1S but was PT0.099S");
        assertThatThrownBy(() -> b.withLease(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("lease must not be null");
        assertThatThrownBy(() -> b.withConnectTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("connectTimeout must be > 0 but was PT0S");
        assertThatThrownBy(() -> b.withKeyPrefix("")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("keyPrefix must not be blank");
    }

    @Test
    void unreachableRedisFailsFastNamingTheUrlAndHidingThePassword() {
        RedisSyncBuilder b = RedisSync.builder().withUrl("redis://:s3cret@127.0.0.1:1").withConnectTimeout(Duration.ofMillis(500));
        assertThat(b.toString()).contains("redis://:***@127.0.0.1:1").doesNotContain("s3cret");
        assertThatThrownBy(b::build).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Cannot connect to Redis at redis://:***@127.0.0.1:1 (URL from RedisSyncBuilder.withUrl): ")
                .hasMessageContaining("): Unable to connect to Redis server: 127.0.0.1/127.0.0.1:1. ")
                .hasMessageEndingWith("Start Redis there, or point system property multirunnable.sync.redis.url "
                        + "or environment variable MR_REDIS_URL at a running server")
                .message().doesNotContain("s3cret");
    }

    @Test
    void urlFromTheSystemPropertyIsNamedInTheError() {
        String before = System.getProperty(RedisSync.URL_PROPERTY);
        System.setProperty(RedisSync.URL_PROPERTY, "redis://127.0.0.1:1");
        try {
            RedisSync fromEnv = new RedisSync(RedisSync.environmentSettings(), false);
            assertThat(fromEnv.url()).isEqualTo("redis://127.0.0.1:1");
            assertThatThrownBy(() -> fromEnv.newLock("x")).isInstanceOf(IllegalStateException.class)
                    .hasMessage("Cannot connect to Redis at redis://127.0.0.1:1 (URL from system property "
                            + "multirunnable.sync.redis.url): Unable to connect to Redis server: 127.0.0.1/127.0.0.1:1. "
                            + "Start Redis there, or point system property multirunnable.sync.redis.url or environment "
                            + "variable MR_REDIS_URL at a running server");
        } finally {
            if (before == null) {
                System.clearProperty(RedisSync.URL_PROPERTY);
            } else {
                System.setProperty(RedisSync.URL_PROPERTY, before);
            }
        }
    }

    @Test
    void leaseAndPrefixComeFromSystemProperties() {
        System.setProperty(RedisSync.LEASE_PROPERTY, "PT7S");
        System.setProperty(RedisSync.PREFIX_PROPERTY, "app:");
        try {
            RedisSync fromEnv = new RedisSync(RedisSync.environmentSettings(), false);
            assertThat(fromEnv.lease()).isEqualTo(Duration.ofSeconds(7));
            assertThat(fromEnv.keyPrefix()).isEqualTo("app:");
            System.setProperty(RedisSync.LEASE_PROPERTY, "1500");
            assertThat(RedisSync.builder().toString()).contains("lease=PT1.5S");
            System.setProperty(RedisSync.LEASE_PROPERTY, "soon");
            assertThatThrownBy(RedisSync::builder).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("system property multirunnable.sync.redis.lease must be an ISO-8601 duration (e.g. PT5S) "
                            + "or milliseconds but was 'soon'");
            System.setProperty(RedisSync.LEASE_PROPERTY, "PT0.01S");
            assertThatThrownBy(RedisSync::builder).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("multirunnable.sync.redis.lease must be >= PT0.1S but was PT0.01S");
        } finally {
            System.clearProperty(RedisSync.LEASE_PROPERTY);
            System.clearProperty(RedisSync.PREFIX_PROPERTY);
        }
    }

    @Test
    void isDiscoveredAsProviderRedisNextToLocal() {
        assertThat(Sync.providers()).extracting(SyncProvider::name).contains("redis", "local");
        assertThat(Sync.provider("redis").name()).isEqualTo("redis");
        assertThat(Sync.provider("REDIS").toString()).isEqualTo("SyncProvider[redis]");
    }

    @Test
    void factoriesValidateLikeTheLocalProvider() {
        try (RedisSync sync = RedisTestSupport.connect(RedisSync.DEFAULT_LEASE)) {
            assertThatThrownBy(() -> sync.newLock(" ")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("name must not be blank");
            assertThatThrownBy(() -> sync.newSemaphore("s", 0)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("permits must be > 0 but was 0");
            assertThatThrownBy(() -> sync.newBoundedSemaphore("s", -2)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("permits must be > 0 but was -2");
            assertThatThrownBy(() -> sync.counter(null)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("name must not be null");
            assertThatThrownBy(() -> sync.newLock("t").tryAcquire(Duration.ofSeconds(-1)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("timeout must be >= 0 but was PT-1S");
            assertThat(sync.toString()).isEqualTo("RedisSync[" + RedisTestSupport.url() + ", lease=PT30S]");
            RedisTestSupport.cleanUp(sync);
        }
    }

    @Test
    void closedProviderRefusesNewPrimitives() {
        RedisSync sync = RedisTestSupport.connect(RedisSync.DEFAULT_LEASE);
        sync.close();
        sync.close();
        assertThatThrownBy(() -> sync.newLock("x")).isInstanceOf(IllegalStateException.class)
                .hasMessage(sync + " is closed");
    }
}
