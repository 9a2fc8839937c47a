package io.multirunnable.tests.fao;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multirunnable.RunningMode;
import io.multirunnable.SimpleExecutor;
import io.multirunnable.WorkerContext;
import io.multirunnable.WorkerResult;
import io.multirunnable.fao.Fao;
import io.multirunnable.fao.SavingStrategy;
import io.multirunnable.fao.WriteMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every format × saving strategy × write mode: workers save rows from an executor (two runs: a
 * first TRUNCATE run, then the mode under test), and the files are read back with independent
 * readers.
 */
class FaoMatrixTest {
    static final List<String> HEADER = List.of("worker", "seq", "text");
    static final int WORKERS = 3;
    static final int ROWS = 1500; // more than Fao.CHUNK_ROWS, so saves take several chunks

    @TempDir
    Path dir;

    static Stream<Arguments> matrix() {
        List<Arguments> out = new ArrayList<>();
        // "xlsx" is xlsx-fastexcel here (both writers are installed); xlsx-poi is the one that appends
        for (String format : List.of("csv", "json", "jsonl", "xlsx", "xlsx-poi")) {
            for (SavingStrategy s : FaoConcurrencyTest.fileStrategies()) { // ONE_SHEET_PER_WORKER: XlsxWritersTest, XlsxSheetsPropertiesTest
                for (WriteMode m : WriteMode.values()) {
                    out.add(Arguments.of(format, s, m));
                }
            }
        }
        return out.stream();
    }

    /** Row i of a run: worker name, i, text with quotes, comma, line break and non-ASCII. */
    static List<Object> row(String run, String worker, int i) {
        return List.of(worker, i, run + " \"q\", line\nbreak ünï 数据 " + i);
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("matrix")
    void writesAndReadsBack(String format, SavingStrategy strategy, WriteMode mode) throws Exception {
        Path target = dir.resolve("out." + format);
        Map<String, List<List<String>>> first = run(format, strategy, WriteMode.TRUNCATE, target, "first");
        assertThat(readAll(format, strategy, target)).isEqualTo(expected(format, strategy, null, first));
        if (mode == WriteMode.APPEND && format.equals("json")) {
            try (Fao fao = Fao.builder().withStrategy(strategy).withWriteMode(mode).build()) {
                assertThatThrownBy(() -> fao.save(format, target, HEADER, List.of()))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessage(FaoHardeningTest.JSON_APPEND_REFUSED);
            }
            assertThat(readAll(format, strategy, target)).isEqualTo(expected(format, strategy, null, first));
            return;
        }
        if (mode == WriteMode.APPEND && format.equals("xlsx")) {
            try (Fao fao = Fao.builder().withStrategy(strategy).withWriteMode(mode).build()) {
                assertThatThrownBy(() -> fao.save(format, target, HEADER, List.of()))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessage("format 'xlsx-fastexcel' does not support WriteMode.APPEND, whether or not the file "
                                + "exists yet; use WriteMode.TRUNCATE, or format 'xlsx-poi', which writes the same files "
                                + "and can append");
            }
            assertThat(readAll(format, strategy, target)).isEqualTo(expected(format, strategy, null, first));
            return;
        }
        Map<String, List<List<String>>> second = run(format, strategy, mode, target, "second");
        assertThat(readAll(format, strategy, target))
                .isEqualTo(expected(format, strategy, mode == WriteMode.APPEND ? first : null, second));
        assertThat(ReadBack.hiddenFiles(dir)).as("temporary files left").isEmpty();
    }

    /** Expected rows per output key (file or zip entry name). */
    private static Map<String, List<List<String>>> expected(String format, SavingStrategy strategy,
                                                            Map<String, List<List<String>>> before,
                                                            Map<String, List<List<String>>> now) {
        Map<String, List<List<String>>> out = new HashMap<>();
        for (String worker : new java.util.TreeSet<>(now.keySet())) {
            String key = strategy == SavingStrategy.ALL_THREADS_ONE_FILE ? "out." + format : "out-" + worker + "." + format;
            List<List<String>> rows = out.computeIfAbsent(key, k -> new ArrayList<>());
            if (before != null) {
                rows.addAll(before.get(worker));
            }
            rows.addAll(now.get(worker));
        }
        return out;
    }

    /** Runs WORKERS workers that each save ROWS rows (in two saves); returns each worker's rows as text. */
    static Map<String, List<List<String>>> run(String format, SavingStrategy strategy, WriteMode mode, Path target,
                                                String runName) throws Exception {
        List<WorkerResult<String>> results;
        try (Fao fao = Fao.builder().withStrategy(strategy).withWriteMode(mode).build();
             SimpleExecutor executor = SimpleExecutor.builder(RunningMode.CONCURRENT).withWorkers(WORKERS)
                     .withName("w").build()) {
            results = executor.run(() -> {
                String worker = WorkerContext.current().name();
                List<List<Object>> rows = new ArrayList<>();
                for (int i = 0; i < ROWS; i++) {
                    rows.add(row(runName, worker, i));
                }
                fao.save(format, target, HEADER, rows.subList(0, ROWS / 3));
                fao.save(format, target, HEADER, rows.subList(ROWS / 3, ROWS));
                return worker;
            });
            assertThat(results).allMatch(WorkerResult::isSuccessful, "all workers saved");
        }
        Map<String, List<List<String>>> out = new HashMap<>();
        for (WorkerResult<String> r : results) {
            String worker = r.value();
            List<List<String>> rows = new ArrayList<>();
            for (int i = 0; i < ROWS; i++) {
                rows.add(row(runName, worker, i).stream().map(String::valueOf).toList());
            }
            out.put(worker, rows);
        }
        return out;
    }

    /**
     * What is on disk, per output key. For ALL_THREADS_ONE_FILE rows of different workers may
     * interleave (by chunk), so that file's rows are grouped per worker, in file order, then
     * concatenated in worker order — which must equal the per-worker sequences.
     */
    private Map<String, List<List<String>>> readAll(String format, SavingStrategy strategy, Path target) throws Exception {
        Map<String, List<List<String>>> out = new HashMap<>();
        switch (strategy) {
            case ALL_THREADS_ONE_FILE -> {
                ReadBack.Table t = ReadBack.read(format, target, true);
                assertThat(t.header()).isEqualTo(HEADER);
                out.put(target.getFileName().toString(), groupByWorker(t.rows()));
            }
            case ONE_THREAD_ONE_FILE -> {
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path f : files.filter(p -> !p.getFileName().toString().startsWith(".")).toList()) {
                        ReadBack.Table t = ReadBack.read(format, f, true);
                        assertThat(t.header()).isEqualTo(HEADER);
                        out.put(f.getFileName().toString(), t.rows());
                    }
                }
            }
            case ONE_THREAD_ONE_FILE_AND_COMPRESS_ALL -> {
                try (Stream<Path> files = Files.list(dir)) {
                    assertThat(files.map(p -> p.getFileName().toString())).containsExactly("out.zip");
                }
                for (var e : ReadBack.unzip(dir.resolve("out.zip")).entrySet()) {
                    ReadBack.Table t = ReadBack.read(format, e.getValue(), true);
                    assertThat(t.header()).isEqualTo(HEADER);
                    out.put(e.getKey(), t.rows());
                }
            }
            default -> throw new IllegalStateException();
        }
        return out;
    }

    private static List<List<String>> groupByWorker(List<List<String>> rows) {
        Map<String, List<List<String>>> byWorker = new java.util.TreeMap<>();
        for (List<String> r : rows) {
            byWorker.computeIfAbsent(r.get(0), k -> new ArrayList<>()).add(r);
        }
        // runs in file order: a "first" run's rows precede the "second" run's for each worker
        List<List<String>> out = new ArrayList<>();
        byWorker.values().forEach(out::addAll);
        return out;
    }
}
