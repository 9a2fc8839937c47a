package io.multirunnable.tests.persistence;

import io.multirunnable.persistence.ConnectionStrategy;
import io.multirunnable.persistence.Database;
import io.multirunnable.persistence.DatabaseConfig;
import io.multirunnable.persistence.DatabaseConfigBuilder;
import io.multirunnable.persistence.DatabaseOperator;
import io.multirunnable.testsupport.TestBackends;
import io.multirunnable.testsupport.TestBackends.Service;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A database the persistence tests run against: MariaDB (through mysql-connector-j and through
 * MariaDB Connector/J) and PostgreSQL (located by
 * {@link TestBackends}: explicit URL, else a container when Docker answers, else the local
 * server), SQLite in a temp dir, and H2 through the test-only plugin. A server that cannot be
 * reached skips the test, or fails it when MR_REQUIRE_DATABASES=true.
 */
enum Target {
    SQLITE("sqlite"),
    MARIADB("mysql"),
    /** The same MariaDB server through MariaDB Connector/J (mr-persistence-mariadb, {@code jdbc:mariadb:}). */
    MARIADB_CJ("mariadb"),
    POSTGRESQL("postgresql"),
    H2("h2");

    private static final Map<Target, String> URLS = new ConcurrentHashMap<>();
    private static final AtomicInteger COUNTER = new AtomicInteger();

    final String driver;

    Target(String driver) {
        this.driver = driver;
    }

    /** SQLite, MariaDB (mysql-connector-j and Connector/J), PostgreSQL: the shipped plugins. */
    static List<Target> shipped() {
        return List.of(SQLITE, MARIADB, MARIADB_CJ, POSTGRESQL);
    }

    /** The servers: MariaDB through both drivers, PostgreSQL. */
    static List<Target> servers() {
        return List.of(MARIADB, MARIADB_CJ, POSTGRESQL);
    }

    boolean isServer() {
        return this == MARIADB || this == MARIADB_CJ || this == POSTGRESQL;
    }

    /** A MariaDB server, through either driver: MariaDB's SQL dialect and semantics apply. */
    boolean isMariaDb() {
        return this == MARIADB || this == MARIADB_CJ;
    }

    /** The JDBC URL, after making sure the database is reachable (else skip, or fail when required). */
    String url() {
        return switch (this) {
            case MARIADB -> TestBackends.require(Service.MARIADB);
            case MARIADB_CJ -> TestBackends.require(Service.MARIADB_CONNECTORJ);
            case POSTGRESQL -> TestBackends.require(Service.POSTGRES);
            default -> URLS.computeIfAbsent(this, Target::locate);
        };
    }

    /** A config builder for this database with a unique pool name. */
    DatabaseConfigBuilder config(String poolPrefix) {
        return DatabaseConfig.builder(url()).withPoolName(poolPrefix + "-" + name().toLowerCase() + "-"
                + COUNTER.incrementAndGet()).withConnectionTimeout(Duration.ofSeconds(10));
    }

    /** A fresh table name no other test uses. */
    String table(String prefix) {
        return "mr_" + prefix + "_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
    }

    /** What {@link #withTable} runs: an operator on the pool and the name of the fresh table. */
    @FunctionalInterface
    interface TableBody {
        void run(DatabaseOperator db, String table) throws Exception;
    }

    /** {@link #withTable(String, int, String, TableBody)} on a pool of one connection. */
    void withTable(String prefix, String columns, TableBody body) throws Exception {
        withTable(prefix, 1, columns, body);
    }

    /**
     * Runs {@code body} on a table no other test uses, {@code CREATE TABLE <name> (<columns>)},
     * made through a pool of {@code poolSize} connections named after {@code prefix}; then closes
     * the pool and drops the table, whether {@code body} passed or not.
     */
    void withTable(String prefix, int poolSize, String columns, TableBody body) throws Exception {
        String t = table(prefix);
        try (ConnectionStrategy pool = Database.pool(config(prefix).withPoolSize(poolSize).build())) {
            DatabaseOperator db = DatabaseOperator.of(pool);
            db.execute("CREATE TABLE " + t + " (" + columns + ")");
            body.run(db, t);
        } finally {
            drop(t);
        }
    }

    /** A plain JDBC connection beside the library, for independent checks and admin work. */
    Connection adminConnection() throws SQLException {
        return DriverManager.getConnection(url());
    }

    /** Counts rows with plain JDBC, not through the library. */
    long count(String table) throws SQLException {
        try (Connection c = adminConnection(); Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    void drop(String table) {
        try (Connection c = adminConnection(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + table);
        } catch (SQLException ignored) {
            // best effort clean-up
        }
    }

    /** SQL giving the server-side id of the current session. */
    String sessionIdSql() {
        return switch (this) {
            case MARIADB, MARIADB_CJ -> "SELECT CONNECTION_ID()";
            case POSTGRESQL -> "SELECT pg_backend_pid()";
            default -> throw new UnsupportedOperationException(name() + " has no server sessions");
        };
    }

    /** Kills server sessions by id, as an administrator would (or a server restart does). */
    void killSessions(List<Long> ids) throws SQLException {
        try (Connection c = adminConnection()) {
            for (long id : ids) {
                if (isMariaDb()) {
                    try (Statement s = c.createStatement()) {
                        s.execute("KILL " + id);
                    }
                } else {
                    try (PreparedStatement ps = c.prepareStatement("SELECT pg_terminate_backend(?)")) {
                        ps.setInt(1, (int) id);
                        ps.executeQuery().close();
                    }
                }
            }
        }
    }

    private String locate() {
        switch (this) {
            case SQLITE -> {
                return "jdbc:sqlite:" + sqliteDir().resolve("mr-test-" + COUNTER.incrementAndGet() + ".db");
            }
            case H2 -> {
                return "jdbc:h2:mem:mr_test_" + COUNTER.incrementAndGet() + ";DB_CLOSE_DELAY=-1";
            }
            default -> throw new IllegalStateException(name() + " is a server: TestBackends locates it");
        }
    }

    private static Path sqliteDir() {
        return SqliteDir.DIR;
    }

    /** Created on first use (class initialisation is the lock). */
    private static final class SqliteDir {
        static final Path DIR = create();

        private static Path create() {
            try {
                Path d = Files.createTempDirectory("mr-sqlite-");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(d)));
                return d;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static void deleteTree(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // temp dir; the OS cleans it eventually
        }
    }
}
