package io.multirunnable.tests.modulepath;

import static org.assertj.core.api.Assertions.assertThat;

import io.multirunnable.tests.support.TestEnv;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A consumer module that {@code requires io.multirunnable.persistence} is run twice with
 * {@code --module-path} only: without any driver plugin (it is told which are installed: none),
 * then with the SQLite plugin jar and its JDBC driver dropped onto the module path, where the
 * plugin is discovered and used with no change to the consumer.
 */
class DriverPluginDropInTest {

    @TempDir
    Path dir;

    private static final String MAIN = """
            package app;

            import io.multirunnable.persistence.Database;
            import io.multirunnable.persistence.DatabaseConfig;
            import io.multirunnable.persistence.DatabaseOperator;
            import io.multirunnable.persistence.ConnectionStrategy;

            public class Main {
                public static void main(String[] args) throws Exception {
                    System.out.println("drivers " + Database.drivers().stream().map(d -> d.name()).toList());
                    try (ConnectionStrategy db = Database.singleConnection(DatabaseConfig.builder(args[0]).build())) {
                        DatabaseOperator op = DatabaseOperator.of(db);
                        op.execute("CREATE TABLE t (x INTEGER)");
                        op.executeMany("INSERT INTO t (x) VALUES (?)", java.util.List.of(java.util.List.of(1), java.util.List.of(2)));
                        System.out.println("sum " + op.query("SELECT SUM(x) FROM t").fetchOne(Long.class).orElseThrow());
                    } catch (IllegalArgumentException e) {
                        System.out.println("error " + e.getMessage());
                    }
                }
            }
            """;

    @Test
    void droppingTheSqlitePluginJarOntoTheModulePathMakesItsDriverAvailable() throws Exception {
        List<Path> base = TestEnv.modulePathEntries("mr-api", "mr-persistence-spi", "HikariCP", "slf4j-api");
        Path classes = ConsumerModules.compile(dir, "consumer.db", "module consumer.db { requires io.multirunnable.persistence; }",
                MAIN, base);
        String url = "jdbc:sqlite:" + dir.resolve("drop-in.db");

        String without = run(ConsumerModules.path(classes, base), url);
        assertThat(without).contains("drivers []");
        assertThat(without).contains("error No DatabaseDriver accepts the JDBC URL", "installed: []. Add the driver plugin module");

        List<Path> withPlugin = new ArrayList<>(base);
        withPlugin.addAll(TestEnv.modulePathEntries("mr-persistence-sqlite", "sqlite-jdbc"));
        String with = run(ConsumerModules.path(classes, withPlugin), url);
        assertThat(with).contains("drivers [sqlite]", "sum 3");
    }

    private static String run(String modulePath, String url) throws Exception {
        return ConsumerModules.java(List.of("--module-path", modulePath, "--module", "consumer.db/app.Main", url)).output();
    }
}
