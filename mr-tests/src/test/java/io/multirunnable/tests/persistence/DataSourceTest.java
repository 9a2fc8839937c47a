package io.multirunnable.tests.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multirunnable.persistence.ConnectionLease;
import io.multirunnable.persistence.ConnectionStrategy;
import io.multirunnable.persistence.Database;
import io.multirunnable.persistence.DatabaseConfig;
import io.multirunnable.persistence.DatabaseOperator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Issue 15 item 1: a DataSource over the same pool or single connection, for tools that take only a DataSource. */
class DataSourceTest {

    enum Kind { POOL, SINGLE }

    private static ConnectionStrategy open(Target target, Kind kind, int size) {
        DatabaseConfig config = target.config("ds").withPoolSize(size).withConnectionTimeout(Duration.ofMillis(500)).build();
        return kind == Kind.POOL ? Database.pool(config) : Database.singleConnection(config);
    }

    /** Plain JDBC code that knows nothing of this library: it gets only a DataSource. */
    private static long insertAndCount(DataSource ds, String table, int id) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (id) VALUES (?)")) {
                ps.setInt(1, id);
                ps.executeUpdate();
            }
            c.commit();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void plainJdbcThroughThePoolsDataSource(Target target) throws Exception {
        for (Kind kind : Kind.values()) {
            String t = target.table("ds");
            try (ConnectionStrategy strategy = open(target, kind, 2)) {
                DatabaseOperator db = DatabaseOperator.of(strategy);
                db.execute("CREATE TABLE " + t + " (id INTEGER PRIMARY KEY)");
                DataSource ds = strategy.dataSource();
                assertThat(insertAndCount(ds, t, 1)).isEqualTo(1);
                assertThat(insertAndCount(ds, t, 2)).isEqualTo(2);
                assertThat(db.query("SELECT COUNT(*) FROM " + t).fetchOne(Long.class)).contains(2L);

                Connection c = ds.getConnection();
                assertThat(strategy.activeConnections()).as(kind.name()).isEqualTo(1);
                // left unfinished: close gives it back rolled back, with auto-commit restored for the next user
                c.setAutoCommit(false);
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("INSERT INTO " + t + " (id) VALUES (3)");
                }
                c.close();
                assertThat(c.isClosed()).isTrue();
                assertThatThrownBy(c::createStatement).isInstanceOf(SQLException.class).hasMessageContaining("closed");
                assertThat(strategy.activeConnections()).isZero();
                assertThat(target.count(t)).isEqualTo(2);
                db.execute("INSERT INTO " + t + " (id) VALUES (?)", 4); // auto-commit again: visible outside at once
                assertThat(target.count(t)).isEqualTo(3);
                assertThatThrownBy(() -> ds.getConnection("u", "p")).isInstanceOf(SQLFeatureNotSupportedException.class);
                assertThat(ds.unwrap(DataSource.class)).isSameAs(ds);
            } finally {
                target.drop(t);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void exhaustedStrategyTimesOutWithTheJdbcTransientException(Kind kind) throws Exception {
        try (ConnectionStrategy strategy = open(Target.H2, kind, 1)) {
            DataSource ds = strategy.dataSource();
            try (Connection held = ds.getConnection()) {
                CompletableFuture<Throwable> other = new CompletableFuture<>();
                Thread.ofPlatform().start(() -> {
                    try (Connection c = ds.getConnection()) {
                        other.complete(null);
                    } catch (Throwable e) {
                        other.complete(e);
                    }
                });
                assertThat(other.get(10, TimeUnit.SECONDS)).isInstanceOf(SQLTransientConnectionException.class)
                        .hasMessageContaining(strategy.name());
                assertThat(held.isValid(1)).isTrue();
            }
            try (Connection again = ds.getConnection()) {
                assertThat(again.isValid(1)).isTrue();
            }
        }
    }

    /** Single connection: the thread holding it (here inside a transaction) gets the same connection and joins. */
    @Test
    void singleConnectionHolderJoinsItsTransaction() throws Exception {
        Target target = Target.H2;
        String t = target.table("dsjoin");
        try (ConnectionStrategy single = open(target, Kind.SINGLE, 1)) {
            DatabaseOperator db = DatabaseOperator.of(single);
            db.execute("CREATE TABLE " + t + " (id INTEGER PRIMARY KEY)");
            assertThatThrownBy(() -> db.runInTransaction(tx -> {
                tx.execute("INSERT INTO " + t + " (id) VALUES (?)", 1);
                try (Connection c = single.dataSource().getConnection(); Statement s = c.createStatement()) {
                    s.executeUpdate("INSERT INTO " + t + " (id) VALUES (2)");
                }
                throw new IllegalStateException("undo both");
            })).hasMessage("undo both");
            assertThat(target.count(t)).isZero();
            try (ConnectionLease lease = single.acquire()) {
                assertThat(lease.connection().getAutoCommit()).isTrue();
            }
        } finally {
            target.drop(t);
        }
    }

    /** A real Flyway migration through the pool's DataSource. */
    @Test
    void flywayMigratesThroughThePool(@TempDir Path dir) throws Exception {
        Target target = Target.POSTGRESQL;
        String schema = target.table("fw");
        Files.writeString(dir.resolve("V1__create.sql"), "CREATE TABLE person (id INTEGER PRIMARY KEY, name VARCHAR(50));");
        Files.writeString(dir.resolve("V2__seed.sql"), "INSERT INTO person VALUES (1, 'Ada'), (2, 'Grace');");
        try (ConnectionStrategy pool = open(target, Kind.POOL, 2)) {
            Flyway flyway = Flyway.configure().dataSource(pool.dataSource()).schemas(schema).createSchemas(true)
                    .locations("filesystem:" + dir).load();
            MigrateResult result = flyway.migrate();
            assertThat(result.migrationsExecuted).isEqualTo(2);
            assertThat(result.success).isTrue();
            assertThat(DatabaseOperator.of(pool).query("SELECT COUNT(*) FROM " + schema + ".person").fetchOne(Long.class))
                    .contains(2L);
            assertThat(flyway.migrate().migrationsExecuted).isZero(); // already applied, recorded in the history table
            assertThat(pool.activeConnections()).isZero();
        } finally {
            try (Connection c = target.adminConnection(); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }
}
