package io.multirunnable.persistence.mariadb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multirunnable.persistence.ConnectionLease;
import io.multirunnable.persistence.ConnectionStrategy;
import io.multirunnable.persistence.Database;
import io.multirunnable.persistence.DatabaseConfig;
import io.multirunnable.persistence.DatabaseConfigBuilder;
import io.multirunnable.persistence.DatabaseException;
import io.multirunnable.persistence.DatabaseOperator;
import io.multirunnable.persistence.IsolationLevel;
import io.multirunnable.persistence.spi.DatabaseDriver;
import io.multirunnable.testsupport.TestBackends;
import io.multirunnable.testsupport.TestBackends.Service;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * What the mariadb plugin adds beyond the kit: driver selection beside the mysql plugin, its
 * batch settings reaching MariaDB Connector/J (and yielding to the user's), read-only and
 * isolation through Connector/J, and the SQLState / vendor code of its errors in our messages.
 */
class MariaDbPluginTest {
    private static final String SECRET = "s3cr3t-Pa55-word";
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final List<String> tables = new ArrayList<>();

    @AfterEach
    void closeAndDrop() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
        if (!tables.isEmpty()) {
            try (var c = DriverManager.getConnection(url()); Statement s = c.createStatement()) {
                for (String t : tables) {
                    s.execute("DROP TABLE IF EXISTS " + t);
                }
            }
        }
    }

    private static String url() {
        return TestBackends.require(Service.MARIADB_CONNECTORJ);
    }

    private static String name(String prefix) {
        return "mr_" + prefix + "_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
    }

    private DatabaseConfigBuilder config() {
        return DatabaseConfig.builder(url()).withPoolName(name("pool")).withConnectionTimeout(Duration.ofSeconds(10));
    }

    private ConnectionStrategy pool(DatabaseConfigBuilder config) {
        ConnectionStrategy pool = Database.pool(config.build());
        toClose.add(pool);
        return pool;
    }

    private String table(DatabaseOperator db) {
        String t = name("t");
        tables.add(t);
        db.execute("CREATE TABLE " + t + " (id INTEGER PRIMARY KEY, name VARCHAR(50), score DOUBLE PRECISION)");
        return t;
    }

    @Test
    void mariadbUrlsGoToThisPluginAndMysqlUrlsStayWithTheMysqlPlugin() {
        assertThat(Database.drivers()).extracting(DatabaseDriver::name).containsExactly("mariadb", "mysql");
        DatabaseDriver mariadb = Database.driver("MariaDB");
        assertThat(mariadb.getClass().getModule().getName()).isEqualTo("io.multirunnable.persistence.mariadb");
        assertThat(mariadb.getClass().getModule().getDescriptor().exports()).as("a plugin exports nothing").isEmpty();
        assertThat(mariadb.urlPrefixes()).containsExactly("jdbc:mariadb:");

        assertThat(Database.driverFor("jdbc:mariadb://db:3306/app").name()).isEqualTo("mariadb");
        assertThat(Database.driverFor("JDBC:MARIADB:sequential://a,b/app").name()).isEqualTo("mariadb");
        assertThat(Database.driverFor("jdbc:mysql://db:3306/app").name()).isEqualTo("mysql");
        // Connector/J would take jdbc:mysql: with permitMysqlScheme, but the plugin choice is by prefix: still mysql.
        assertThat(Database.driverFor("jdbc:mysql://db:3306/app?permitMysqlScheme=true").name()).isEqualTo("mysql");

        assertThatThrownBy(() -> Database.driverFor("jdbc:oracle:thin:scott/" + SECRET + "@db:1521:x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("No DatabaseDriver accepts the JDBC URL 'jdbc:oracle:thin:scott/***@db:1521:x'")
                .hasMessageContaining("'; installed: [mariadb [jdbc:mariadb:], mysql [jdbc:mysql:]]")
                .hasMessageNotContaining(SECRET);
        assertThatThrownBy(() -> Database.driver("maria"))
                .hasMessage("Unknown DatabaseDriver 'maria' (from driver name); installed: [mariadb, mysql]");
    }

    @Test
    void aMariadbPoolRunsOnConnectorJAndAMysqlPoolOnMysqlConnectorJWithBothInstalled() throws SQLException {
        try (ConnectionLease lease = pool(config()).acquire()) {
            assertThat(lease.connection().getMetaData().getDriverName()).isEqualTo("MariaDB Connector/J");
        }
        String mysqlUrl = TestBackends.require(Service.MARIADB);
        assertThat(mysqlUrl).startsWith("jdbc:mysql:");
        ConnectionStrategy mysql = pool(DatabaseConfig.builder(mysqlUrl).withPoolName(name("mysql")));
        assertThat(mysql.driverName()).isEqualTo("mysql");
        try (ConnectionLease lease = mysql.acquire()) {
            assertThat(lease.connection().getMetaData().getDriverName()).startsWith("MySQL Connector/J");
        }
    }

    /** README "MariaDB Connector/J": the example as written, on the test server and a table of its own. */
    @Test
    void readmeExampleRunsAsWritten() {
        String person = name("person");
        tables.add(person);
        long people;
        try (ConnectionStrategy pool = Database.pool(DatabaseConfig.builder(url()).withPoolName(name("readme"))
                .withPoolSize(8).build())) {
            DatabaseOperator db = DatabaseOperator.of(pool);
            assertThat(pool.driverName()).isEqualTo("mariadb");
            db.execute("CREATE TABLE " + person + " (id BIGINT PRIMARY KEY, name VARCHAR(100))");
            db.execute("INSERT INTO " + person + " (id, name) VALUES (100, 'Ada'), (101, 'Grace'), (102, 'Barbara')");
            db.executeMany("UPDATE " + person + " SET name = ? WHERE id = ?",
                    List.of(List.of("Ada L.", 100), List.of("Grace H.", 101)));
            people = db.withReadOnlyTransactions(true).inTransaction(
                    tx -> tx.query("SELECT COUNT(*) FROM " + person).fetchOne(Long.class).orElseThrow());
            assertThat(db.query("SELECT name FROM " + person + " ORDER BY id").fetchAll(String.class))
                    .containsExactly("Ada L.", "Grace H.", "Barbara");
        }
        assertThat(people).isEqualTo(3);
    }

    @Test
    void bulkBatchesAreTheDefaultAndTheUsersSettingWins() {
        assertThat(Database.driver("mariadb").defaultProperties())
                .containsEntry("useBulkStmts", "true").containsEntry("useBulkStmtsForInserts", "true");
        assertThat(Database.driver("mariadb").connectTimeoutProperties(Duration.ofMillis(2500)))
                .containsEntry("connectTimeout", "2500");

        DatabaseOperator db = DatabaseOperator.of(pool(config().withPoolSize(1)));
        String t = table(db);
        List<List<Object>> rows = IntStream.range(0, 10_000).mapToObj(i -> Arrays.<Object>asList(i, "n" + i, i / 4.0)).toList();
        assertThat(db.executeMany("INSERT INTO " + t + " (id, name, score) VALUES (?, ?, ?)", rows)).isEqualTo(10_000);
        assertThat(db.query("SELECT COUNT(*), SUM(score) FROM " + t).fetchOne(r -> r.getLong(1) + ":" + r.getDouble(2)))
                .contains("10000:" + IntStream.range(0, 10_000).mapToDouble(i -> i / 4.0).sum());

        // 300 UPDATEs matching no row: a bulk batch reports SUCCESS_NO_INFO per statement (counted as 1 each),
        // a plain batch the exact 0 rows. That is how the plugin's useBulkStmts=true is seen from outside.
        List<List<Object>> noMatch = IntStream.range(0, 300).mapToObj(i -> Arrays.<Object>asList("x", -1 - i)).toList();
        String update = "UPDATE " + t + " SET name = ? WHERE id = ?";
        assertThat(db.executeMany(update, noMatch)).isEqualTo(300);
        DatabaseOperator plain = DatabaseOperator.of(pool(config().withPoolSize(1).withProperty("useBulkStmts", "false")));
        assertThat(plain.executeMany(update, noMatch)).isZero();
        // ... and both really update when rows match.
        List<List<Object>> match = IntStream.range(0, 300).mapToObj(i -> Arrays.<Object>asList("u" + i, i)).toList();
        db.executeMany(update, match);
        assertThat(db.query("SELECT COUNT(*) FROM " + t + " WHERE name LIKE 'u%'").fetchOne(Long.class)).contains(300L);
        assertThat(plain.executeMany("UPDATE " + t + " SET name = ? WHERE id = ?",
                IntStream.range(300, 400).mapToObj(i -> Arrays.<Object>asList("v", i)).toList())).isEqualTo(100);
    }

    @Test
    void readOnlyTransactionsAreRefusedByTheServerAndTheFlagIsRestored() {
        DatabaseOperator db = DatabaseOperator.of(pool(config().withPoolSize(1)));
        String t = table(db);
        DatabaseOperator readOnly = db.withReadOnlyTransactions(true);
        Integer flagInside = readOnly.inTransaction(tx -> tx.query("SELECT @@session.tx_read_only").fetchOne(Integer.class)
                .orElseThrow());
        assertThat(flagInside).isEqualTo(1);
        assertThatThrownBy(() -> readOnly.runInTransaction(tx -> tx.execute("INSERT INTO " + t + " (id) VALUES (?)", 1)))
                .isInstanceOfSatisfying(DatabaseException.class, e -> {
                    assertThat(e.sqlState()).isEqualTo("25006");
                    assertThat(e).hasMessageContaining("[SQLState 25006, vendor code 1792]");
                });
        // the one pooled connection is read-write again
        assertThat(db.query("SELECT @@session.tx_read_only").fetchOne(Integer.class)).contains(0);
        assertThat(db.execute("INSERT INTO " + t + " (id) VALUES (?)", 1)).isEqualTo(1);
    }

    @Test
    void isolationIsSetForTheTransactionAndRestoredAfterIt() {
        DatabaseOperator db = DatabaseOperator.of(pool(config().withPoolSize(1)));
        String before = db.query("SELECT @@session.tx_isolation").fetchOne(String.class).orElseThrow();
        for (IsolationLevel level : List.of(IsolationLevel.READ_UNCOMMITTED, IsolationLevel.READ_COMMITTED,
                IsolationLevel.REPEATABLE_READ, IsolationLevel.SERIALIZABLE)) {
            String inside = db.withIsolation(level).inTransaction(tx -> tx.query("SELECT @@session.tx_isolation")
                    .fetchOne(String.class).orElseThrow());
            assertThat(inside).isEqualTo(level.name().replace('_', '-'));
            assertThat(db.query("SELECT @@session.tx_isolation").fetchOne(String.class)).contains(before);
        }
    }

    @Test
    void errorsCarryTheSqlStateAndVendorCodeAndNoValues() {
        ConnectionStrategy pool = pool(config().withPoolSize(2));
        DatabaseOperator db = DatabaseOperator.of(pool);
        String t = table(db);
        db.execute("INSERT INTO " + t + " (id, name) VALUES (?, ?)", 1, "first");
        assertThatThrownBy(() -> db.execute("INSERT INTO " + t + " (id, name) VALUES (?, ?)", 1, SECRET))
                .isInstanceOfSatisfying(DatabaseException.class, e -> {
                    assertThat(e.sqlState()).isEqualTo("23000");
                    assertThat(e).hasMessageContaining("integrity constraint violation [SQLState 23000, vendor code 1062]")
                            .hasMessageNotContaining(SECRET);
                });
        assertThatThrownBy(() -> db.query("SELECT * FROM " + name("missing")).fetchAll())
                .isInstanceOfSatisfying(DatabaseException.class, e -> {
                    assertThat(e.sqlState()).isEqualTo("42S02");
                    assertThat(e).hasMessageContaining("[SQLState 42S02, vendor code 1146]");
                });
        assertThatThrownBy(() -> db.executeMany("INSERT INTO " + t + " (id, name) VALUES (?, ?)",
                List.of(Arrays.asList(2, "a"), Arrays.asList(1, SECRET), Arrays.asList(3, "c"))))
                .isInstanceOfSatisfying(DatabaseException.class, e -> {
                    assertThat(e.sqlState()).isEqualTo("23000");
                    assertThat(e).hasMessageContaining("vendor code 1062").hasMessageNotContaining(SECRET);
                });
        assertThat(db.query("SELECT COUNT(*) FROM " + t).fetchOne(Long.class)).as("the failed batch left nothing").contains(1L);
        assertThat(pool.activeConnections()).isZero();
    }

    @Test
    void aConnectionKilledByTheServerFailsOnceWithSqlStateClass08AndIsReplaced() throws SQLException {
        ConnectionStrategy pool = pool(config().withPoolSize(1));
        DatabaseOperator db = DatabaseOperator.of(pool);
        long id = db.query("SELECT CONNECTION_ID()").fetchOne(Long.class).orElseThrow();
        try (var admin = DriverManager.getConnection(url()); Statement s = admin.createStatement()) {
            s.execute("KILL " + id);
        }
        assertThatThrownBy(() -> db.query("SELECT 1").fetchAll())
                .isInstanceOfSatisfying(DatabaseException.class, e -> assertThat(e.sqlState()).startsWith("08"));
        long next = db.query("SELECT CONNECTION_ID()").fetchOne(Long.class).orElseThrow();
        assertThat(next).isNotEqualTo(id);
        assertThat(pool.activeConnections()).isZero();
    }

    /**
     * Connector/J 4 asks for TLS by default; on a server without TLS the pool fails to open with the
     * driver's message naming {@code sslMode=disable}, and the plugin does not turn TLS off by itself.
     */
    @Test
    void withoutSslModeAServerWithoutTlsIsRefusedWithAMessageNamingSslMode() {
        DatabaseOperator probe = DatabaseOperator.of(pool(config().withPoolSize(1)));
        String haveSsl = probe.query("SELECT @@have_ssl").fetchOne(String.class).orElse("");
        Assumptions.assumeFalse("YES".equalsIgnoreCase(haveSsl), "this server has TLS: nothing to refuse");
        assertThat(Database.driver("mariadb").defaultProperties()).doesNotContainKey("sslMode");
        String withoutSslMode = url().replaceAll("([?&])sslMode=[^&]*&?", "$1").replaceAll("[?&]$", "");
        assertThat(withoutSslMode).doesNotContain("sslMode");
        DatabaseConfig config = DatabaseConfig.builder(withoutSslMode).withPoolName(name("tls"))
                .withConnectionTimeout(Duration.ofSeconds(5)).build();
        assertThatThrownBy(() -> Database.pool(config)).isInstanceOfSatisfying(DatabaseException.class, e -> {
            assertThat(e.sqlState()).startsWith("08");
            assertThat(e).hasStackTraceContaining("sslMode=disable");
        });
        assertThat(Database.pools()).doesNotContain(config.poolName());
    }

    @Test
    void wrongCredentialsAndUnreachableServersFailWithTheirSqlStateAndNoSecret() {
        String base = url().replaceFirst("\\?.*$", "") + "?sslMode=disable";
        DatabaseConfig bad = DatabaseConfig.builder(base).withUser("mr_no_such_user").withPassword(SECRET)
                .withPoolName(name("bad")).withConnectionTimeout(Duration.ofSeconds(5)).build();
        assertThatThrownBy(() -> Database.pool(bad)).isInstanceOfSatisfying(DatabaseException.class, e -> {
            assertThat(e.sqlState()).startsWith("28");
            for (Throwable c = e; c != null; c = c.getCause()) {
                assertThat(String.valueOf(c.getMessage())).doesNotContain(SECRET);
            }
        });
        DatabaseConfig unreachable = DatabaseConfig.builder("jdbc:mariadb://127.0.0.1:1/mr_test?sslMode=disable")
                .withUser("x").withPassword(SECRET).withPoolName(name("closed")).withConnectionTimeout(Duration.ofSeconds(2))
                .build();
        assertThatThrownBy(() -> Database.pool(unreachable)).isInstanceOfSatisfying(DatabaseException.class, e -> {
            assertThat(e.sqlState()).startsWith("08");
            boolean connectException = false;
            for (Throwable c = e; c != null; c = c.getCause()) {
                connectException |= c instanceof java.net.ConnectException;
            }
            assertThat(connectException).as("a ConnectException in the cause chain").isTrue();
        });
        assertThat(Database.pools()).doesNotContain(bad.poolName(), unreachable.poolName());
    }
}
