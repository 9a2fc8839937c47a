package io.multirunnable.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multirunnable.testsupport.TestBackends.Backend;
import io.multirunnable.testsupport.TestBackends.Located;
import io.multirunnable.testsupport.TestBackends.Service;
import org.junit.jupiter.api.Test;

class TestBackendsTest {

    @Test
    void backendValuesAreCaseInsensitiveAndBlankMeansAuto() {
        assertThat(TestBackends.parseBackend(null)).isEqualTo(Backend.AUTO);
        assertThat(TestBackends.parseBackend("  ")).isEqualTo(Backend.AUTO);
        assertThat(TestBackends.parseBackend("Local")).isEqualTo(Backend.LOCAL);
        assertThat(TestBackends.parseBackend(" containers ")).isEqualTo(Backend.CONTAINERS);
    }

    @Test
    void anUnknownBackendNamesTheVariableTheChoicesAndTheValue() {
        assertThatThrownBy(() -> TestBackends.parseBackend("docker")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("MR_TEST_BACKEND must be auto, containers or local but was 'docker'");
    }

    @Test
    void passwordsNeverReachMessages() {
        assertThat(TestBackends.redact("jdbc:mysql://h:3306/db?user=test&password=s3cret&x=1"))
                .isEqualTo("jdbc:mysql://h:3306/db?user=test&password=***&x=1");
        assertThat(TestBackends.redact("redis://user:s3cret@host:6379")).isEqualTo("redis://user:***@host:6379");
        assertThat(TestBackends.redact("redis://127.0.0.1:6379")).isEqualTo("redis://127.0.0.1:6379");
    }

    @Test
    void imagesArePinnedToAVersionTag() {
        for (Service s : Service.values()) {
            assertThat(s.image()).as(s.name()).matches("[a-z]+:[0-9][0-9.]*(-alpine)?");
        }
        assertThat(Service.MYSQL.image()).isEqualTo("mysql:8.4");
    }

    @Test
    void onlyAnExpectedServerThatIsMissingCanFailTheBuild() {
        Located mysqlLocally = new Located(null, "local servers", "no local MYSQL server is expected", false);
        assertThat(mysqlLocally.available()).isFalse();
        assertThat(mysqlLocally.expected()).isFalse();
        assertThat(new Located(null, "local server", "refused").expected()).isTrue();
        assertThat(new Located("jdbc:h2:mem:x", "explicit URL", null).available()).isTrue();
    }

    /** Regression: the probe set DriverManager's global login timeout to 3 s for every later connection. */
    @Test
    void aProbeLeavesDriverManagersLoginTimeoutAsItWas() {
        int before = java.sql.DriverManager.getLoginTimeout();
        try {
            java.sql.DriverManager.setLoginTimeout(0);
            assertThat(TestBackends.probeJdbc("jdbc:no-such-driver://127.0.0.1/x")).contains("No suitable driver");
            assertThat(java.sql.DriverManager.getLoginTimeout()).isZero();
        } finally {
            java.sql.DriverManager.setLoginTimeout(before);
        }
    }
}
