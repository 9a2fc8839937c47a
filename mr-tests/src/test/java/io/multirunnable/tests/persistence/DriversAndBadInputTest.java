package io.multirunnable.tests.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multirunnable.persistence.ConnectionStrategy;
import io.multirunnable.persistence.Database;
import io.multirunnable.persistence.DatabaseConfig;
import io.multirunnable.persistence.DatabaseException;
import io.multirunnable.persistence.DatabaseOperator;
import io.multirunnable.persistence.spi.DatabaseDriver;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Driver discovery on the module path, named pools, and what bad settings produce. */
class DriversAndBadInputTest {
    private static final String SECRET = "s3cr3t-Pa55-word";

    @Test
    void installedDriversAreThePluginModulesOnTheModulePath() {
        assertThat(Database.drivers()).extracting(DatabaseDriver::name).containsExactly("h2", "mariadb", "mysql", "postgresql", "sqlite");
        assertThat(Database.class.getModule().getName()).isEqualTo("io.multirunnable.persistence");
        assertThat(Database.driver("mysql").getClass().getModule().getName()).isEqualTo("io.multirunnable.persistence.mysql");
        assertThat(Database.driver("MariaDB").getClass().getModule().getName()).isEqualTo("io.multirunnable.persistence.mariadb");
        assertThat(Database.driver("PostgreSQL").getClass().getModule().getName())
                .isEqualTo("io.multirunnable.persistence.postgres");
        assertThat(Database.driver("sqlite").getClass().getModule().getName()).isEqualTo("io.multirunnable.persistence.sqlite");
        // The third-party plugin comes from the test module, declared with `provides` only there.
        assertThat(Database.driver("h2").getClass().getModule().getName()).isEqualTo("io.multirunnable.tests");
        // Plugin modules export nothing.
        assertThat(Database.driver("mysql").getClass().getModule().getDescriptor().exports()).isEmpty();
        assertThat(Database.driver("mariadb").getClass().getModule().getDescriptor().exports()).isEmpty();

        assertThat(Database.driverFor("jdbc:mysql://db:3306/app").name()).isEqualTo("mysql");
        assertThat(Database.driverFor("jdbc:mariadb://db:3306/app").name()).isEqualTo("mariadb");
        assertThat(Database.driverFor("jdbc:postgresql://db/app?ssl=true").name()).isEqualTo("postgresql");
        assertThat(Database.driverFor("JDBC:SQLITE:/tmp/x.db").name()).isEqualTo("sqlite");
        assertThat(Database.driverFor("jdbc:h2:mem:x").name()).isEqualTo("h2");

        assertThat(Database.driver("mysql").defaultProperties()).containsEntry("rewriteBatchedStatements", "true");
        assertThat(Database.driver("mariadb").defaultProperties()).containsEntry("useBulkStmts", "true")
                .containsEntry("useBulkStmtsForInserts", "true");
        assertThat(Database.driver("postgresql").defaultProperties()).containsEntry("reWriteBatchedInserts", "true");
        assertThat(Database.driver("sqlite").connectTimeoutProperties(Duration.ofSeconds(7)))
                .containsEntry("busy_timeout", "7000");
    }

    @Test
    void unknownDriverNameOrUrlListsTheInstalledDrivers() {
        assertThatThrownBy(() -> Database.driver("oracle"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Unknown DatabaseDriver 'oracle' (from driver name); installed: [h2, mariadb, mysql, postgresql, sqlite]");
        assertThatThrownBy(() -> Database.driverFor("jdbc:oracle:thin:scott/" + SECRET + "@db:1521:x?password=" + SECRET))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("No DatabaseDriver accepts the JDBC URL 'jdbc:oracle:thin:scott/***@db:1521:x?password=***'")
                .hasMessageContaining("'; installed: [h2 [jdbc:h2:], mariadb [jdbc:mariadb:], mysql [jdbc:mysql:], "
                        + "postgresql [jdbc:postgresql:], sqlite [jdbc:sqlite:]]")
                .hasMessageNotContaining(SECRET);
        DatabaseConfig byName = DatabaseConfig.builder("jdbc:postgresql://127.0.0.1/x").withDriver("db2").build();
        assertThatThrownBy(() -> Database.pool(byName))
                .hasMessage("Unknown DatabaseDriver 'db2' (from driver name); installed: [h2, mariadb, mysql, postgresql, sqlite]");
        assertThatThrownBy(() -> Database.singleConnection(DatabaseConfig.builder("jdbc:db2://x").build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("installed: [h2 [jdbc:h2:]");
        assertThat(Database.pools()).doesNotContain(byName.poolName());
    }

    static List<Target> servers() {
        return Target.servers();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void wrongCredentialsFailWithTheCauseChainAndNoSecretAnywhere(Target target) {
        String base = target.url().replaceFirst("\\?.*$", "");
        var builder = DatabaseConfig.builder(base).withUser("mr_no_such_user").withPassword(SECRET)
                .withPoolName("bad-credentials-" + target).withConnectionTimeout(Duration.ofSeconds(5));
        if (target == Target.MARIADB_CJ) { // Connector/J 4 asks for TLS unless told not to; the test server has none
            builder = builder.withProperty("sslMode", "disable");
        }
        DatabaseConfig config = builder.build();
        assertThat(config.toString()).doesNotContain(SECRET).contains("password=***");

        assertThatThrownBy(() -> Database.pool(config)).isInstanceOfSatisfying(DatabaseException.class, e -> {
            assertThat(e).hasMessageStartingWith("could not open pool 'bad-credentials-" + target + "' to " + base);
            assertThat(e.sqlState()).startsWith("28"); // invalid authorization
            assertThat(chain(e)).anyMatch(t -> t instanceof SQLException);
            assertThat(chain(e)).allSatisfy(t -> assertThat(String.valueOf(t.getMessage())).doesNotContain(SECRET));
        });
        assertThat(Database.pools()).doesNotContain(config.poolName());

        try (ConnectionStrategy single = Database.singleConnection(config)) {
            assertThat(single.toString()).doesNotContain(SECRET);
            DatabaseOperator db = DatabaseOperator.of(single);
            for (int i = 0; i < 3; i++) {
                assertThatThrownBy(() -> db.execute("SELECT 1")).isInstanceOfSatisfying(DatabaseException.class, e -> {
                    assertThat(e).hasMessageStartingWith("could not open a connection to " + base);
                    assertThat(e.sqlState()).startsWith("28");
                    assertThat(chain(e)).allSatisfy(t -> assertThat(String.valueOf(t.getMessage())).doesNotContain(SECRET));
                });
                assertThat(single.activeConnections()).isZero();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void unreachableServerFailsWithAConnectionSqlState(Target target) {
        String url = switch (target) {
            case MARIADB -> "jdbc:mysql://127.0.0.1:1/mr_test";
            case MARIADB_CJ -> "jdbc:mariadb://127.0.0.1:1/mr_test?sslMode=disable";
            default -> "jdbc:postgresql://127.0.0.1:1/mr_test";
        };
        DatabaseConfig config = DatabaseConfig.builder(url).withUser("x").withPassword(SECRET)
                .withConnectionTimeout(Duration.ofSeconds(2)).build();
        assertThatThrownBy(() -> Database.pool(config)).isInstanceOfSatisfying(DatabaseException.class, e -> {
            assertThat(e.sqlState()).startsWith("08");
            assertThat(chain(e)).anyMatch(t -> t instanceof java.net.ConnectException);
        });
        assertThat(Database.pools()).doesNotContain(config.poolName());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Target.class, names = {"SQLITE", "POSTGRESQL"})
    void namedPoolsEachHaveTheirSizeAndAreFoundByName(Target target) {
        String reports = "reports-" + target;
        String orders = "orders-" + target;
        try (ConnectionStrategy a = Database.pool(target.config("x").withPoolName(reports).withPoolSize(2).build());
             ConnectionStrategy b = Database.pool(target.config("x").withPoolName(orders).withPoolSize(5).build())) {
            assertThat(Database.pool(reports)).isSameAs(a);
            assertThat(Database.pool(orders)).isSameAs(b);
            assertThat(Database.pool(reports).maxConnections()).isEqualTo(2);
            assertThat(Database.pool(orders).maxConnections()).isEqualTo(5);
            assertThat(Database.pools()).contains(reports, orders);
            assertThatThrownBy(() -> Database.pool(target.config("x").withPoolName(reports).build()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("a pool named '" + reports + "' is already open; look it up with Database.pool(\""
                            + reports + "\") or close it first");
            assertThatThrownBy(() -> Database.pool("nope-" + target))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("no open pool named 'nope-" + target + "'; open pools: [")
                    .hasMessageContaining(reports).hasMessageContaining(orders);
            assertThat(DatabaseOperator.of(Database.pool(orders)).query("SELECT 7").fetchOne(Integer.class)).contains(7);
        }
        assertThat(Database.pools()).doesNotContain(reports, orders);
        assertThatThrownBy(() -> Database.pool(reports)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void closedStrategiesRefuseWork() {
        ConnectionStrategy pool = Database.pool(Target.SQLITE.config("closed").withPoolSize(1).build());
        pool.close();
        pool.close();
        assertThat(pool.isClosed()).isTrue();
        assertThatThrownBy(pool::acquire).isInstanceOf(IllegalStateException.class)
                .hasMessage("connection strategy '" + pool.name() + "' is closed");
        ConnectionStrategy single = Database.singleConnection(Target.SQLITE.config("closed").build());
        single.close();
        assertThatThrownBy(() -> DatabaseOperator.of(single).execute("SELECT 1")).isInstanceOf(IllegalStateException.class)
                .hasMessage("connection strategy '" + single.name() + "' is closed");
    }

    @Test
    void userPropertiesOverridePluginDefaultsAndReachTheDriver() {
        // H2 rejects unknown settings, so a property that reaches it is observable; MODE changes the dialect.
        try (ConnectionStrategy s = Database.singleConnection(Target.H2.config("props").withProperty("MODE", "MySQL").build())) {
            Map<String, Object> row = DatabaseOperator.of(s)
                    .query("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = ?", "MODE")
                    .fetchOne().orElseThrow();
            assertThat(row.values()).containsExactly("MySQL");
        }
    }

    @Test
    void pluginDefaultsReachTheDriverAndUserPropertiesWin() {
        try (ConnectionStrategy s = Database.singleConnection(Target.SQLITE.config("defaults").build())) {
            assertThat(DatabaseOperator.of(s).query("PRAGMA journal_mode").fetchOne(String.class)).contains("wal");
            assertThat(DatabaseOperator.of(s).query("PRAGMA busy_timeout").fetchOne(Integer.class)).contains(10_000);
        }
        try (ConnectionStrategy s = Database.singleConnection(Target.SQLITE.config("defaults")
                .withProperty("journal_mode", "TRUNCATE").withConnectionTimeout(Duration.ofSeconds(3)).build())) {
            assertThat(DatabaseOperator.of(s).query("PRAGMA journal_mode").fetchOne(String.class)).contains("truncate");
            assertThat(DatabaseOperator.of(s).query("PRAGMA busy_timeout").fetchOne(Integer.class)).contains(3_000);
        }
    }

    static List<Throwable> chain(Throwable e) {
        List<Throwable> out = new ArrayList<>();
        for (Throwable t = e; t != null && !out.contains(t); t = t.getCause()) {
            out.add(t);
        }
        return out;
    }
}
