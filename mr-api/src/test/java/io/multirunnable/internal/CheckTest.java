package io.multirunnable.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The exact messages of the one assertion helper are a promise to every caller. */
class CheckTest {

    @Test
    void messagesNameSettingRuleAndValue() {
        assertThatThrownBy(() -> Check.positive(-1, "permits")).hasMessage("permits must be > 0 but was -1");
        assertThatThrownBy(() -> Check.positive(0L, "n")).hasMessage("n must be > 0 but was 0");
        assertThatThrownBy(() -> Check.notNegative(-2L, "delayMs")).hasMessage("delayMs must be >= 0 but was -2");
        assertThatThrownBy(() -> Check.atLeast(0, 1, "attempts")).hasMessage("attempts must be >= 1 but was 0");
        assertThatThrownBy(() -> Check.positive(Duration.ZERO, "timeout")).hasMessage("timeout must be > 0 but was PT0S");
        assertThatThrownBy(() -> Check.notNull(null, "task")).hasMessage("task must not be null");
        assertThatThrownBy(() -> Check.notBlank("", "name")).hasMessage("name must not be blank");
        assertThatThrownBy(() -> Check.noNulls(Arrays.asList("a", null), "tasks")).hasMessage("tasks[1] must not be null");
        assertThatThrownBy(() -> Check.state(false, "pool is closed"))
                .isInstanceOf(IllegalStateException.class).hasMessage("pool is closed");
    }

    @Test
    void timeoutsConvertToNanosAndSaturate() {
        assertThat(Check.timeoutNanos(Duration.ofMillis(1500))).isEqualTo(1_500_000_000L);
        assertThat(Check.timeoutNanos(Duration.ZERO)).isZero();
        assertThat(Check.timeoutNanos(Duration.ofSeconds(Long.MAX_VALUE))).isEqualTo(Long.MAX_VALUE);
        assertThatThrownBy(() -> Check.timeoutNanos(Duration.ofSeconds(-1))).hasMessage("timeout must be >= 0 but was PT-1S");
        assertThatThrownBy(() -> Check.timeoutNanos(null)).hasMessage("timeout must not be null");
    }

    @Test
    void validValuesPassThrough() {
        assertThat(Check.positive(3, "x")).isEqualTo(3);
        assertThat(Check.notNegative(Duration.ZERO, "d")).isEqualTo(Duration.ZERO);
        assertThat(Check.noNulls(List.of(1, 2), "xs")).containsExactly(1, 2);
    }
}
