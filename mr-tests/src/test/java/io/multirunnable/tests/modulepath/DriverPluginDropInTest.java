package io.multirunnable.tests.modulepath;

import static org.assertj.core.api.Assertions.assertThat;

import io.multirunnable.tests.support.TestEnv;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.tools.ToolProvider;
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
        Path classes = compile(base);
        String url = "jdbc:sqlite:" + dir.resolve("drop-in.db");

        String without = java(join(classes, base), url);
        assertThat(without).contains("drivers []");
        assertThat(without).contains("error No DatabaseDriver accepts the JDBC URL", "installed: []. Add the driver plugin module");

        List<Path> withPlugin = new ArrayList<>(base);
        withPlugin.addAll(TestEnv.modulePathEntries("mr-persistence-sqlite", "sqlite-jdbc"));
        String with = java(join(classes, withPlugin), url);
        assertThat(with).contains("drivers [sqlite]", "sum 3");
    }

    private Path compile(List<Path> modulePath) throws Exception {
        Path src = dir.resolve("src");
        Path out = dir.resolve("classes");
        Files.createDirectories(src.resolve("app"));
        Files.writeString(src.resolve("module-info.java"), "module consumer.db { requires io.multirunnable.persistence; }");
        Files.writeString(src.resolve("app/Main.java"), MAIN);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = ToolProvider.getSystemJavaCompiler().run(null, null, err, "-d", out.toString(), "--release", "21",
                "--module-path", modulePath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)),
                src.resolve("module-info.java").toString(), src.resolve("app/Main.java").toString());
        assertThat(rc).as(err.toString(StandardCharsets.UTF_8)).isZero();
        return out;
    }

    private static String join(Path first, List<Path> rest) {
        List<String> all = new ArrayList<>();
        all.add(first.toString());
        rest.forEach(p -> all.add(p.toString()));
        return String.join(File.pathSeparator, all);
    }

    private static String java(String modulePath, String url) throws Exception {
        Process p = new ProcessBuilder(TestEnv.javaLauncher().toString(), "--module-path", modulePath, "--module", "consumer.db/app.Main", url).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return out;
    }
}
