package io.multirunnable.tests.fao;

import static org.assertj.core.api.Assertions.assertThat;

import io.multirunnable.RunningMode;
import io.multirunnable.SimpleExecutor;
import io.multirunnable.SimplePool;
import io.multirunnable.WorkerContext;
import io.multirunnable.fao.Fao;
import io.multirunnable.fao.SavingStrategy;
import io.multirunnable.fao.WriteMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's FAO examples, run as written (paths under a temporary directory). */
class FaoReadmeExamplesTest {
    @TempDir
    Path dir;

    public record Person(long id, String name, LocalDate day) {
    }

    static List<List<Object>> rowsOf(long worker) {
        return List.of(List.of(worker, "w" + worker, LocalDate.of(2024, 1, 1)));
    }

    static List<Person> recordsOf(int part) {
        return List.of(new Person(part, "p" + part, LocalDate.of(2024, 1, part)));
    }

    @Test
    void everyStrategyAsInTheReadme() throws Exception {
        List<String> header = List.of("id", "name", "day");
        AtomicLong logged = new AtomicLong();

        try (Fao fao = Fao.of(SavingStrategy.ONE_THREAD_ONE_FILE);
             SimpleExecutor executor = SimpleExecutor.builder(RunningMode.CONCURRENT).withWorkers(4).withName("ex").build()) {
            executor.run(() -> {
                fao.save("csv", dir.resolve("out.csv"), header, List.of(List.of(1, "Ada", LocalDate.now())));
                return null;
            });
        }
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
                    "out-ex-worker-1.csv", "out-ex-worker-2.csv", "out-ex-worker-3.csv", "out-ex-worker-4.csv");
        }

        for (int run = 0; run < 2; run++) {
            try (Fao fao = Fao.builder().withStrategy(SavingStrategy.ALL_THREADS_ONE_FILE)
                    .withWriteMode(WriteMode.APPEND)
                    .withFormulaProtection(true)
                    .onProgress((file, rows) -> logged.incrementAndGet())
                    .build();
                 SimpleExecutor executor = SimpleExecutor.of(RunningMode.GREEN_THREAD, 8)) {
                executor.run(() -> {
                    fao.save("jsonl", dir.resolve("all.jsonl"), header, rowsOf(WorkerContext.current().id()));
                    return null;
                });
            }
        }
        assertThat(ReadBack.read("jsonl", dir.resolve("all.jsonl"), true).rows()).hasSize(16);
        assertThat(logged.get()).isEqualTo(16);

        try (Fao fao = Fao.of(SavingStrategy.ONE_THREAD_ONE_FILE_AND_COMPRESS_ALL);
             SimplePool pool = SimplePool.of(RunningMode.PARALLEL, 4)) {
            pool.map(part -> {
                fao.save("xlsx", dir.resolve("report.xlsx"), null, recordsOf(part));
                return null;
            }, List.of(1, 2, 3, 4));
        }
        var entries = ReadBack.unzip(dir.resolve("report.zip"));
        assertThat(entries.keySet()).allMatch(n -> n.startsWith("report-") && n.endsWith(".xlsx"));
        long rows = 0;
        for (byte[] e : entries.values()) {
            ReadBack.Table t = ReadBack.read("xlsx", e, true);
            assertThat(t.header()).containsExactly("id", "name", "day");
            rows += t.rows().size();
        }
        assertThat(rows).isEqualTo(4);
    }
}
