package io.multirunnable.tests.modulepath;

import static org.assertj.core.api.Assertions.assertThat;

import io.multirunnable.tests.support.TestEnv;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A third-party driver plugin, written and built outside this repository the way README's
 * "Writing a driver plugin" says: its module is compiled with {@code javac --module-path} against
 * our built jars only, its test module extends {@code DatabaseDriverContract} from the kit jar,
 * and the kit runs in a fresh JVM with {@code --module-path} only (no class path), through the
 * JUnit Platform launcher. Every contract test must run and pass on the plugin (an H2 driver:
 * a database we do not ship).
 */
class ThirdPartyPluginKitTest {

    @TempDir
    Path dir;

    /**
     * The jars a plugin author compiles the plugin against, and no more: the persistence SPI and the
     * modules it {@code requires transitive} (README "Writing a driver plugin" lists the same three).
     */
    private static final String[] PLUGIN_COMPILE = {"mr-api", "mr-persistence-spi", "HikariCP"};

    /** What the test module adds: the kit and JUnit's API (AssertJ comes with the kit at run time). */
    private static final String[] TEST_COMPILE = {"mr-persistence-tck", "junit-jupiter-api", "junit-platform-commons",
        "opentest4j", "apiguardian", "junit-platform-launcher", "junit-platform-engine"};

    /** What running adds: the executors (mr-core), HikariCP's slf4j-api, JUnit's engine, AssertJ and the H2 JDBC driver. */
    private static final String[] RUN = {"mr-core", "slf4j-api", "junit-jupiter-engine", "assertj-core", "byte-buddy",
        "com/h2database"};

    private static final Map<String, String> PLUGIN = Map.of(
            "module-info.java", """
                    module com.example.persistence.h2 {
                        requires io.multirunnable.persistence;
                        requires java.sql;
                        provides io.multirunnable.persistence.spi.DatabaseDriver with com.example.persistence.h2.H2Driver;
                    }
                    """,
            "com/example/persistence/h2/H2Driver.java", """
                    package com.example.persistence.h2;

                    import io.multirunnable.persistence.spi.DatabaseDriver;
                    import java.util.List;
                    import java.util.Map;

                    public final class H2Driver implements DatabaseDriver {
                        public String name() { return "h2"; }
                        public List<String> urlPrefixes() { return List.of("jdbc:h2:"); }
                        public Map<String, String> defaultProperties() { return Map.of("DB_CLOSE_DELAY", "-1"); }
                    }
                    """);

    private static final Map<String, String> TESTS = Map.of(
            "module-info.java", """
                    open module com.example.persistence.h2.test {
                        requires io.multirunnable.persistence.tck;
                        requires org.junit.platform.launcher;
                    }
                    """,
            "com/example/persistence/h2/test/H2DriverContractTest.java", """
                    package com.example.persistence.h2.test;

                    import io.multirunnable.persistence.tck.DatabaseDriverContract;

                    public class H2DriverContractTest extends DatabaseDriverContract {
                        protected String jdbcUrl() { return "jdbc:h2:mem:contract;DB_CLOSE_DELAY=-1"; }
                        protected String driverName() { return "h2"; }
                    }
                    """,
            "com/example/persistence/h2/test/RunKit.java", """
                    package com.example.persistence.h2.test;

                    import org.junit.platform.engine.discovery.DiscoverySelectors;
                    import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
                    import org.junit.platform.launcher.core.LauncherFactory;
                    import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

                    public class RunKit {
                        public static void main(String[] args) {
                            var summary = new SummaryGeneratingListener();
                            LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                                    .selectors(DiscoverySelectors.selectClass(H2DriverContractTest.class)).build(), summary);
                            var s = summary.getSummary();
                            s.getFailures().forEach(f -> f.getException().printStackTrace());
                            System.out.println("found " + s.getTestsFoundCount() + " succeeded " + s.getTestsSucceededCount()
                                    + " failed " + s.getTestsFailedCount() + " aborted " + s.getTestsAbortedCount());
                        }
                    }
                    """);

    @Test
    void aPluginBuiltOutsideTheRepositoryRunsTheWholeDriverContractOnTheModulePath() throws Exception {
        List<Path> pluginPath = TestEnv.modulePathEntries(PLUGIN_COMPILE);
        assertThat(pluginPath).as("jars to compile the plugin against").hasSize(PLUGIN_COMPILE.length);
        Path plugin = compile("plugin", PLUGIN, pluginPath);

        List<Path> testPath = new ArrayList<>(pluginPath);
        testPath.addAll(TestEnv.modulePathEntries(TEST_COMPILE));
        testPath.add(plugin);
        Path tests = compile("tests", TESTS, testPath);

        List<Path> runPath = new ArrayList<>(testPath);
        runPath.addAll(TestEnv.modulePathEntries(RUN));
        runPath.add(tests);
        ConsumerModules.Result run = ConsumerModules.java(List.of(
                "--module-path", runPath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)),
                "--add-modules", "ALL-MODULE-PATH",
                "--module", "com.example.persistence.h2.test/com.example.persistence.h2.test.RunKit"));
        assertThat(run.exit()).as(run.output()).isZero();
        Class<?> kit = Class.forName("io.multirunnable.persistence.tck.DatabaseDriverContract");
        // the contract's own tests and those of its @Nested suites (generated keys, named parameters)
        long contractTests = Stream.concat(Stream.of(kit),
                        Stream.of(kit.getClasses()).filter(c -> c.isAnnotationPresent(org.junit.jupiter.api.Nested.class)))
                .flatMap(c -> Stream.of(c.getMethods()))
                .filter(m -> m.isAnnotationPresent(Test.class)).count();
        assertThat(contractTests).isGreaterThanOrEqualTo(13);
        assertThat(run.output()).as(run.output())
                .contains("found " + contractTests + " succeeded " + contractTests + " failed 0 aborted 0");
    }

    /** Compiles every source of {@code sources} (relative path to text) as one module into {@code dir/<name>-classes}. */
    private Path compile(String name, Map<String, String> sources, List<Path> modulePath) throws IOException {
        Path src = dir.resolve(name + "-src");
        Path out = dir.resolve(name + "-classes");
        List<String> args = new ArrayList<>(List.of("-d", out.toString(), "--release", "21", "--module-path",
                modulePath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator))));
        for (Map.Entry<String, String> e : sources.entrySet()) {
            Path file = src.resolve(e.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, e.getValue());
            args.add(file.toString());
        }
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = ToolProvider.getSystemJavaCompiler().run(null, null, err, args.toArray(String[]::new));
        assertThat(rc).as("javac " + name + ": " + err.toString(StandardCharsets.UTF_8)).isZero();
        return out;
    }
}
