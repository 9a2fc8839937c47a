package io.multirunnable.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Defaults, immutability and the exact messages of every rejected setting. */
class RetryPolicyBuilderTest {

    private static void rejects(Executable call, String message) {
        assertThatThrownBy(call::execute).isExactlyInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @Test
    void defaultsAreTheSeeds() throws Exception {
        RetryPolicy<String> p = RetryPolicy.<String>builder().build();
        assertThat(p.maxAttempts()).isEqualTo(1);
        assertThat(p.backoff()).isSameAs(Backoff.none());
        assertThat(p.deadline()).isEmpty();
        assertThat(p.listeners()).isEmpty();
        assertThat(p.clock()).isSameAs(RetryClock.system());
        assertThat(p.isRetryable(new IOException("x"))).isTrue();
        assertThat(p.isRetryable(new RuntimeException("x"))).isTrue();
        assertThat(p.isRetryable(new InterruptedException())).isFalse();
        assertThat(p.onDone().handle("r")).isEqualTo("r");
        IOException e = new IOException("boom");
        assertThatThrownBy(() -> p.onError().handle(e)).isSameAs(e);
        assertThat(p).hasToString("RetryPolicy[maxAttempts=1, backoff=Backoff.none(), retryOn=any Exception, deadline=none, listeners=0]");
    }

    @Test
    void badSettingsAreRejectedWithTheFieldNamed() {
        RetryPolicyBuilder<String> b = RetryPolicy.builder();
        rejects(() -> b.withMaxAttempts(0), "maxAttempts must be >= 1 but was 0");
        rejects(() -> b.withMaxAttempts(-3), "maxAttempts must be >= 1 but was -3");
        rejects(() -> RetryPolicy.ofAttempts(0), "maxAttempts must be >= 1 but was 0");
        rejects(() -> b.withBackoff(null), "backoff must not be null");
        rejects(() -> b.withDelay(Duration.ofMillis(-1)), "delay must be >= 0 but was PT-0.001S");
        rejects(() -> b.withDeadline(Duration.ZERO), "deadline must be > 0 but was PT0S");
        rejects(() -> b.withDeadline(null), "deadline must not be null");
        rejects(() -> b.onInitialization(null), "onInitialization must not be null");
        rejects(() -> b.onDone(null), "onDone must not be null");
        rejects(() -> b.onError(null), "onError must not be null");
        rejects(() -> b.onFinal(null), "onFinal must not be null");
        rejects(() -> b.withListener(null), "listener must not be null");
        rejects(() -> b.withClock(null), "clock must not be null");
        rejects(() -> b.retryOn((java.util.function.Predicate<Exception>) null), "retryOn must not be null");
        rejects(() -> b.retryOn(IOException.class, null), "retryOn[1] must not be null");
        rejects(() -> b.retryOn(), "retryOn must name at least one exception class");
    }

    @Test
    void badBackoffsAreRejectedWithTheFieldNamed() {
        rejects(() -> Backoff.fixed(Duration.ofSeconds(-1)), "delay must be >= 0 but was PT-1S");
        rejects(() -> Backoff.fixed(null), "delay must not be null");
        rejects(() -> Backoff.exponential(Duration.ofSeconds(-1), Duration.ofSeconds(1)), "baseDelay must be >= 0 but was PT-1S");
        rejects(() -> Backoff.exponential(Duration.ofSeconds(1), Duration.ofSeconds(-2)), "maxDelay must be >= 0 but was PT-2S");
        rejects(() -> Backoff.exponential(Duration.ofSeconds(1), Duration.ofMillis(500)),
                "maxDelay must be >= baseDelay (PT1S) but was PT0.5S");
        rejects(() -> Backoff.exponential(Duration.ofSeconds(1), 0.5, Duration.ofSeconds(2)), "multiplier must be >= 1.0 but was 0.5");
        rejects(() -> Backoff.exponential(Duration.ofSeconds(1), Double.NaN, Duration.ofSeconds(2)), "multiplier must be >= 1.0 but was NaN");
        rejects(() -> Backoff.exponential(null, Duration.ofSeconds(2)), "baseDelay must not be null");
        rejects(() -> Backoff.fixed(Duration.ofSeconds(1)).withJitter(1.5), "jitter must be between 0.0 and 1.0 but was 1.5");
        rejects(() -> Backoff.fixed(Duration.ofSeconds(1)).withJitter(-0.1), "jitter must be between 0.0 and 1.0 but was -0.1");
        rejects(() -> Backoff.fixed(Duration.ofSeconds(1)).nominalDelay(0), "retry must be > 0 but was 0");
        rejects(() -> Backoff.fixed(Duration.ofSeconds(1)).delayBefore(1, 1.0), "random must be in [0, 1) but was 1.0");
    }

    @Test
    void builtPolicyIsNotChangedByTheBuilderAfterwards() {
        RetryPolicyBuilder<String> b = RetryPolicy.<String>builder().withMaxAttempts(3).retryOn(IOException.class, TimeoutException.class);
        RetryPolicy<String> p = b.build();
        b.withMaxAttempts(7).withListener(e -> { }).withDeadline(Duration.ofSeconds(5)).retryOn(e -> false);
        assertThat(p.maxAttempts()).isEqualTo(3);
        assertThat(p.listeners()).isEmpty();
        assertThat(p.deadline()).isEmpty();
        assertThat(p.isRetryable(new IOException())).isTrue();
        assertThat(p.isRetryable(new TimeoutException())).isTrue();
        assertThat(p.isRetryable(new IllegalStateException())).isFalse();
        assertThat(p.toString()).contains("retryOn=[java.io.IOException, java.util.concurrent.TimeoutException]");

        RetryPolicy<String> derived = p.toBuilder().withMaxAttempts(5).build();
        assertThat(derived.maxAttempts()).isEqualTo(5);
        assertThat(derived.isRetryable(new IllegalStateException())).isFalse();
        assertThat(derived.toString()).contains("retryOn=[java.io.IOException, java.util.concurrent.TimeoutException]");
        assertThat(p.maxAttempts()).isEqualTo(3);
    }

    @Test
    void backoffDelays() {
        Backoff fixed = Backoff.fixed(Duration.ofMillis(250));
        assertThat(fixed.delayBefore(1, 0.3)).isEqualTo(Duration.ofMillis(250));
        assertThat(fixed.delayBefore(9, 0.9)).isEqualTo(Duration.ofMillis(250));

        Backoff exp = Backoff.exponential(Duration.ofMillis(100), Duration.ofSeconds(1));
        assertThat(exp.nominalDelay(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(exp.nominalDelay(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(exp.nominalDelay(4)).isEqualTo(Duration.ofMillis(800));
        assertThat(exp.nominalDelay(5)).isEqualTo(Duration.ofSeconds(1));
        assertThat(exp.nominalDelay(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(1));

        Backoff jittered = Backoff.exponential(Duration.ofMillis(100), 3.0, Duration.ofSeconds(2)).withJitter(0.5);
        assertThat(jittered.delayBefore(1, 0.0)).isEqualTo(Duration.ofMillis(50));
        assertThat(jittered.delayBefore(1, 0.5)).isEqualTo(Duration.ofMillis(100));
        assertThat(jittered.delayBefore(2, 0.75)).isEqualTo(Duration.ofMillis(375)); // 300ms x 1.25
        assertThat(jittered.delayBefore(3, 0.9999)).isCloseTo(Duration.ofNanos(1_349_910_000), Duration.ofNanos(2)); // 900ms x 1.4999
        assertThat(jittered.delayBefore(4, 0.9999)).isEqualTo(Duration.ofSeconds(2)); // 2s nominal, jitter up, capped

        assertThat(Backoff.none().withJitter(1.0)).isSameAs(Backoff.none());
        assertThat(Backoff.none().delayBefore(3, 0.5)).isEqualTo(Duration.ZERO);
        assertThat(jittered).hasToString("Backoff.exponential(PT0.1S, 3.0, PT2S).withJitter(0.5)");
        assertThat(fixed).hasToString("Backoff.fixed(PT0.25S)").isEqualTo(Backoff.fixed(Duration.ofMillis(250)));
    }
}
