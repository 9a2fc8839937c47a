package io.multirunnable.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * Issue 13 weak spot: settings read from properties or the environment are refused with the
 * key the user wrote (db.pool.size, MR_DB_POOL_SIZE), the value and the rule, not the builder's field name.
 */
class ConfigKeyMessagesTest {

    private static Properties props(String key, String value) {
        Properties p = new Properties();
        p.setProperty("db.url", "jdbc:x:y");
        p.setProperty(key, value);
        return p;
    }

    @Test
    void propertyMessagesNameTheKeyTheValueAndTheRule() {
        assertThatThrownBy(() -> DatabaseConfigBuilder.fromProperties(props("db.pool.size", "0"), "db."))
                .hasMessage("db.pool.size must be > 0 but was 0");
        assertThatThrownBy(() -> DatabaseConfigBuilder.fromProperties(props("db.pool.size", "-3"), "db."))
                .hasMessage("db.pool.size must be > 0 but was -3");
        assertThatThrownBy(() -> DatabaseConfigBuilder.fromProperties(props("db.connection.timeout", "100"), "db."))
                .hasMessage("db.connection.timeout must be >= PT0.25S but was PT0.1S");
        assertThatThrownBy(() -> DatabaseConfigBuilder.fromProperties(props("db.user", " "), "db."))
                .hasMessage("db.user must not be blank");
        assertThatThrownBy(() -> DatabaseConfigBuilder.fromProperties(props("db.pool.name", ""), "db."))
                .hasMessage("db.pool.name must not be blank");
        assertThatThrownBy(() -> DatabaseConfigBuilder.fromProperties(props("db.pool.read.only", "yes"), "db."))
                .hasMessage("db.pool.read.only must be true or false but was 'yes'");
    }

    @Test
    void environmentMessagesNameTheVariable() {
        assertThatThrownBy(() -> DatabaseConfigBuilder.fromEnvironment(Map.of("MR_DB_POOL_SIZE", "0"), "MR_DB"))
                .hasMessage("MR_DB_POOL_SIZE must be > 0 but was 0");
        assertThatThrownBy(() -> DatabaseConfigBuilder.fromEnvironment(Map.of("MR_DB_QUERY_TIMEOUT", "PT-1S"), "MR_DB"))
                .hasMessage("MR_DB_QUERY_TIMEOUT must be >= 0 but was PT-1S");
    }

    @Test
    void crossSettingMessagesNameBothKeysAsWritten() {
        Properties p = props("db.pool.size", "4");
        p.setProperty("db.pool.minimum.idle", "6");
        assertThatThrownBy(() -> DatabaseConfigBuilder.fromProperties(p, "db.").build())
                .hasMessage("db.pool.minimum.idle must be <= db.pool.size (4) but was 6");
        Map<String, String> env = Map.of("A_URL", "jdbc:x:y", "A_POOL_MAX_LIFETIME", "PT1M", "A_POOL_KEEPALIVE_TIME", "PT2M");
        assertThatThrownBy(() -> DatabaseConfigBuilder.fromEnvironment(env, "A").build())
                .hasMessage("A_POOL_KEEPALIVE_TIME must be shorter than A_POOL_MAX_LIFETIME (PT1M) or 0 (off) but was PT2M");
    }

    @Test
    void builderMessagesKeepTheFieldName() {
        assertThatThrownBy(() -> DatabaseConfig.builder("jdbc:x:y").withPoolSize(0)).hasMessage("poolSize must be > 0 but was 0");
        assertThatThrownBy(() -> DatabaseConfig.builder("jdbc:x:y").withConnectionTimeout(Duration.ofMillis(1)))
                .hasMessage("connectionTimeout must be >= PT0.25S but was PT0.001S");
    }

    @Test
    void thePasswordValueIsNeverEchoed() {
        Properties p = props("db.password", "hunter2");
        p.setProperty("db.pool.size", "x");
        assertThatThrownBy(() -> DatabaseConfigBuilder.fromProperties(p, "db.")).message().doesNotContain("hunter2");
        assertThat(DatabaseConfigBuilder.fromProperties(props("db.password", "hunter2"), "db.").build().toString())
                .doesNotContain("hunter2");
    }
}
