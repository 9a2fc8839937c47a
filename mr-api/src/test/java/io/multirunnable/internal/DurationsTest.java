package io.multirunnable.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void readsIsoAndMilliseconds() {
        assertThat(Durations.parse("PT5S", "x")).isEqualTo(Duration.ofSeconds(5));
        assertThat(Durations.parse(" 1500 ", "x")).isEqualTo(Duration.ofMillis(1500));
        assertThat(Durations.parse("0", "x")).isZero();
    }

    @Test
    void refusesTheRestNamingTheSourceAndTheText() {
        for (String bad : new String[] {"5 seconds", "", "-5", "99999999999999999999", "PT"}) {
            assertThatThrownBy(() -> Durations.parse(bad, "db.connection.timeout")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("db.connection.timeout must be an ISO-8601 duration (e.g. PT5S) or milliseconds but was '"
                            + bad + "'");
        }
        assertThatThrownBy(() -> Durations.parse(null, "lease")).hasMessage("lease must not be null");
    }
}
