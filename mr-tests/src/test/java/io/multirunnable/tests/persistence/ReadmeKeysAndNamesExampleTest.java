package io.multirunnable.tests.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.multirunnable.persistence.ConnectionStrategy;
import io.multirunnable.persistence.Database;
import io.multirunnable.persistence.DatabaseOperator;
import io.multirunnable.persistence.Params;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The README's "Generated keys and named parameters" example, run as written (table name, key
 * column syntax and URL aside) on every shipped plugin, on the module path as a user's module.
 */
class ReadmeKeysAndNamesExampleTest {

    /** As in the README; this test module is open, so the persistence module can read it. */
    record Account(long id, String owner, BigDecimal balance) {
    }

    static List<Target> shipped() {
        return Target.shipped();
    }

    private static String keyColumn(Target target) {
        return switch (target) {
            case POSTGRESQL -> "BIGSERIAL PRIMARY KEY";
            case SQLITE -> "INTEGER PRIMARY KEY";
            default -> "BIGINT AUTO_INCREMENT PRIMARY KEY";
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shipped")
    void readmeExampleRuns(Target target) {
        String account = target.table("readme_account");
        try (ConnectionStrategy pool = Database.pool(target.config("readme-keys").withPoolSize(2).build())) {
            DatabaseOperator db = DatabaseOperator.of(pool);
            db.execute("CREATE TABLE " + account + " (id " + keyColumn(target) + ", owner VARCHAR(100), balance NUMERIC(12,2))");

            long id = db.returningKeys("id").insert("INSERT INTO " + account + " (owner, balance) VALUES (?, ?)", "Ada", 10);
            List<Long> ids = db.returningKeys("id").insertMany("INSERT INTO " + account + " (owner, balance) VALUES (?, ?)",
                    List.of(List.of("Grace", 20), List.of("Linus", 30)));

            db.execute("UPDATE " + account + " SET balance = balance + :amount WHERE id = :id",
                    Params.of("id", id).and("amount", 5));
            List<Account> rich = db.query("SELECT * FROM " + account + " WHERE balance >= :min", Params.of(Map.of("min", 20)))
                    .fetchAll(Account.class);
            db.executeManyNamed("INSERT INTO " + account + " (owner, balance) VALUES (:owner, :balance)",
                    List.of(new Account(0, "Ken", BigDecimal.ONE), new Account(0, "Dennis", BigDecimal.TEN)));
            long kenId = db.returningKeys("id").insert("INSERT INTO " + account + " (owner) VALUES (:owner)",
                    Params.of("owner", "Ken"));

            assertThat(ids).hasSize(2).doesNotContain(id);
            assertThat(rich).extracting(Account::owner).containsExactlyInAnyOrder("Grace", "Linus");
            assertThat(db.query("SELECT owner FROM " + account + " WHERE id = ?", ids.get(1)).fetchOne(String.class))
                    .contains("Linus");
            assertThat(db.query("SELECT balance FROM " + account + " WHERE id = :id", Params.of("id", id))
                    .fetchOne(BigDecimal.class)).hasValueSatisfying(b -> assertThat(b).isEqualByComparingTo("15"));
            assertThat(db.query("SELECT owner FROM " + account + " WHERE id = ?", kenId).fetchOne(String.class)).contains("Ken");
            assertThat(db.query("SELECT COUNT(*) FROM " + account).fetchOne(Long.class)).contains(6L);
            assertThat(pool.activeConnections()).isZero();
        } finally {
            target.drop(account);
        }
    }
}
