package io.multirunnable.tests.fao;

import static org.assertj.core.api.Assertions.assertThat;

import io.multirunnable.RunningMode;
import io.multirunnable.SimpleExecutor;
import io.multirunnable.WorkerContext;
import io.multirunnable.WorkerResult;
import io.multirunnable.fao.Fao;
import io.multirunnable.fao.SavingStrategy;
import io.multirunnable.fao.WriteMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * For any number of workers, saves per worker, rows per save (around the chunk size too),
 * strategy and text format: every row saved is read back exactly once, whole, in its worker's
 * order, with one header per file, and no temporary file is left; the same for gzip outputs
 * appended over several runs. Tries: {@code jqwik.tries.default}.
 */
class FaoPropertiesTest {
    private static SimpleExecutor executor;

    @BeforeContainer
    static void start() {
        executor = SimpleExecutor.builder(RunningMode.CONCURRENT).withWorkers(6).withName("p").build();
    }

    @AfterContainer
    static void stop() {
        executor.close();
    }

    @Provide
    Arbitrary<Integer> rowsPerSave() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, Arbitraries.integers().between(0, 40)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(Fao.CHUNK_ROWS - 2, Fao.CHUNK_ROWS + 2)));
    }

    @Property
    void everyRowExactlyOnceWholeAndInOrder(@ForAll @IntRange(min = 1, max = 6) int workers,
                                            @ForAll @IntRange(min = 1, max = 3) int saves,
                                            @ForAll("rowsPerSave") int rowsPerSave,
                                            @ForAll SavingStrategy strategy,
                                            @ForAll WriteMode mode,
                                            @ForAll("textFormats") String format) throws Exception {
        net.jqwik.api.Assume.that(!(format.equals("json") && mode == WriteMode.APPEND)); // refused: see FaoMatrixTest
        net.jqwik.api.Assume.that(strategy != SavingStrategy.ONE_SHEET_PER_WORKER); // ONE_SHEET_PER_WORKER: XlsxWritersTest, XlsxSheetsPropertiesTest
        Path dir = Files.createTempDirectory("fao-prop");
        try {
            Path target = dir.resolve("out." + format);
            List<Integer> workerIds = java.util.stream.IntStream.rangeClosed(1, workers).boxed().toList();
            try (Fao fao = Fao.builder().withStrategy(strategy).withWriteMode(mode).build()) {
                List<WorkerResult<Long>> results = executor.map(w -> {
                    long id = WorkerContext.current().id() * 100 + w; // unique per task
                    for (int s = 0; s < saves; s++) {
                        fao.save(format, target, FaoConcurrencyTest.HEADER,
                                FaoConcurrencyTest.rows(id, (long) s * rowsPerSave, rowsPerSave));
                    }
                    return id;
                }, workerIds);
                assertThat(results).allMatch(WorkerResult::isSuccessful);
            }
            List<byte[]> outputs = outputs(dir);
            int files = outputs.size();
            List<List<String>> rows = new ArrayList<>();
            for (byte[] o : outputs) {
                rows.addAll(read(format, ReadBack.read(format, o, true)));
            }
            // rows may come from workers whose task ids we did not keep; check counts and integrity
            Map<String, List<List<String>>> byWorker = new java.util.TreeMap<>();
            for (List<String> r : rows) {
                assertThat(r.get(2)).isEqualTo(FaoConcurrencyTest.payload(Long.parseLong(r.get(0)), Long.parseLong(r.get(1))));
                byWorker.computeIfAbsent(r.get(0), k -> new ArrayList<>()).add(r);
            }
            assertThat(rows).hasSize(workers * saves * rowsPerSave);
            for (List<List<String>> mine : byWorker.values()) {
                for (int i = 0; i < mine.size(); i++) {
                    assertThat(Long.parseLong(mine.get(i).get(1))).isEqualTo(i);
                }
            }
            if (strategy == SavingStrategy.ALL_THREADS_ONE_FILE) {
                assertThat(files).isEqualTo(1);
            }
        } finally {
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    /** The content of every output in {@code dir}: each file, or each entry of a zip archive; no hidden file. */
    private static List<byte[]> outputs(Path dir) throws IOException {
        List<byte[]> out = new ArrayList<>();
        try (Stream<Path> list = Files.list(dir)) {
            for (Path f : list.sorted().toList()) {
                assertThat(f.getFileName().toString()).doesNotStartWith(".");
                if (f.getFileName().toString().endsWith(".zip")) {
                    out.addAll(ReadBack.unzip(f).values());
                } else {
                    out.add(Files.readAllBytes(f));
                }
            }
        }
        return out;
    }

    private static List<List<String>> read(String format, ReadBack.Table t) throws IOException {
        assertThat(t.header()).as("header once, first").isIn(FaoConcurrencyTest.HEADER, List.of());
        if (format.equals("csv")) {
            // a CSV without rows still has its header line; rows never repeat it
            assertThat(t.rows()).noneMatch(r -> r.equals(FaoConcurrencyTest.HEADER));
        }
        return t.rows();
    }

    @Provide
    Arbitrary<String> textFormats() {
        return Arbitraries.of("csv", "jsonl", "json");
    }

    /**
     * gzip outputs for any number of workers, saves, rows per save, strategy, format, gzip level
     * and number of runs (the first truncates, the next append a member each): decompressed with
     * GZIPInputStream, every row of every run is there exactly once, whole, in its worker's order
     * (one file), with one header per file; no temporary file.
     */
    @Provide
    Arbitrary<String> gzipFormats() {
        return Arbitraries.of("csv", "jsonl");
    }

    @Property
    void gzipEveryRowOfEveryRunOnce(@ForAll @IntRange(min = 1, max = 6) int workers,
                                    @ForAll @IntRange(min = 1, max = 3) int saves,
                                    @ForAll("rowsPerSave") int rowsPerSave,
                                    @ForAll SavingStrategy strategy,
                                    @ForAll("gzipFormats") String format,
                                    @ForAll @IntRange(min = 1, max = 9) int level,
                                    @ForAll @IntRange(min = 1, max = 3) int runs) throws Exception {
        net.jqwik.api.Assume.that(strategy != SavingStrategy.ONE_SHEET_PER_WORKER); // sheets are xlsx only
        Path dir = Files.createTempDirectory("fao-gz-prop");
        try {
            Path target = dir.resolve("out." + format + ".gz");
            List<Integer> tasks = java.util.stream.IntStream.rangeClosed(1, workers).boxed().toList();
            for (int run = 0; run < runs; run++) {
                long base = (long) run * saves * rowsPerSave;
                try (Fao fao = Fao.builder().withStrategy(strategy).withGzipLevel(level)
                        .withWriteMode(run == 0 ? WriteMode.TRUNCATE : WriteMode.APPEND).build()) {
                    List<WorkerResult<Long>> results = executor.map(t -> {
                        long id = t; // the same ids every run: their rows continue
                        for (int s = 0; s < saves; s++) {
                            fao.save(format, target, FaoConcurrencyTest.HEADER,
                                    FaoConcurrencyTest.rows(id, base + (long) s * rowsPerSave, rowsPerSave));
                        }
                        return WorkerContext.current().id();
                    }, tasks);
                    for (WorkerResult<Long> r : results) {
                        r.get();
                    }
                }
            }
            List<byte[]> outputs = outputs(dir);
            int files = outputs.size();
            List<List<String>> rows = new ArrayList<>();
            for (byte[] o : outputs) {
                rows.addAll(readGzip(format, FaoGzipTest.gunzip(o)));
            }
            Map<String, List<List<String>>> byTask = new TreeMap<>();
            for (List<String> r : rows) {
                assertThat(r.get(2)).isEqualTo(FaoConcurrencyTest.payload(Long.parseLong(r.get(0)), Long.parseLong(r.get(1))));
                byTask.computeIfAbsent(r.get(0), k -> new ArrayList<>()).add(r);
            }
            assertThat(rows).hasSize(runs * workers * saves * rowsPerSave);
            if (strategy == SavingStrategy.ALL_THREADS_ONE_FILE) {
                assertThat(files).isEqualTo(1);
                for (List<List<String>> mine : byTask.values()) {
                    for (int i = 0; i < mine.size(); i++) {
                        assertThat(Long.parseLong(mine.get(i).get(1))).isEqualTo(i);
                    }
                }
            }
        } finally {
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    private static List<List<String>> readGzip(String format, byte[] plain) throws IOException {
        return read(format, ReadBack.read(format, plain, true));
    }
}
