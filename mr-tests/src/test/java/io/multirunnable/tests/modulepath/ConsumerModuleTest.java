package io.multirunnable.tests.modulepath;

import static org.assertj.core.api.Assertions.assertThat;

import io.multirunnable.tests.support.TestEnv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
        Path classes = ConsumerModules.compile(dir, "consumer.core", "module consumer.core { requires io.multirunnable.core; }", RUNNER_MAIN,
                TestEnv.modulePathEntries("mr-api", "mr-core"));
        ConsumerModules.Result run = ConsumerModules.java(List.of("--module-path", ConsumerModules.path(classes, TestEnv.modulePathEntries("mr-api", "mr-core")),
                "--module", "consumer.core/app.Main"));
        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).contains(
                "PARALLEL [app-worker-1, app-worker-2, app-worker-3]",
                "CONCURRENT [app-worker-1, app-worker-2, app-worker-3]",
                "GREEN_THREAD [app-worker-1, app-worker-2, app-worker-3]",
                "ASYNCHRONOUS [app-worker-1, app-worker-2, app-worker-3]",
                "module consumer.core");
    }

    @Test
    void coreIsFoundByServiceBindingAndItsAbsenceIsExplained() throws Exception {
        Path classes = ConsumerModules.compile(dir, "consumer.api", "module consumer.api { requires io.multirunnable.api; }", RUNNER_MAIN,
                TestEnv.modulePathEntries("mr-api"));

        ConsumerModules.Result withCore = ConsumerModules.java(List.of("--module-path", ConsumerModules.path(classes, TestEnv.modulePathEntries("mr-api", "mr-core")),
                "--module", "consumer.api/app.Main"));
        assertThat(withCore.exit()).as(withCore.output()).isZero();
        assertThat(withCore.output()).contains("GREEN_THREAD [app-worker-1, app-worker-2, app-worker-3]");

        ConsumerModules.Result withoutCore = ConsumerModules.java(List.of("--module-path", ConsumerModules.path(classes, TestEnv.modulePathEntries("mr-api")),
                "--module", "consumer.api/app.Main"));
        assertThat(withoutCore.exit()).isNotZero();
        assertThat(withoutCore.output()).contains("No RunnerProvider found on the module path or class path: "
                + "add the module io.multirunnable.core (Maven artifact io.multirunnable:mr-core)");
    }

    @Test
    void classPathUseKeepsWorkingThroughMetaInfServices() throws Exception {
        Path classes = ConsumerModules.compile(dir, "consumer.cp", "module consumer.cp { requires io.multirunnable.api; }", RUNNER_MAIN,
                TestEnv.modulePathEntries("mr-api"));
        Files.delete(classes.resolve("module-info.class"));
        ConsumerModules.Result run = ConsumerModules.java(List.of("-cp", ConsumerModules.path(classes, TestEnv.modulePathEntries("mr-api", "mr-core")), "app.Main"));
        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).contains("CONCURRENT [app-worker-1, app-worker-2, app-worker-3]", "module null");
    }
}
