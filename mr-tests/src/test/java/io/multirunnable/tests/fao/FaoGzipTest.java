package io.multirunnable.tests.fao;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multirunnable.RunningMode;
import io.multirunnable.SimpleExecutor;
import io.multirunnable.WorkerContext;
import io.multirunnable.WorkerResult;
import io.multirunnable.fao.Compression;
import io.multirunnable.fao.Fao;
import io.multirunnable.fao.SavingStrategy;
import io.multirunnable.fao.WriteMode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * gzip outputs ({@code .csv.gz}, {@code .jsonl.gz}) under every saving strategy, then appended
 * to as a new gzip member; read back with {@link GZIPInputStream} and Python's {@code gzip}
 * module, parsed with Commons CSV / Jackson / Python's csv and json.
 */
class FaoGzipTest {
    static final List<String> HEADER = FaoMatrixTest.HEADER;
    static final int WORKERS = FaoMatrixTest.WORKERS;

    @TempDir
    Path dir;

    static Stream<Arguments> matrix() {
        List<Arguments> out = new ArrayList<>();
        for (String format : List.of("csv", "jsonl")) {
            for (SavingStrategy s : SavingStrategy.values()) {
                if (s == SavingStrategy.ONE_SHEET_PER_WORKER) {
                    continue; // sheets are xlsx only: XlsxWritersTest
                }
                out.add(Arguments.of(format, s));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("matrix")
    void everyStrategyThenAppendAsANewMember(String format, SavingStrategy strategy) throws Exception {
        Path target = dir.resolve("out." + format + ".gz");
        List<List<String>> first = run(format, strategy, WriteMode.TRUNCATE, target, "first");
        Map<String, byte[]> before = outputs(format, strategy);
        assertThat(before).hasSize(strategy == SavingStrategy.ALL_THREADS_ONE_FILE ? 1 : WORKERS);
        List<List<String>> got = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : before.entrySet()) {
            ReadBack.Table t = ReadBack.read(format, gunzip(e.getValue()), true);
            assertThat(t.header()).isEqualTo(HEADER);
            got.addAll(t.rows());
            pythonCheck(format, strategy, e.getKey(), t.rows().size());
        }
        assertThat(sorted(got)).isEqualTo(sorted(first));

        List<List<String>> second = run(format, strategy, WriteMode.APPEND, target, "second");
        Map<String, byte[]> after = outputs(format, strategy);
        assertThat(after.keySet()).isEqualTo(before.keySet());
        got.clear();
        List<List<String>> appended = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : after.entrySet()) {
            byte[] old = before.get(e.getKey());
            byte[] now = e.getValue();
            assertThat(Arrays.copyOf(now, old.length)).as("old compressed bytes kept as they were").isEqualTo(old);
            byte[] member = Arrays.copyOfRange(now, old.length, now.length);
            assertThat(member[0] & 0xff).as("gzip magic of the new member").isEqualTo(0x1f);
            assertThat(member[1] & 0xff).isEqualTo(0x8b);
            // the new member alone holds exactly the appended rows, without a header
            ReadBack.Table alone = ReadBack.read(format, gunzip(member), format.equals("jsonl")); // jsonl: keys, no header line
            appended.addAll(alone.rows());
            ReadBack.Table whole = ReadBack.read(format, gunzip(now), true);
            assertThat(whole.header()).isEqualTo(HEADER);
            got.addAll(whole.rows());
            pythonCheck(format, strategy, e.getKey(), whole.rows().size());
        }
        assertThat(sorted(appended)).isEqualTo(sorted(second));
        List<List<String>> both = new ArrayList<>(first);
        both.addAll(second);
        assertThat(sorted(got)).isEqualTo(sorted(both));
        assertThat(ReadBack.hiddenFiles(dir)).as("temporary files left").isEmpty();
    }

    @Test
    void explicitGzipNamesAnExtensionlessPathAndLevelsDiffer() throws Exception {
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            rows.add(List.of(i, "row " + i + " " + "x".repeat(i % 50)));
        }
        long[] sizes = new long[2];
        int k = 0;
        for (int level : new int[] {1, 9}) {
            Path sub = Files.createDirectory(dir.resolve("level" + level));
            Fao fao = Fao.builder().withStrategy(SavingStrategy.ALL_THREADS_ONE_FILE).withCompression(Compression.GZIP)
                    .withGzipLevel(level).build();
            try (fao) {
                fao.save("csv", sub.resolve("out"), List.of("i", "s"), rows);
            }
            assertThat(fao.published()).containsExactly(sub.resolve("out.csv.gz"));
            Path file = sub.resolve("out.csv.gz");
            ReadBack.Table t = ReadBack.read("csv", gunzip(Files.readAllBytes(file)), true);
            assertThat(t.rows()).hasSize(rows.size());
            assertThat(t.rows().get(19_999)).containsExactly("19999", "row 19999 " + "x".repeat(49));
            sizes[k++] = Files.size(file);
        }
        assertThat(sizes[1]).as("level 9 not larger than level 1").isLessThanOrEqualTo(sizes[0]);
    }

    @Test
    void appendingToAFileThatIsNotGzipFailsAndKeepsIt() throws Exception {
        Path file = dir.resolve("plain.csv.gz");
        Files.writeString(file, "a,b\r\n1,2\r\n");
        try (Fao fao = Fao.builder().withStrategy(SavingStrategy.ALL_THREADS_ONE_FILE).withWriteMode(WriteMode.APPEND)
                .build()) {
            assertThatThrownBy(() -> fao.save("csv", file, List.of("a", "b"), List.of(List.of(3, 4))))
                    .isInstanceOf(IOException.class)
                    .hasMessage("cannot append to " + file + ": it is not gzip data (Not in GZIP format); a .gz output "
                            + "can only be appended to a gzip file");
        }
        assertThat(Files.readString(file)).isEqualTo("a,b\r\n1,2\r\n");
        assertThat(ReadBack.hiddenFiles(dir)).isEmpty();
    }

    /**
     * Stress: 16 workers × 5 saves × 5,000 rows into one .gz file, then a second run that
     * appends 25,000 more per worker (a second member): every row once, intact, each worker's
     * rows in order, read through GZIPInputStream.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("stressCases")
    void sixteenWorkersThenAppend(String format, RunningMode mode) throws Exception {
        int workers = 16;
        int perRun = 25_000;
        Path target = dir.resolve("big." + format + ".gz");
        for (int run = 0; run < 2; run++) {
            long base = (long) run * perRun;
            try (Fao fao = Fao.builder().withStrategy(SavingStrategy.ALL_THREADS_ONE_FILE)
                    .withWriteMode(run == 0 ? WriteMode.TRUNCATE : WriteMode.APPEND).build();
                 SimpleExecutor executor = SimpleExecutor.of(mode, workers)) {
                List<WorkerResult<Object>> results = executor.run(() -> {
                    long id = WorkerContext.current().id();
                    for (int save = 0; save < 5; save++) {
                        fao.save(format, target, FaoConcurrencyTest.HEADER,
                                FaoConcurrencyTest.rows(id, base + save * 5_000L, 5_000));
                    }
                    return null;
                });
                for (WorkerResult<Object> r : results) {
                    r.get();
                }
            }
        }
        try (java.io.InputStream in = new GZIPInputStream(Files.newInputStream(target), 1 << 16)) {
            if (format.equals("csv")) {
                FaoConcurrencyTest.assertIntact(FaoConcurrencyTest.csvRows(in), workers, 2L * perRun);
            } else {
                FaoConcurrencyTest.assertIntact(FaoConcurrencyTest.jsonlRows(new java.io.BufferedReader(
                        new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8))), workers, 2L * perRun);
            }
        }
    }

    static Stream<Arguments> stressCases() {
        return Stream.of(Arguments.of("csv", RunningMode.CONCURRENT), Arguments.of("csv", RunningMode.GREEN_THREAD),
                Arguments.of("jsonl", RunningMode.CONCURRENT), Arguments.of("jsonl", RunningMode.GREEN_THREAD));
    }

    /** Python's gzip + csv/json modules read the whole file (every member) and count its rows. */
    private void pythonCheck(String format, SavingStrategy strategy, String name, int rows) throws Exception {
        if (strategy == SavingStrategy.ONE_THREAD_ONE_FILE_AND_COMPRESS_ALL) {
            return; // entries inside the zip archive: java.util.zip read them above
        }
        Path file = dir.resolve(name);
        if (format.equals("csv")) {
            List<List<String>> t = Python.table(Python.run(Python.CSV_READER, file.toString(), "utf-8", "1", ",", "\"", "0", ""));
            assertThat(t.get(0)).isEqualTo(HEADER);
            assertThat(t).hasSize(rows + 1);
        } else {
            assertThat(Python.run(Python.JSON_READER, file.toString(), "1", "1")).hasSize(rows);
        }
    }

    /** Every member, with java.util.zip. */
    static byte[] gunzip(byte[] compressed) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
            return in.readAllBytes();
        }
    }

    /** The compressed outputs by name: the file, the per-worker files, or the archive's entries. */
    private Map<String, byte[]> outputs(String format, SavingStrategy strategy) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        if (strategy == SavingStrategy.ONE_THREAD_ONE_FILE_AND_COMPRESS_ALL) {
            assertThat(dir.resolve("out.zip")).exists();
            for (Map.Entry<String, byte[]> e : ReadBack.unzip(dir.resolve("out.zip")).entrySet()) {
                assertThat(e.getKey()).matches("out-w.*\\." + format + "\\.gz");
                out.put(e.getKey(), e.getValue());
            }
            return out;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> !p.getFileName().toString().startsWith(".")).toList()) {
                String n = f.getFileName().toString();
                assertThat(n).matches(strategy == SavingStrategy.ALL_THREADS_ONE_FILE ? "out\\." + format + "\\.gz"
                        : "out-w.*\\." + format + "\\.gz");
                out.put(n, Files.readAllBytes(f));
            }
        }
        return out;
    }

    /** {@link FaoMatrixTest}'s run (3 workers × 1500 rows in two saves), every worker's rows in one list. */
    private static List<List<String>> run(String format, SavingStrategy strategy, WriteMode mode, Path target,
                                          String runName) throws Exception {
        List<List<String>> out = new ArrayList<>();
        FaoMatrixTest.run(format, strategy, mode, target, runName).values().forEach(out::addAll);
        return out;
    }

    private static List<List<String>> sorted(List<List<String>> rows) {
        List<List<String>> s = new ArrayList<>(rows);
        s.sort(Comparator.comparing((List<String> r) -> r.get(0)).thenComparing(r -> r.get(2)));
        return s;
    }
}
