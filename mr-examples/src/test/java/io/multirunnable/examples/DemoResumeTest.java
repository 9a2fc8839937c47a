package io.multirunnable.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mr-demo --resume}: a scan killed with SIGKILL part-way (in a child JVM) is continued by
 * the next run with {@code --resume}, which reads only the files not yet in the report; the
 * report then lists every file exactly once (checked with Python's csv module).
 */
class DemoResumeTest {
    private static final int FILES = 1500;

    @Test
    void aKilledScanContinuesWhereItStopped(@TempDir Path tmp) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("files"));
        for (int i = 0; i < FILES; i++) {
            Files.writeString(Files.createDirectories(dir.resolve("d" + i % 10)).resolve("f" + i + ".txt"), "line\n".repeat(i % 7));
        }
        Path out = tmp.resolve("out");
        Path journal = out.resolve(".report.csv.resume");

        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "--enable-native-access=ALL-UNNAMED",
                // on the class path, as a user without modules runs it (the JDBC driver is found through META-INF/services)
                "-cp", System.getProperty("jdk.module.path", "") + java.io.File.pathSeparator + System.getProperty("java.class.path"),
                "io.multirunnable.examples.Demo",
                "--resume", "--no-progress", "--workers", "1", "--max-open", "1", "--out", out.toString(), dir.toString()));
        Process child = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (logBytes(journal) < 20_000) { // some files durable, most not yet read
                assertThat(child.isAlive()).as("the scan ended before it was killed:\n" + Files.readString(tmp.resolve("child.log")))
                        .isTrue();
                assertThat(System.nanoTime()).as("no progress").isLessThan(deadline);
                Thread.sleep(5);
            }
        } finally {
            child.destroyForcibly(); // SIGKILL
            child.waitFor(60, TimeUnit.SECONDS);
        }
        assertThat(Files.exists(out.resolve("report.csv"))).as("nothing published by the killed run").isFalse();

        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        int code = Demo.run(new String[] {"--resume", "--no-progress", "--out", out.toString(), dir.toString()},
                new PrintStream(stdout, true, StandardCharsets.UTF_8), new PrintStream(stderr, true, StandardCharsets.UTF_8));
        String printed = stdout.toString(StandardCharsets.UTF_8);
        assertThat(code).as("stderr: " + stderr.toString(StandardCharsets.UTF_8)).isZero();
        var m = java.util.regex.Pattern.compile("resuming: ([\\d,]+) of 1,500 files are in the report already; scanning the other ([\\d,]+)")
                .matcher(printed);
        assertThat(m.find()).as(printed).isTrue();
        int skipped = Integer.parseInt(m.group(1).replace(",", ""));
        assertThat(skipped).isPositive().isLessThan(FILES);
        assertThat(printed).contains("scanned " + String.format(java.util.Locale.ROOT, "%,d", FILES - skipped) + " files");
        assertThat(Files.exists(journal)).isFalse();

        Process py = new ProcessBuilder("python3", "-c", """
                import csv, sys, collections
                rows = list(csv.DictReader(open(sys.argv[1], newline='', encoding='utf-8')))
                c = collections.Counter(r['path'] for r in rows)
                print(len(rows), len(c), max(c.values()))
                """, out.resolve("report.csv").toString()).redirectErrorStream(true).start();
        String counts = new String(py.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(py.waitFor()).as(counts).isZero();
        assertThat(counts).as("rows, distinct paths, most times one path appears").isEqualTo(FILES + " " + FILES + " 1");
    }

    private static long logBytes(Path journal) throws IOException {
        if (!Files.isDirectory(journal)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(journal)) {
            long sum = 0;
            for (Path p : s.filter(p -> p.getFileName().toString().startsWith("log-")).toList()) {
                try {
                    sum += Files.size(p);
                } catch (IOException gone) {
                    // published meanwhile
                }
            }
            return sum;
        }
    }
}
