package io.multirunnable.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.multirunnable.RunningMode;
import io.multirunnable.distributed.redis.DistributedWorker;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mr-demo --distributed} with a worker joined through {@code mr-demo worker}'s code path writes the same
 * report rows (but the worker column) and the same number of database rows as the local run.
 */
class DistributedDemoTest {

    private static String url() {
        String env = System.getenv("MR_REDIS_URL");
        return env == null || env.isBlank() ? "redis://127.0.0.1:6379" : env;
    }

    @Test
    void theDistributedScanWritesTheSameReportAndRowsAsTheLocalOne(@TempDir Path tmp) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("files"));
        Random random = new Random(42);
        for (int i = 0; i < 40; i++) {
            byte[] content = new byte[random.nextInt(20_000)];
            random.nextBytes(content);
            Files.write(Files.createDirectories(dir.resolve("d" + i % 4)).resolve("f" + i + ".bin"), content);
        }
        String pool = "mr-demo-test-" + ProcessHandle.current().pid();
        DistributedWorker worker;
        try {
            worker = DistributedScan.start(url(), pool, RunningMode.GREEN_THREAD, 4, 2, 3, new PrintStream(new ByteArrayOutputStream()));
        } catch (IllegalStateException unreachable) {
            if (Boolean.parseBoolean(System.getenv().getOrDefault("MR_REQUIRE_DATABASES", "false"))) {
                throw unreachable;
            }
            Assumptions.abort(unreachable.getMessage());
            return;
        }
        try {
            String distributed = run("--distributed", url(), "--pool", pool, "--no-progress", "--out",
                    tmp.resolve("dist").toString(), dir.toString());
            String local = run("--no-progress", "--out", tmp.resolve("local").toString(), dir.toString());
            assertThat(distributed).contains("scanned 40 files").contains("distributed pool '" + pool + "'")
                    .contains("40 rows in mr_demo_files");
            assertThat(local).contains("scanned 40 files").contains("40 rows in mr_demo_files");
            assertThat(withoutWorker(tmp.resolve("dist/report.csv"))).isEqualTo(withoutWorker(tmp.resolve("local/report.csv")));
            assertThat(Files.readAllLines(tmp.resolve("dist/report.csv")).subList(1, 41))
                    .allSatisfy(line -> assertThat(line).contains("@").contains("-worker-"));
        } finally {
            worker.close();
        }
    }

    private static String run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Demo.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).as("exit code; stderr: %s", err.toString(StandardCharsets.UTF_8)).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The report's rows without the worker column, sorted. */
    private static List<String> withoutWorker(Path csv) throws IOException {
        return Files.readAllLines(csv).stream().skip(1).map(l -> l.substring(0, l.lastIndexOf(','))).sorted().toList();
    }
}
