package io.multirunnable.tests.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.multirunnable.persistence.DatabaseException;
import io.multirunnable.persistence.DatabaseOperator;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 13, defect 2: bound values never reach our exception messages (they stay in the
 * driver's exception, the cause). The message keeps the SQLState, the SQL, the batch and the pool.
 */
class ErrorMessageValuesTest {
    private static final String DUPLICATE = "dup-value-7391";

    @ParameterizedTest
    @EnumSource(value = Target.class, names = {"MARIADB", "MARIADB_CJ", "POSTGRESQL", "SQLITE"})
    void executeManyWithOneDuplicateKeyNamesNoValue(Target target) throws Exception {
        target.withTable("msgvals", "id INTEGER PRIMARY KEY, name VARCHAR(60) NOT NULL UNIQUE", (db, t) -> {
            List<List<?>> rows = new ArrayList<>();
            for (int i = 0; i < 1_000; i++) {
                rows.add(List.of(i, i == 0 || i == 700 ? DUPLICATE : "person-value-" + i));
            }
            String sql = "INSERT INTO " + t + " (id, name) VALUES (?, ?)";
            DatabaseException e = catchThrowableOfType(DatabaseException.class, () -> db.executeMany(sql, rows));

            assertThat(e.getMessage())
                    .startsWith("executeMany failed on '" + db.strategy().name() + "' (" + target.driver + "): ")
                    .contains(" in batch 1 (parameter sets 0..999, batch size 1000)")
                    .endsWith("; SQL: " + sql)
                    .doesNotContain(DUPLICATE).doesNotContain("person-value-").doesNotContain("Key (")
                    .doesNotContain("Duplicate entry");
            assertThat(e.getMessage().length()).isLessThan(400);
            if (target.isServer()) { // SQLite gives no SQLState, only its result code
                assertThat(e.sqlState()).startsWith("23");
                assertThat(e.getMessage()).contains("integrity constraint violation [SQLState " + e.sqlState());
                // the value is in the driver's own text, the cause: proof the message dropped it rather than never had it
                assertThat(driverText(e)).contains(DUPLICATE);
            }
            assertThat(target.count(t)).isZero();
        });
    }

    @ParameterizedTest
    @EnumSource(value = Target.class, names = {"MARIADB", "MARIADB_CJ", "POSTGRESQL"})
    void laterBatchIsNamedWithItsRange(Target target) throws Exception {
        target.withTable("msgbatch", "id INTEGER PRIMARY KEY, name VARCHAR(60)", (db, t) -> {
            DatabaseOperator batches = db.withBatchSize(100);
            List<List<?>> rows = new ArrayList<>();
            for (int i = 0; i < 350; i++) {
                rows.add(List.of(i == 260 ? 5 : i, "v" + i));
            }
            DatabaseException e = catchThrowableOfType(DatabaseException.class,
                    () -> batches.executeMany("INSERT INTO " + t + " (id, name) VALUES (?, ?)", rows));
            assertThat(e.getMessage()).contains(" in batch 3 (parameter sets 200..299, batch size 100)")
                    .doesNotContain("v260");
        });
    }

    @ParameterizedTest
    @EnumSource(value = Target.class, names = {"MARIADB", "MARIADB_CJ", "POSTGRESQL"})
    void singleExecuteDuplicateNamesNoValue(Target target) throws Exception {
        target.withTable("msgone", "id INTEGER PRIMARY KEY, name VARCHAR(60)", (db, t) -> {
            db.execute("INSERT INTO " + t + " (id, name) VALUES (?, ?)", 42424242, "a");
            DatabaseException e = catchThrowableOfType(DatabaseException.class,
                    () -> db.execute("INSERT INTO " + t + " (id, name) VALUES (?, ?)", 42424242, "b"));
            assertThat(e.getMessage()).startsWith("execute failed on '" + db.strategy().name() + "'").doesNotContain("42424242");
            assertThat(driverText(e)).contains("42424242");
        });
    }

    private static String driverText(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            all.append(c.getMessage()).append('\n');
            if (c instanceof SQLException s) {
                for (SQLException n = s.getNextException(); n != null; n = n.getNextException()) {
                    all.append(n.getMessage()).append('\n');
                }
            }
        }
        return all.toString();
    }
}
