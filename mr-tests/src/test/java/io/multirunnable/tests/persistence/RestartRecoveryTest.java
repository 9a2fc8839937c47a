package io.multirunnable.tests.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.multirunnable.persistence.ConnectionLease;
import io.multirunnable.persistence.ConnectionStrategy;
import io.multirunnable.persistence.Database;
import io.multirunnable.persistence.DatabaseException;
import io.multirunnable.persistence.DatabaseOperator;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The server drops every connection of the pool (as a restart does; done here with
 * {@code pg_terminate_backend} / MariaDB {@code KILL}): later operations succeed on fresh
 * connections and every committed row is still there.
 */
class RestartRecoveryTest {

    static List<Target> servers() {
        return Target.servers();
    }

    /** Leases every connection of the strategy at once and asks the server for their session ids. */
    private static List<Long> sessionIds(ConnectionStrategy strategy, Target target) throws SQLException {
        List<ConnectionLease> leases = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        try {
            for (int i = 0; i < strategy.maxConnections(); i++) {
                ConnectionLease lease = strategy.acquire();
                leases.add(lease);
                try (Statement s = lease.connection().createStatement(); ResultSet rs = s.executeQuery(target.sessionIdSql())) {
                    rs.next();
                    ids.add(rs.getLong(1));
                }
            }
        } finally {
            leases.forEach(ConnectionLease::close);
        }
        return ids;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void poolRecoversAfterTheServerDropsEveryConnection(Target target) throws Exception {
        target.withTable("restart", 4, "id INTEGER PRIMARY KEY, v VARCHAR(20)", (db, t) -> {
            ConnectionStrategy pool = db.strategy();
            for (int i = 0; i < 100; i++) {
                db.execute("INSERT INTO " + t + " (id, v) VALUES (?, ?)", i, "before");
            }
            List<Long> ids = sessionIds(pool, target);
            assertThat(ids).hasSize(4).doesNotHaveDuplicates();

            target.killSessions(ids);

            // Straight after the kill: an operation may meet a dead connection (at most one per pooled
            // connection); it fails with a connection error, and the dead connection is discarded.
            int failures = 0;
            int next = 100;
            while (next < 150) {
                try {
                    db.execute("INSERT INTO " + t + " (id, v) VALUES (?, ?)", next, "after");
                    next++;
                } catch (DatabaseException e) {
                    failures++;
                    assertThat(e.sqlState()).as("SQLState of %s", e).matches("08.*|57P0.");
                    assertThat(failures).isLessThanOrEqualTo(4);
                }
            }
            assertThat(pool.activeConnections()).isZero();
            assertThat(sessionIds(pool, target)).doesNotContainAnyElementsOf(ids);
            assertThat(target.count(t)).isEqualTo(150);
            assertThat(db.query("SELECT COUNT(*) FROM " + t + " WHERE v = ?", "before").fetchOne(Long.class)).contains(100L);

            // Killed again, then idle for longer than HikariCP's alive-bypass window (500 ms): the pool
            // validates connections on checkout, so no operation fails at all.
            target.killSessions(sessionIds(pool, target));
            Thread.sleep(1_000);
            for (int i = 150; i < 200; i++) {
                db.execute("INSERT INTO " + t + " (id, v) VALUES (?, ?)", i, "later");
            }
            assertThat(target.count(t)).isEqualTo(200);
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void singleConnectionReconnectsAfterTheServerDropsIt(Target target) throws Exception {
        String t = target.table("restart1");
        try (ConnectionStrategy single = Database.singleConnection(target.config("restart1").build())) {
            DatabaseOperator db = DatabaseOperator.of(single);
            db.execute("CREATE TABLE " + t + " (id INTEGER PRIMARY KEY)");
            db.execute("INSERT INTO " + t + " (id) VALUES (?)", 1);
            List<Long> first = sessionIds(single, target);

            target.killSessions(first);
            int failures = 0;
            for (int id = 2; id <= 3; ) {
                try {
                    db.execute("INSERT INTO " + t + " (id) VALUES (?)", id);
                    id++;
                } catch (DatabaseException e) {
                    failures++;
                    assertThat(e.sqlState()).matches("08.*|57P0.");
                    assertThat(failures).isEqualTo(1);
                }
            }
            assertThat(sessionIds(single, target)).doesNotContainAnyElementsOf(first);

            target.killSessions(sessionIds(single, target));
            Thread.sleep(700); // idle past the validation threshold: the dead connection is noticed before use
            db.execute("INSERT INTO " + t + " (id) VALUES (?)", 4);
            assertThat(target.count(t)).isEqualTo(4);
        } finally {
            target.drop(t);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void transactionCutByTheServerRollsBackAndLeavesCommittedRows(Target target) throws Exception {
        target.withTable("restart2", 2, "id INTEGER PRIMARY KEY", (db, t) -> {
            ConnectionStrategy pool = db.strategy();
            db.execute("INSERT INTO " + t + " (id) VALUES (?)", 1);
            Exception thrown = null;
            try {
                db.runInTransaction(tx -> {
                    tx.execute("INSERT INTO " + t + " (id) VALUES (?)", 2);
                    long session = tx.query(target.sessionIdSql()).fetchOne(Long.class).orElseThrow();
                    target.killSessions(List.of(session));
                    tx.execute("INSERT INTO " + t + " (id) VALUES (?)", 3);
                });
            } catch (DatabaseException e) {
                thrown = e;
            }
            assertThat(thrown).isInstanceOf(DatabaseException.class);
            assertThat(pool.activeConnections()).isZero();
            Thread.sleep(700);
            db.execute("INSERT INTO " + t + " (id) VALUES (?)", 4);
            assertThat(db.query("SELECT id FROM " + t + " ORDER BY id").fetchAll(Integer.class)).containsExactly(1, 4);
        });
    }
}
