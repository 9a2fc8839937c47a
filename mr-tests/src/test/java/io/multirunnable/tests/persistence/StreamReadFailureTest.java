package io.multirunnable.tests.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.multirunnable.persistence.ConnectionLease;
import io.multirunnable.persistence.ConnectionStrategy;
import io.multirunnable.persistence.Cursor;
import io.multirunnable.persistence.Database;
import io.multirunnable.persistence.DatabaseException;
import io.multirunnable.persistence.DatabaseOperator;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A query that fails on the server after some rows were streamed (row 5,000 of 10,000, fetch size
 * 1,000). On PostgreSQL this is the rollback path of the transaction the library opens for
 * streaming (pgjdbc streams only with auto-commit off): the failed transaction is rolled back,
 * auto-commit is turned on again and the same connection goes back to the pool, usable, with no
 * "current transaction is aborted" left behind. On MariaDB (no such transaction) the same failure
 * must leave the connection as usable, through both JDBC drivers.
 *
 * <p>What is checked is the effect. Rollback and commit of the aborted transaction cannot be told
 * apart from outside: PostgreSQL answers a COMMIT of a failed transaction with a rollback, and
 * pgjdbc does not raise on that by default. The pool's auto-commit reset (HikariCP's) would also
 * hide a missing restore, hence the single-connection case.
 */
class StreamReadFailureTest {
    private static final int FETCH_SIZE = 1_000;

    /** Fails at row 5,000 only, once rows 1..4,999 have been produced and partly sent. */
    private static String failingSql(Target target) {
        return target == Target.POSTGRESQL ? "SELECT i, 1/(i-5000) FROM generate_series(1,10000) i"
                // MariaDB's division by zero is NULL and a warning in a SELECT; a subquery of two rows is an error
                : "SELECT seq, IF(seq = 5000, (SELECT 1 UNION ALL SELECT 2), 0) FROM seq_1_to_10000";
    }

    /** The text of the server's error, after the operation and the pool (no values: the SQL has none). */
    private static String expectedError(Target target) {
        return target == Target.POSTGRESQL ? "data exception [SQLState 22012]"
                : "cardinality violation [SQLState 21000, vendor code 1242]";
    }

    /**
     * The rows a caller gets before the error: pgjdbc and MariaDB Connector/J deliver whole fetches
     * of 1,000 and drop the one the error ends (rows 4,001..4,999); mysql-connector-j streams row by
     * row. Any of them shows that the failure came after the streaming began, not at execution.
     */
    private static int rowsBeforeTheError(Target target) {
        return switch (target) {
            case MARIADB -> 4_999;
            default -> 4_000; // POSTGRESQL, MARIADB_CJ
        };
    }

    @ParameterizedTest
    @EnumSource(value = Target.class, names = {"MARIADB", "MARIADB_CJ", "POSTGRESQL"})
    void cursorFailingHalfwayRollsBackAndGivesTheSameConnectionBackUsable(Target target) throws Exception {
        target.withTable("midfail", "id INTEGER", (db, t) -> {
            ConnectionStrategy pool = db.strategy();
            String sql = failingSql(target);
            long session = sessionOf(target, db);
            for (int round = 1; round <= 3; round++) { // more failures than the pool's one connection: a leak would show
                int[] read = {0};
                DatabaseException e;
                try (Cursor<Map<String, Object>> cursor = db.query(sql).withFetchSize(FETCH_SIZE).open()) {
                    assertThat(pool.activeConnections()).isEqualTo(1);
                    e = catchThrowableOfType(DatabaseException.class, () -> {
                        while (cursor.fetchOne().isPresent()) { // one by one: a failed fetchMany returns no row of its page
                            read[0]++;
                        }
                    });
                } // close after the failure: rollback, auto-commit back on; a failure here would throw
                assertThat(e).as("round %d", round).isNotNull()
                        .hasMessage("fetch failed on '" + pool.name() + "' (" + target.driver + "): "
                                + expectedError(target) + "; SQL: " + sql)
                        .hasCauseInstanceOf(SQLException.class);
                assertThat(e.getSuppressed()).isEmpty();
                assertRowsBeforeTheError(target, read[0]);
                assertGivenBackUsable(target, db, t, session, round);
            }
        });
    }

    @ParameterizedTest
    @EnumSource(value = Target.class, names = {"MARIADB", "MARIADB_CJ", "POSTGRESQL"})
    void fetchAllFailingHalfwayRollsBackAndGivesTheSameConnectionBackUsable(Target target) throws Exception {
        target.withTable("midfailall", "id INTEGER", (db, t) -> {
            String sql = failingSql(target);
            long session = sessionOf(target, db);
            for (int round = 1; round <= 3; round++) {
                DatabaseException e = catchThrowableOfType(DatabaseException.class,
                        () -> db.query(sql).withFetchSize(FETCH_SIZE).fetchAll());
                assertThat(e).as("round %d", round).isNotNull()
                        .hasMessage("fetchAll failed on '" + db.strategy().name() + "' (" + target.driver + "): "
                                + expectedError(target) + "; SQL: " + sql)
                        .hasCauseInstanceOf(SQLException.class);
                // the rollback of the streaming transaction would be a suppressed exception had it failed
                assertThat(e.getSuppressed()).isEmpty();
                assertGivenBackUsable(target, db, t, session, round);
            }
        });
    }

    /** A single connection has no pool to reset it: the library itself must turn auto-commit on again. */
    @ParameterizedTest
    @EnumSource(value = Target.class, names = {"MARIADB", "MARIADB_CJ", "POSTGRESQL"})
    void singleConnectionIsBackInAutoCommitAfterACursorFailedHalfway(Target target) throws Exception {
        String t = target.table("midfail1");
        try (ConnectionStrategy single = Database.singleConnection(target.config("midfail1").build())) {
            DatabaseOperator db = DatabaseOperator.of(single);
            db.execute("CREATE TABLE " + t + " (id INTEGER)");
            long session = sessionOf(target, db);
            String sql = failingSql(target);
            int[] read = {0};
            DatabaseException e;
            try (Cursor<Map<String, Object>> cursor = db.query(sql).withFetchSize(FETCH_SIZE).open()) {
                e = catchThrowableOfType(DatabaseException.class, () -> {
                    while (cursor.fetchOne().isPresent()) {
                        read[0]++;
                    }
                });
            }
            assertThat(e).hasMessage("fetch failed on '" + single.name() + "' (" + target.driver + "): "
                    + expectedError(target) + "; SQL: " + sql);
            assertRowsBeforeTheError(target, read[0]);
            try (ConnectionLease lease = single.acquire()) {
                assertThat(lease.connection().getAutoCommit()).isTrue();
            }
            assertGivenBackUsable(target, db, t, session, 1);
        } finally {
            target.drop(t);
        }
    }

    private static void assertRowsBeforeTheError(Target target, int read) {
        assertThat(read).as("rows read before the error").isEqualTo(rowsBeforeTheError(target));
    }

    /**
     * The connection is back in the pool (none active), it is the same server session (a failed
     * read is not a broken connection), and it is in auto-commit mode outside any transaction: the
     * next statement runs (no "current transaction is aborted") and is committed at once, as a
     * second connection sees.
     */
    private static void assertGivenBackUsable(Target target, DatabaseOperator db, String t, long session, int round)
            throws SQLException {
        assertThat(db.strategy().activeConnections()).as("connections taken after round %d", round).isZero();
        assertThat(sessionOf(target, db)).as("server session after round %d", round).isEqualTo(session);
        db.execute("INSERT INTO " + t + " (id) VALUES (?)", round);
        assertThat(target.count(t)).as("rows committed after round %d", round).isEqualTo(round);
    }

    private static long sessionOf(Target target, DatabaseOperator db) {
        return db.query(target.sessionIdSql()).fetchOne(Long.class).orElseThrow();
    }
}
