package io.multirunnable.tests.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.multirunnable.RunningMode;
import io.multirunnable.SimpleExecutor;
import io.multirunnable.WorkerContext;
import io.multirunnable.persistence.ConnectionStrategy;
import io.multirunnable.persistence.Cursor;
import io.multirunnable.persistence.Dao;
import io.multirunnable.persistence.Database;
import io.multirunnable.persistence.DatabaseConfig;
import io.multirunnable.persistence.DatabaseOperator;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The README's persistence example, run as written (table name and URL aside) on every shipped plugin. */
class ReadmeExampleTest {

    record Person(long id, String name, LocalDateTime createdAt) {
    }

    static final class PersonDao extends Dao {
        private final String table;

        PersonDao(ConnectionStrategy db, String table) {
            super(db);
            this.table = table;
        }

        void add(Person p) {
            execute("INSERT INTO " + table + " (id, name) VALUES (?, ?)", p.id(), p.name());
        }

        Optional<Person> find(long id) {
            return query("SELECT id, name, created_at FROM " + table + " WHERE id = ?", id).fetchOne(Person.class);
        }

        void addBoth(Person a, Person b) {
            runInTransaction(tx -> {
                add(a);
                add(b);
            });
        }
    }

    static List<Target> shipped() {
        return Target.shipped();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shipped")
    void readmeExampleRuns(Target target) throws Exception {
        String person = target.table("readme_person");
        String poolName = "main-" + target;
        DatabaseConfig config = DatabaseConfig.builder(target.url())
                .withPoolName(poolName).withPoolSize(8)
                .withConnectionTimeout(Duration.ofSeconds(5))
                .build();
        try (ConnectionStrategy pool = Database.pool(config);
             SimpleExecutor executor = SimpleExecutor.of(RunningMode.GREEN_THREAD, 16)) {
            DatabaseOperator db = DatabaseOperator.of(pool);
            db.execute("CREATE TABLE " + person + " (id BIGINT PRIMARY KEY, name VARCHAR(100), created_at TIMESTAMP)");
            executor.run(() -> db.execute("INSERT INTO " + person + " (id, name) VALUES (?, ?)",
                    WorkerContext.current().id(), WorkerContext.current().name()));
            db.executeMany("INSERT INTO " + person + " (id, name) VALUES (?, ?)",
                    List.of(List.of(100, "Ada"), List.of(101, "Grace")));

            Optional<Map<String, Object>> row = db.query("SELECT * FROM " + person + " WHERE id = ?", 100).fetchOne();
            List<Person> firstTen = db.query("SELECT id, name, created_at FROM " + person + " ORDER BY id")
                    .fetchMany(10, Person.class);
            long count = db.query("SELECT COUNT(*) FROM " + person).fetchOne(Long.class).orElseThrow();
            try (Cursor<Person> cursor = db.query("SELECT id, name, created_at FROM " + person).open(Person.class)) {
                List<Person> page = cursor.fetchMany(500);
                assertThat(page).hasSize(18);
            }
            db.runInTransaction(tx -> {
                tx.execute("UPDATE " + person + " SET name = ? WHERE id = ?", "Ada L.", 100);
                tx.execute("DELETE FROM " + person + " WHERE id = ?", 101);
            });
            assertThat(Database.pool(poolName)).isSameAs(pool);

            assertThat(row).isPresent();
            assertThat(firstTen).hasSize(10).extracting(Person::id).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
            assertThat(firstTen.get(0).name()).matches("executor-\\d+-worker-1");
            assertThat(firstTen.get(0).createdAt()).isNull();
            assertThat(count).isEqualTo(18);

            PersonDao dao = new PersonDao(pool, person);
            dao.addBoth(new Person(200, "Linus", null), new Person(201, "Ken", null));
            assertThat(dao.find(200)).contains(new Person(200, "Linus", null));
            assertThat(dao.find(101)).isEmpty();
            assertThat(dao.find(100).map(Person::name)).contains("Ada L.");
        } finally {
            target.drop(person);
        }
    }
}
