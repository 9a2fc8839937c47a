package io.multirunnable.tests.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.multirunnable.persistence.ConnectionStrategy;
import io.multirunnable.persistence.Database;
import io.multirunnable.persistence.DatabaseOperator;
import io.multirunnable.persistence.Params;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Prints what returning generated keys and {@code :name} parameters cost against plain
 * {@code executeMany} with {@code ?}: 100,000 inserts into a table with a generated key, each way
 * three times (the best run printed). Opt-in (slow) and asserts only row and key counts, never the
 * times:
 * {@code mvn -B -ntp -pl mr-tests -am verify -Dtest=KeysTimingReport -Dsurefire.failIfNoSpecifiedTests=false -Dmr.timing=true}
 */
@EnabledIfSystemProperty(named = "mr.timing", matches = "true")
class KeysTimingReport {
    private static final int ROWS = Integer.getInteger("mr.timing.rows", 100_000);

    static List<Target> shipped() {
        return Target.shipped();
    }

    enum Way { EXECUTE_MANY, INSERT_MANY_KEYS, EXECUTE_MANY_NAMED, INSERT_MANY_NAMED_KEYS }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shipped")
    void keysAndNamesVersusPlainBatches(Target target) throws Exception {
        List<List<Object>> rows = IntStream.range(0, ROWS)
                .mapToObj(i -> Arrays.<Object>asList("name " + i, i * 0.5)).toList();
        List<Params> named = IntStream.range(0, ROWS).mapToObj(i -> Params.of("name", "name " + i).and("score", i * 0.5))
                .toList();
        String key = switch (target) {
            case POSTGRESQL -> "BIGSERIAL PRIMARY KEY";
            case SQLITE -> "INTEGER PRIMARY KEY";
            default -> "BIGINT AUTO_INCREMENT PRIMARY KEY";
        };
        for (Way way : Way.values()) {
            List<Long> times = new ArrayList<>();
            for (int run = 0; run < 3; run++) {
                String t = target.table("keytiming");
                try (ConnectionStrategy pool = Database.pool(target.config("keytiming").withPoolSize(1).build())) {
                    DatabaseOperator db = DatabaseOperator.of(pool);
                    db.execute("CREATE TABLE " + t + " (id " + key + ", name VARCHAR(50), score DOUBLE PRECISION)");
                    String positional = "INSERT INTO " + t + " (name, score) VALUES (?, ?)";
                    String byName = "INSERT INTO " + t + " (name, score) VALUES (:name, :score)";
                    long t0 = System.nanoTime();
                    long n = switch (way) {
                        case EXECUTE_MANY -> db.executeMany(positional, rows);
                        case INSERT_MANY_KEYS -> db.returningKeys("id").insertMany(positional, rows).size();
                        case EXECUTE_MANY_NAMED -> db.executeManyNamed(byName, named);
                        case INSERT_MANY_NAMED_KEYS -> db.returningKeys("id").insertManyNamed(byName, named).size();
                    };
                    times.add((System.nanoTime() - t0) / 1_000_000);
                    assertThat(n).isEqualTo(ROWS);
                    assertThat(target.count(t)).isEqualTo(ROWS);
                } finally {
                    target.drop(t);
                }
            }
            long best = times.stream().mapToLong(Long::longValue).min().orElseThrow();
            System.out.printf("[timing] %-10s %,d rows  %-24s best %,6d ms of %s  (%,.0f rows/s)%n", target, ROWS, way, best,
                    times, ROWS * 1000.0 / Math.max(1, best));
        }
    }
}
