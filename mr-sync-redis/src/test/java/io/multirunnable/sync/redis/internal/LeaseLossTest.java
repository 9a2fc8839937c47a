package io.multirunnable.sync.redis.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multirunnable.sync.Lock;
import io.multirunnable.sync.redis.Fenced;
import io.multirunnable.sync.redis.internal.RedisBackend.PermitHold;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * White-box: a holder that stops renewing (as a paused JVM does) loses its Lock after the lease; the next
 * holder gets a larger fencing token, and the late holder's release says what happened.
 */
class LeaseLossTest {
    private static final String PREFIX = "mr-test:" + ProcessHandle.current().pid() + "-" + Long.toString(System.nanoTime(), 36) + ":";

    private static RedisBackend connect(Duration lease) {
        String env = System.getenv("MR_REDIS_URL");
        String url = env == null || env.isBlank() ? "redis://127.0.0.1:6379" : env;
        try {
            return RedisBackend.connect(new Settings(url, "test", lease, Duration.ofSeconds(2), PREFIX));
        } catch (IllegalStateException unreachable) {
            if (Boolean.parseBoolean(System.getenv().getOrDefault("MR_REQUIRE_DATABASES", "false"))) {
                throw unreachable;
            }
            org.junit.jupiter.api.Assumptions.abort(unreachable.getMessage()
                    + " (test skipped; set MR_REQUIRE_DATABASES=true to fail instead)");
            throw unreachable;
        }
    }

    @Test
    void aHolderPausedPastItsLeaseLosesTheLockAndTheNextHolderHasALargerToken() throws Exception {
        Duration lease = Duration.ofMillis(400);
        try (RedisBackend paused = connect(lease); RedisBackend other = connect(lease)) {
            RedisLock late = (RedisLock) paused.newLock("ledger");
            Lock next = other.newLock("ledger");
            assertThat(late.tryAcquire()).isTrue();
            long lateToken = late.fencingToken();
            assertThat(paused.trackedPermits()).isEqualTo(1);
            PermitHold hold = late.mine.peek();
            paused.untrack(hold); // renewal stops, as when the JVM is frozen

            assertThat(next.tryAcquire(Duration.ofSeconds(10))).as("the lease ran out").isTrue();
            assertThat(((Fenced) next).fencingToken()).isGreaterThan(lateToken);

            assertThatThrownBy(late::release).isInstanceOf(IllegalStateException.class)
                    .hasMessage("Lock 'ledger' was held past its lease (PT0.4S) and expired before release(): another "
                            + "holder may have had it meanwhile (was this JVM paused or cut off from Redis at "
                            + paused.settings().maskedUrl() + "?)");
            assertThat(next.isLocked()).as("the late release did not free the new holder's lock").isTrue();
            next.release();
            assertThat(next.isLocked()).isFalse();
            other.client().getKeys().deleteByPattern(PREFIX + "*");
        }
    }

    @Test
    void aLiveHolderKeepsItsLockLongAfterTheLeaseAndNothingIsLeftToRenewAfterRelease() throws Exception {
        Duration lease = Duration.ofMillis(300);
        try (RedisBackend live = connect(lease); RedisBackend other = connect(lease)) {
            Lock lock = live.newLock("kept");
            Lock contender = other.newLock("kept");
            lock.acquire();
            assertThat(contender.tryAcquire(Duration.ofMillis(1500))).as("renewed: still held after 5 leases").isFalse();
            lock.release();
            assertThat(live.trackedPermits()).isZero();
            assertThat(contender.tryAcquire()).isTrue();
            contender.release();
            other.client().getKeys().deleteByPattern(PREFIX + "*");
        }
    }

    @Test
    void passwordsAreMaskedInEveryForm() {
        assertThat(Settings.mask("redis://user:pw@host:6379/0")).isEqualTo("redis://user:***@host:6379/0");
        assertThat(Settings.mask("rediss://:pw@host")).isEqualTo("rediss://:***@host");
        assertThat(Settings.mask("redis://pw@host")).isEqualTo("redis://***@host");
        assertThat(Settings.mask("redis://host:6379")).isEqualTo("redis://host:6379");
        assertThat(new Settings("redis://u:pw@h", "x", Duration.ofSeconds(1), Duration.ofSeconds(1), "p:").toString())
                .doesNotContain("pw").contains("redis://u:***@h");
    }
}
