package io.multirunnable.tests.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multirunnable.persistence.ConnectionLease;
import io.multirunnable.persistence.ConnectionStrategy;
import io.multirunnable.persistence.Database;
import io.multirunnable.persistence.DatabaseException;
import io.multirunnable.persistence.DatabaseOperator;
import io.multirunnable.persistence.IsolationLevel;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Issue 15 item 3: isolation levels with a visible effect each, read-only transactions, savepoints. */
class TransactionIsolationTest {

    private static void admin(Target target, String sql) throws SQLException {
        try (Connection c = target.adminConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** Reads v twice; between the reads another connection commits an update. Returns both reads. */
    private static List<Integer> readTwice(Target target, DatabaseOperator db, String t) throws SQLException {
        return db.inTransaction(tx -> {
            List<Integer> seen = new ArrayList<>();
            seen.add(tx.query("SELECT v FROM " + t + " WHERE id = 1").fetchOne(Integer.class).orElseThrow());
            admin(target, "UPDATE " + t + " SET v = v + 1 WHERE id = 1");
            seen.add(tx.query("SELECT v FROM " + t + " WHERE id = 1").fetchOne(Integer.class).orElseThrow());
            return seen;
        });
    }

    @ParameterizedTest
    @EnumSource(value = Target.class, names = {"MARIADB", "MARIADB_CJ", "POSTGRESQL"})
    void readCommittedSeesANonRepeatableReadRepeatableReadDoesNot(Target target) throws Exception {
        target.withTable("iso", "id INTEGER PRIMARY KEY, v INTEGER", (db, t) -> {
            db.execute("INSERT INTO " + t + " (id, v) VALUES (1, 10)");
            assertThat(readTwice(target, db.withIsolation(IsolationLevel.READ_COMMITTED), t)).containsExactly(10, 11);
            assertThat(readTwice(target, db.withIsolation(IsolationLevel.REPEATABLE_READ), t)).containsExactly(11, 11);
            // the level is restored afterwards: the connection is back at the server's default
            try (ConnectionLease lease = db.strategy().acquire()) {
                int level = lease.connection().getTransactionIsolation();
                assertThat(level).isEqualTo(target == Target.POSTGRESQL ? Connection.TRANSACTION_READ_COMMITTED
                        : Connection.TRANSACTION_REPEATABLE_READ);
            }
        });
    }

    @ParameterizedTest
    @EnumSource(value = Target.class, names = {"MARIADB", "MARIADB_CJ", "POSTGRESQL"})
    void readUncommittedSeesADirtyReadOnMariaDbOnly(Target target) throws Exception {
        target.withTable("dirty", "id INTEGER PRIMARY KEY, v INTEGER", (db, t) -> {
            try (Connection other = target.adminConnection()) {
                db.execute("INSERT INTO " + t + " (id, v) VALUES (1, 10)");
                other.setAutoCommit(false);
                try (Statement s = other.createStatement()) {
                    s.executeUpdate("UPDATE " + t + " SET v = 99 WHERE id = 1"); // not committed
                }
                int seen = db.withIsolation(IsolationLevel.READ_UNCOMMITTED)
                        .inTransaction(tx -> tx.query("SELECT v FROM " + t + " WHERE id = 1").fetchOne(Integer.class).orElseThrow());
                // PostgreSQL runs READ UNCOMMITTED as READ COMMITTED: it never shows uncommitted data
                assertThat(seen).isEqualTo(target.isMariaDb() ? 99 : 10);
                other.rollback();
            }
        });
    }

    @ParameterizedTest
    @EnumSource(value = Target.class, names = {"MARIADB", "MARIADB_CJ", "POSTGRESQL"})
    void serializableRefusesWriteSkew(Target target) throws Exception {
        target.withTable("skew", 2, "id INTEGER PRIMARY KEY, on_call INTEGER", (db, t) -> {
            db.execute("INSERT INTO " + t + " (id, on_call) VALUES (1, 1), (2, 1)");
            DatabaseOperator serializable = db.withIsolation(IsolationLevel.SERIALIZABLE);
            // Two doctors each check that someone else is on call, then go off call. Under SERIALIZABLE
            // at most one may succeed: PostgreSQL aborts one (40001); MariaDB's shared read locks deadlock one (40001).
            Throwable failure = null;
            try {
                serializable.runInTransaction(a -> {
                    long othersA = a.query("SELECT COUNT(*) FROM " + t + " WHERE on_call = 1 AND id <> 1").fetchOne(Long.class)
                            .orElseThrow();
                    Thread b = Thread.ofPlatform().start(() -> {
                        try {
                            serializable.runInTransaction(bx -> {
                                bx.query("SELECT COUNT(*) FROM " + t + " WHERE on_call = 1 AND id <> 2").fetchOne(Long.class);
                                bx.execute("UPDATE " + t + " SET on_call = 0 WHERE id = 2");
                            });
                        } catch (DatabaseException e) {
                            // the loser may be this one
                        }
                    });
                    b.join(500); // b blocks on MariaDB (a's shared lock) or finishes on PostgreSQL
                    if (othersA > 0) {
                        a.execute("UPDATE " + t + " SET on_call = 0 WHERE id = 1");
                    }
                    b.join(60_000);
                });
            } catch (DatabaseException e) {
                failure = e;
            }
            long onCall = db.query("SELECT COUNT(*) FROM " + t + " WHERE on_call = 1").fetchOne(Long.class).orElseThrow();
            assertThat(onCall).as("write skew prevented (failure of a: %s)", failure).isEqualTo(1);
        });
    }

    @ParameterizedTest
    @EnumSource(value = Target.class, names = {"MARIADB", "MARIADB_CJ", "POSTGRESQL"})
    void readOnlyTransactionsRefuseWritesAndRestoreTheFlag(Target target) throws Exception {
        target.withTable("rotx", "id INTEGER PRIMARY KEY", (db, t) -> {
            DatabaseOperator ro = db.withReadOnlyTransactions(true);
            java.util.Optional<Long> count = ro.inTransaction(tx -> tx.query("SELECT COUNT(*) FROM " + t).fetchOne(Long.class));
            assertThat(count).contains(0L);
            assertThatThrownBy(() -> ro.runInTransaction(tx -> tx.execute("INSERT INTO " + t + " (id) VALUES (?)", 1)))
                    .isInstanceOf(DatabaseException.class)
                    .extracting(e -> ((DatabaseException) e).sqlState()).asString().matches("25...|S1009");
            db.execute("INSERT INTO " + t + " (id) VALUES (?)", 2); // the pool's connection is writable again
            assertThat(target.count(t)).isEqualTo(1);
            assertThatThrownBy(() -> db.runInTransaction(tx -> ro.runInTransaction(inner -> { })))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("read-only");
        });
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void savepointUndoesOnlyTheNestedWork(Target target) throws Exception {
        target.withTable("sp", "id INTEGER PRIMARY KEY", (db, t) -> {
            db.runInTransaction(tx -> {
                tx.execute("INSERT INTO " + t + " (id) VALUES (?)", 1);
                assertThatThrownBy(() -> tx.runInSavepoint(sp -> {
                    sp.execute("INSERT INTO " + t + " (id) VALUES (?)", 2);
                    throw new IllegalStateException("undo 2");
                })).hasMessage("undo 2");
                tx.runInSavepoint(sp -> sp.execute("INSERT INTO " + t + " (id) VALUES (?)", 3));
                // a failed statement inside a savepoint: on PostgreSQL the transaction stays usable afterwards
                assertThatThrownBy(() -> tx.runInSavepoint(sp -> sp.execute("INSERT INTO " + t + " (id) VALUES (?)", 1)))
                        .isInstanceOf(DatabaseException.class);
                tx.execute("INSERT INTO " + t + " (id) VALUES (?)", 4);
            });
            assertThat(db.query("SELECT id FROM " + t + " ORDER BY id").fetchAll(Integer.class)).containsExactly(1, 3, 4);
            // outside a transaction a savepoint block is a transaction of its own
            assertThatThrownBy(() -> db.runInSavepoint(sp -> {
                sp.execute("INSERT INTO " + t + " (id) VALUES (?)", 5);
                throw new IllegalStateException("undo 5");
            })).hasMessage("undo 5");
            assertThat(db.query("SELECT COUNT(*) FROM " + t).fetchOne(Long.class)).contains(3L);
        });
    }

    @ParameterizedTest
    @EnumSource(value = Target.class, names = {"H2"})
    void anotherIsolationInsideAnOpenTransactionIsRefused(Target target) {
        try (ConnectionStrategy pool = Database.pool(target.config("isojoin").withPoolSize(1).build())) {
            DatabaseOperator db = DatabaseOperator.of(pool);
            assertThatThrownBy(() -> db.withIsolation(IsolationLevel.READ_COMMITTED).runInTransaction(tx ->
                    db.withIsolation(IsolationLevel.SERIALIZABLE).runInTransaction(inner -> { })))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("cannot run at isolation SERIALIZABLE inside the transaction already open on '" + pool.name()
                            + "' on this thread: the isolation level is set when a transaction begins");
            assertThatThrownBy(() -> db.withIsolation(null))
                    .hasMessage("isolation (valid values: [DEFAULT, READ_UNCOMMITTED, READ_COMMITTED, REPEATABLE_READ, "
                            + "SERIALIZABLE]) must not be null");
        }
    }
}
