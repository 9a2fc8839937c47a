package io.multirunnable.tests.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.multirunnable.persistence.CommitOutcomeUnknownException;
import io.multirunnable.persistence.ConnectionStrategy;
import io.multirunnable.persistence.Database;
import io.multirunnable.persistence.DatabaseConfig;
import io.multirunnable.persistence.DatabaseException;
import io.multirunnable.persistence.DatabaseOperator;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 13 weak spot: a connection that dies during COMMIT leaves the outcome unknown, and the
 * caller gets {@link CommitOutcomeUnknownException} to reconcile, not a "commit failed" that may be false.
 */
class CommitOutcomeUnknownTest {

    /** The COMMIT reaches the server, which commits; the client never hears back. "Failed" would be a lie here. */
    @ParameterizedTest
    @EnumSource(value = Target.class, names = {"MARIADB", "MARIADB_CJ", "POSTGRESQL"})
    void connectionCutRightAfterTheCommitWasSentIsOutcomeUnknown(Target target) throws Exception {
        String t = target.table("cutcommit");
        try (CutProxy proxy = CutProxy.in(target.url());
             ConnectionStrategy pool = Database.pool(DatabaseConfig.builder(proxy.url(target.url()))
                     .withPoolName("cutcommit-" + t).withPoolSize(1).withConnectionTimeout(Duration.ofSeconds(10)).build())) {
            DatabaseOperator db = DatabaseOperator.of(pool);
            db.execute("CREATE TABLE " + t + " (id INTEGER PRIMARY KEY)");
            CommitOutcomeUnknownException e = catchThrowableOfType(CommitOutcomeUnknownException.class,
                    () -> db.runInTransaction(tx -> {
                        tx.execute("INSERT INTO " + t + " (id) VALUES (?)", 1);
                        proxy.cutAfter("commit");
                    }));
            assertThat(proxy.didCut()).isTrue();
            assertThat(e).hasMessageStartingWith("commit outcome unknown on '" + pool.name() + "' (" + target.driver + "): ")
                    .hasMessageContaining("check its effect before retrying");
            assertThat(e.sqlState()).startsWith("08");
            // the server did commit: exactly the case a "commit failed" message gets wrong
            assertThat(target.count(t)).isEqualTo(1);
            // the dead connection was discarded: the pool (through the same proxy) works again
            assertThat(db.query("SELECT COUNT(*) FROM " + t).fetchOne(Long.class)).contains(1L);
        } finally {
            target.drop(t);
        }
    }

    /**
     * The server's own backend is killed while COMMIT runs (a deferred trigger keeps the commit
     * busy): this time nothing was committed, and the caller is told the same "unknown".
     */
    @Test
    void postgresBackendTerminatedDuringCommitIsOutcomeUnknown() throws Exception {
        Target target = Target.POSTGRESQL;
        String fn = target.table("killcommit_slow");
        try {
            target.withTable("killcommit", "id INTEGER PRIMARY KEY", (db, t) -> {
                db.execute("CREATE FUNCTION " + fn + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(30); "
                        + "RETURN NULL; END $$");
                db.execute("CREATE CONSTRAINT TRIGGER " + t + "_at_commit AFTER INSERT ON " + t
                        + " DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION " + fn + "()");
                long[] pid = new long[1];
                CompletableFuture<Boolean> killer = new CompletableFuture<>();
                CommitOutcomeUnknownException e = catchThrowableOfType(CommitOutcomeUnknownException.class,
                        () -> db.runInTransaction(tx -> {
                            tx.execute("INSERT INTO " + t + " (id) VALUES (?)", 1);
                            pid[0] = tx.query("SELECT pg_backend_pid()").fetchOne(Long.class).orElseThrow();
                            Thread.ofPlatform().start(() -> killer.complete(killWhenCommitting(target, pid[0])));
                        }));
                assertThat(killer.get(30, TimeUnit.SECONDS)).isTrue();
                assertThat(e).hasMessageStartingWith("commit outcome unknown on '" + db.strategy().name() + "' (postgresql): ");
                assertThat(e.sqlState()).isIn("57P01", "08006", "08003");
                assertThat(target.count(t)).isZero();
                assertThat(db.query("SELECT COUNT(*) FROM " + t).fetchOne(Long.class)).contains(0L);
            });
        } finally {
            // after the table, whose trigger depends on the function
            try (Connection c = target.adminConnection(); Statement s = c.createStatement()) {
                s.execute("DROP FUNCTION IF EXISTS " + fn + "()");
            }
        }
    }

    /** A commit the database refuses (a deferred unique check) has a known outcome: nothing committed, a plain DatabaseException. */
    @Test
    void commitRefusedByTheDatabaseIsAKnownFailure() throws Exception {
        Target target = Target.POSTGRESQL;
        target.withTable("refusedcommit", "id INTEGER UNIQUE DEFERRABLE INITIALLY DEFERRED", (db, t) -> {
            DatabaseException e = catchThrowableOfType(DatabaseException.class, () -> db.runInTransaction(tx -> {
                tx.execute("INSERT INTO " + t + " (id) VALUES (?)", 7);
                tx.execute("INSERT INTO " + t + " (id) VALUES (?)", 7);
            }));
            assertThat(e).isNotInstanceOf(CommitOutcomeUnknownException.class).hasMessageStartingWith("commit failed on '");
            assertThat(e.sqlState()).isEqualTo("23505");
            assertThat(target.count(t)).isZero();
        });
    }

    private static boolean killWhenCommitting(Target target, long pid) {
        try (Connection c = target.adminConnection()) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (System.nanoTime() < deadline) {
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT wait_event FROM pg_stat_activity WHERE pid = ? AND state = 'active'")) {
                    ps.setInt(1, (int) pid);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next() && "PgSleep".equals(rs.getString(1))) {
                            break;
                        }
                    }
                }
                Thread.sleep(20);
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_terminate_backend(?)")) {
                ps.setInt(1, (int) pid);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() && rs.getBoolean(1);
                }
            }
        } catch (Exception e) {
            return false;
        }
    }
}
