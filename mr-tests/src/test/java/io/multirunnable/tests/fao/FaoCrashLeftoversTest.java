package io.multirunnable.tests.fao;

import static org.assertj.core.api.Assertions.assertThat;

import io.multirunnable.fao.Fao;
import io.multirunnable.fao.SavingStrategy;
import io.multirunnable.tests.support.TestEnv;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 13, crash leftovers: a writer JVM killed with kill -9 mid-save leaves its hidden
 * temporary file (and, for xlsx, POI's row buffer) beside the target. A later save of the same
 * target removes them once the writer is dead, and leaves them alone while it lives.
 */
class FaoCrashLeftoversTest {
    @TempDir
    Path dir;

    private List<String> hidden() throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).sorted().toList();
        }
    }

    private static Process startChild(Path target, String format) throws Exception {
        return new ProcessBuilder(TestEnv.javaLauncher().toString(), "-Xmx128m", "-cp", TestEnv.childClassPath(FaoCrashChild.class),
                "-Djava.io.tmpdir=" + target.getParent().resolve("child-tmp"),
                FaoCrashChild.class.getName(), target.toString(), format).redirectErrorStream(true).start();
    }

    private static void awaitReady(Process child) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        String line;
        while ((line = out.readLine()) != null) {
            if (line.equals("READY")) {
                Thread.ofPlatform().daemon().start(() -> drain(out)); // keep the child's pipe from filling
                return;
            }
            seen.append(line).append('\n');
        }
        throw new AssertionError("the child ended before it was ready:\n" + seen);
    }

    private static void drain(BufferedReader out) {
        try {
            while (out.readLine() != null) {
                // discard
            }
        } catch (java.io.IOException ignored) {
            // the child was killed
        }
    }

    /** csv and xlsx, each {@code -Dmr.fao.loops} times (default once) for loop runs. */
    static Stream<String> formats() {
        return IntStream.range(0, Integer.getInteger("mr.fao.loops", 1)).boxed().flatMap(i -> Stream.of("csv", "xlsx-poi", "xlsx-fastexcel"));
    }

    @ParameterizedTest
    @MethodSource("formats")
    void aLaterSaveRemovesTheTemporaryFilesOfAKilledWriterButNotOfALiveOne(String format) throws Exception {
        Path target = dir.resolve("out." + (format.startsWith("xlsx") ? "xlsx" : format));
        Files.createDirectory(dir.resolve("child-tmp"));
        Process child = startChild(target, format);
        try {
            awaitReady(child);
            List<String> leftovers = hidden();
            String prefix = "." + target.getFileName() + "." + child.pid() + "-";
            assertThat(leftovers).as("the writer's temporary file is named after the target and its process")
                    .anyMatch(n -> n.startsWith(prefix) && n.endsWith(".tmp") && !n.endsWith(".sxssf.tmp"));
            if (format.equals("xlsx-poi")) {
                assertThat(leftovers).as("POI's row buffer goes beside the target, not to java.io.tmpdir")
                        .anyMatch(n -> n.startsWith(prefix) && n.endsWith(".sxssf.tmp"));
                try (Stream<Path> tmp = Files.list(dir.resolve("child-tmp"))) {
                    assertThat(tmp.toList()).as("nothing in the child's java.io.tmpdir").isEmpty();
                }
            }

            // a live writer's files survive another writer's save of the same target
            try (Fao fao = Fao.of(SavingStrategy.ALL_THREADS_ONE_FILE)) {
                fao.save(format, target, List.of("n", "s"), List.of(List.of(1, "parent")));
            }
            assertThat(hidden()).containsAll(leftovers);

            child.destroyForcibly(); // SIGKILL: no shutdown hook, no finally
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(hidden()).as("kill -9 left the files behind").containsAll(leftovers);

            try (Fao fao = Fao.of(SavingStrategy.ALL_THREADS_ONE_FILE)) {
                fao.save(format, target, List.of("n", "s"), List.of(List.of(2, "after the crash")));
            }
            assertThat(hidden()).as("the dead writer's files are removed by the next save").isEmpty();
            assertThat(ReadBack.read(format, target, true).rows()).containsExactly(List.of("2", "after the crash"));
        } finally {
            child.destroyForcibly();
        }
    }
}
