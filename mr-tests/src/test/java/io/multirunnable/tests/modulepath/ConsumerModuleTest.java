package io.multirunnable.tests.modulepath;

import static org.assertj.core.api.Assertions.assertThat;

import io.multirunnable.tests.support.TestEnv;
import java.io.File;
import java.io.IOException;
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
 * Compiles small consumer modules against our jars and runs them in a fresh JVM with
 * {@code --module-path} only (no class path, no --add-opens), as a user's application would.
 */
class ConsumerModuleTest {

    @TempDir
    Path dir;

    private static final String RUNNER_MAIN = """
            package app;

            import io.multirunnable.RunningMode;
            import io.multirunnable.SimpleExecutor;
            import io.multirunnable.WorkerContext;

            public class Main {
                public static void main(String[] args) throws Exception {
                    for (RunningMode mode : RunningMode.values()) {
                        try (SimpleExecutor ex = SimpleExecutor.builder(mode).withWorkers(3).withName("app").build()) {
                            var results = ex.run(() -> WorkerContext.current().name());
                            System.out.println(mode + " " + results.stream().map(r -> r.value()).toList());
                        }
                    }
                    System.out.println("module " + Main.class.getModule().getName());
                }
            }
            """;

    @Test
    void aModuleRequiringCoreRunsTasksInEveryMode() throws Exception {
        Path classes = compile("consumer.core", "module consumer.core { requires io.multirunnable.core; }", RUNNER_MAIN,
                TestEnv.modulePathEntries("mr-api", "mr-core"));
        Result run = java(List.of("--module-path", join(classes, TestEnv.modulePathEntries("mr-api", "mr-core")),
                "--module", "consumer.core/app.Main"));
        assertThat(run.exit).as(run.output).isZero();
        assertThat(run.output).contains(
                "PARALLEL [app-worker-1, app-worker-2, app-worker-3]",
                "CONCURRENT [app-worker-1, app-worker-2, app-worker-3]",
                "GREEN_THREAD [app-worker-1, app-worker-2, app-worker-3]",
                "ASYNCHRONOUS [app-worker-1, app-worker-2, app-worker-3]",
                "module consumer.core");
    }

    @Test
    void coreIsFoundByServiceBindingAndItsAbsenceIsExplained() throws Exception {
        Path classes = compile("consumer.api", "module consumer.api { requires io.multirunnable.api; }", RUNNER_MAIN,
                TestEnv.modulePathEntries("mr-api"));

        Result withCore = java(List.of("--module-path", join(classes, TestEnv.modulePathEntries("mr-api", "mr-core")),
                "--module", "consumer.api/app.Main"));
        assertThat(withCore.exit).as(withCore.output).isZero();
        assertThat(withCore.output).contains("GREEN_THREAD [app-worker-1, app-worker-2, app-worker-3]");

        Result withoutCore = java(List.of("--module-path", join(classes, TestEnv.modulePathEntries("mr-api")),
                "--module", "consumer.api/app.Main"));
        assertThat(withoutCore.exit).isNotZero();
        assertThat(withoutCore.output).contains("No RunnerProvider found on the module path or class path: "
                + "add the module io.multirunnable.core (Maven artifact io.multirunnable:mr-core)");
    }

    @Test
    void classPathUseKeepsWorkingThroughMetaInfServices() throws Exception {
        Path classes = compile("consumer.cp", "module consumer.cp { requires io.multirunnable.api; }", RUNNER_MAIN,
                TestEnv.modulePathEntries("mr-api"));
        Files.delete(classes.resolve("module-info.class"));
        Result run = java(List.of("-cp", join(classes, TestEnv.modulePathEntries("mr-api", "mr-core")), "app.Main"));
        assertThat(run.exit).as(run.output).isZero();
        assertThat(run.output).contains("CONCURRENT [app-worker-1, app-worker-2, app-worker-3]", "module null");
    }

    private Path compile(String module, String descriptor, String main, List<Path> modulePath) throws IOException {
        Path src = dir.resolve(module + "-src");
        Path out = dir.resolve(module + "-classes");
        Files.createDirectories(src.resolve("app"));
        Files.writeString(src.resolve("module-info.java"), descriptor);
        Files.writeString(src.resolve("app/Main.java"), main);
        List<String> args = new ArrayList<>(List.of("-d", out.toString(), "--release", "21",
                "--module-path", modulePath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)),
                src.resolve("module-info.java").toString(), src.resolve("app/Main.java").toString()));
        var err = new java.io.ByteArrayOutputStream();
        int rc = ToolProvider.getSystemJavaCompiler().run(null, null, err, args.toArray(String[]::new));
        assertThat(rc).as("javac: " + err.toString(StandardCharsets.UTF_8)).isZero();
        return out;
    }

    private static String join(Path first, List<Path> rest) {
        List<String> all = new ArrayList<>();
        all.add(first.toString());
        rest.forEach(p -> all.add(p.toString()));
        return String.join(File.pathSeparator, all);
    }

    private record Result(int exit, String output) {
    }

    private static Result java(List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(TestEnv.javaLauncher().toString());
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out);
    }
}
