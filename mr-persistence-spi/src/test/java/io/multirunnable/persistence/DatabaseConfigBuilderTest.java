package io.multirunnable.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class DatabaseConfigBuilderTest {

    @Test
    void defaults() {
        DatabaseConfig c = DatabaseConfig.builder("jdbc:postgresql://db/app").build();
        assertThat(c.url()).isEqualTo("jdbc:postgresql://db/app");
        assertThat(c.user()).isEmpty();
        assertThat(c.password()).isEmpty();
        assertThat(c.driver()).isEmpty();
        assertThat(c.poolName()).matches("pool-\\d+");
        assertThat(c.poolSize()).isEqualTo(10);
        assertThat(c.connectionTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.queryTimeout()).isEqualTo(Duration.ZERO);
        assertThat(c.properties()).isEmpty();
        assertThat(DatabaseConfig.builder("jdbc:x:y").build().poolName()).isNotEqualTo(c.poolName());
    }

    @Test
    void everySetting() {
        DatabaseConfig c = DatabaseConfig.builder(" jdbc:mysql://db:3306/app ").withUser("app").withPassword("pw")
                .withDriver("mysql").withPoolName("main").withPoolSize(3).withConnectionTimeout(Duration.ofMillis(250))
                .withQueryTimeout(Duration.ofSeconds(9)).withProperty("useSSL", "false").build();
        assertThat(c.url()).isEqualTo("jdbc:mysql://db:3306/app");
        assertThat(c.user()).contains("app");
        assertThat(c.password()).contains("pw");
        assertThat(c.driver()).contains("mysql");
        assertThat(c.poolName()).isEqualTo("main");
        assertThat(c.poolSize()).isEqualTo(3);
        assertThat(c.connectionTimeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(c.queryTimeout()).isEqualTo(Duration.ofSeconds(9));
        assertThat(c.properties()).containsExactly(Map.entry("useSSL", "false"));
        assertThat(c.toBuilder().build()).isEqualTo(c).hasSameHashCodeAs(c);
        assertThat(c.toBuilder().withPoolSize(4).build()).isNotEqualTo(c);
        assertThatThrownBy(() -> c.properties().put("a", "b")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void badValuesAreRejectedWithExactMessages() {
        DatabaseConfigBuilder b = DatabaseConfig.builder("jdbc:x:y");
        assertThatThrownBy(() -> DatabaseConfig.builder(null)).hasMessage("url must not be null");
        assertThatThrownBy(() -> DatabaseConfig.builder(" ")).hasMessage("url must not be blank");
        assertThatThrownBy(() -> b.withUser("")).hasMessage("user must not be blank");
        assertThatThrownBy(() -> b.withPassword(null)).hasMessage("password must not be null");
        assertThatThrownBy(() -> b.withDriver(" ")).hasMessage("driver must not be blank");
        assertThatThrownBy(() -> b.withPoolName(null)).hasMessage("poolName must not be null");
        assertThatThrownBy(() -> b.withPoolSize(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("poolSize must be > 0 but was 0");
        assertThatThrownBy(() -> b.withConnectionTimeout(Duration.ofMillis(100)))
                .hasMessage("connectionTimeout must be >= PT0.25S but was PT0.1S");
        assertThatThrownBy(() -> b.withConnectionTimeout(null)).hasMessage("connectionTimeout must not be null");
        assertThatThrownBy(() -> b.withQueryTimeout(Duration.ofSeconds(-1))).hasMessage("queryTimeout must be >= 0 but was PT-1S");
        assertThatThrownBy(() -> b.withProperty("", "v")).hasMessage("property name must not be blank");
        assertThatThrownBy(() -> b.withProperty("k", null)).hasMessage("property k must not be null");
        assertThatThrownBy(() -> new DatabaseConfigBuilder().build()).hasMessage("url must not be null");
    }

    @Test
    void passwordNeverShowsInToString() {
        DatabaseConfig c = DatabaseConfig.builder("jdbc:postgresql://u:urlsecret@db/app?password=qsecret&ssl=true")
                .withUser("app").withPassword("hunter2").withProperty("sslpassword", "ksecret")
                .withProperty("ApplicationName", "demo").build();
        assertThat(c.toString())
                .doesNotContain("hunter2").doesNotContain("urlsecret").doesNotContain("qsecret").doesNotContain("ksecret")
                .contains("url=jdbc:postgresql://u:***@db/app?password=***&ssl=true")
                .contains("user=app").contains("password=***").contains("sslpassword=***").contains("ApplicationName=demo");
        assertThat(DatabaseConfig.builder("jdbc:x:y").build().toString()).contains("password=<unset>");
    }

    @Test
    void fromProperties() {
        Properties p = new Properties();
        p.setProperty("db.url", "jdbc:postgresql://db/app");
        p.setProperty("db.user", "app");
        p.setProperty("db.password", "pw");
        p.setProperty("db.driver", "postgresql");
        p.setProperty("db.pool.name", "reports");
        p.setProperty("db.pool.size", " 4 ");
        p.setProperty("db.connection.timeout", "1500");
        p.setProperty("db.query.timeout", "PT10S");
        p.setProperty("db.property.ApplicationName", "demo");
        p.setProperty("other.url", "ignored");
        DatabaseConfig c = DatabaseConfigBuilder.fromProperties(p, "db.").build();
        assertThat(c.url()).isEqualTo("jdbc:postgresql://db/app");
        assertThat(c.user()).contains("app");
        assertThat(c.password()).contains("pw");
        assertThat(c.driver()).contains("postgresql");
        assertThat(c.poolName()).isEqualTo("reports");
        assertThat(c.poolSize()).isEqualTo(4);
        assertThat(c.connectionTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(c.queryTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.properties()).containsExactly(Map.entry("ApplicationName", "demo"));
    }

    @Test
    void fromPropertiesRejectsUnknownAndMalformedSettings() {
        Properties p = new Properties();
        p.setProperty("db.pool.sise", "4");
        assertThatThrownBy(() -> DatabaseConfigBuilder.fromProperties(p, "db."))
                .hasMessage("unknown database setting db.pool.sise; known settings after the prefix: [url, user, password, "
                        + "driver, pool.name, pool.size, connection.timeout, query.timeout, pool.minimum.idle, pool.max.lifetime, "
                        + "pool.keepalive.time, pool.idle.timeout, pool.leak.detection.threshold, pool.read.only, pool.init.sql, "
                        + "pool.jmx, property.<name>]");
        Properties q = new Properties();
        q.setProperty("db.pool.size", "four");
        assertThatThrownBy(() -> DatabaseConfigBuilder.fromProperties(q, "db."))
                .hasMessage("db.pool.size must be an integer but was 'four'");
        Properties r = new Properties();
        r.setProperty("db.connection.timeout", "5 seconds");
        assertThatThrownBy(() -> DatabaseConfigBuilder.fromProperties(r, "db."))
                .hasMessage("db.connection.timeout must be an ISO-8601 duration (e.g. PT5S) or milliseconds but was '5 seconds'");
        Properties s = new Properties();
        s.setProperty("db.pool.size", "0");
        assertThatThrownBy(() -> DatabaseConfigBuilder.fromProperties(s, "db.")).hasMessage("db.pool.size must be > 0 but was 0");
    }

    @Test
    void fromEnvironment() {
        Map<String, String> env = Map.of("MR_DB_URL", "jdbc:mysql://db/app", "MR_DB_USER", "root", "MR_DB_PASSWORD", "",
                "MR_DB_POOL_NAME", "main", "MR_DB_POOL_SIZE", "16", "MR_DB_CONNECTION_TIMEOUT", "PT2S",
                "MR_DB_PROPERTY_useSSL", "false", "PATH", "/usr/bin");
        DatabaseConfig c = DatabaseConfigBuilder.fromEnvironment(env, "MR_DB").build();
        assertThat(c.url()).isEqualTo("jdbc:mysql://db/app");
        assertThat(c.user()).contains("root");
        assertThat(c.password()).contains("");
        assertThat(c.poolName()).isEqualTo("main");
        assertThat(c.poolSize()).isEqualTo(16);
        assertThat(c.connectionTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.properties()).containsExactly(Map.entry("useSSL", "false"));
        assertThatThrownBy(() -> DatabaseConfigBuilder.fromEnvironment(Map.of("MR_DB_HOST", "x"), "MR_DB"))
                .hasMessageStartingWith("unknown database setting MR_DB_HOST; known settings after the prefix: [url,");
        assertThatThrownBy(() -> DatabaseConfigBuilder.fromEnvironment(" ")).hasMessage("prefix must not be blank");
    }
}
