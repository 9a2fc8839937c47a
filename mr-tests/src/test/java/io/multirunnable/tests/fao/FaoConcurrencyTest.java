package io.multirunnable.tests.fao;

import static org.assertj.core.api.Assertions.assertThat;

import io.multirunnable.RunningMode;
import io.multirunnable.SimpleExecutor;
import io.multirunnable.WorkerContext;
import io.multirunnable.WorkerResult;
import io.multirunnable.fao.Fao;
import io.multirunnable.fao.SavingStrategy;
import java.io.BufferedReader;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Many workers, one file: every row arrives whole, exactly once, in each worker's order. */
class FaoConcurrencyTest {
    static final List<String> HEADER = List.of("worker", "seq", "payload");

    @TempDir
    Path dir;

    /** The payload of a row: derived from worker and seq, with quotes, comma and line break. */
    static String payload(long worker, long seq) {
        return "w" + worker + "/" + seq + " \"q\", x\ny";
    }

    /** {@code count} rows of {@code worker} starting at {@code from}, generated lazily. */
    static Iterable<List<Object>> rows(long worker, long from, long count) {
        return () -> new Iterator<>() {
            long i = from;

            @Override
            public boolean hasNext() {
                return i < from + count;
            }

            @Override
            public List<Object> next() {
                long s = i++;
                return List.of(worker, s, payload(worker, s));
            }
        };
    }

    /**
     * Checks that {@code rows} (worker, seq, payload as text) holds exactly {@code perWorker} rows
     * of each of {@code workers} workers, each intact, each worker's in order.
     */
    static void assertIntact(Iterator<List<String>> rows, int workers, long perWorker) {
        BitSet[] seen = new BitSet[workers + 1];
        long[] last = new long[workers + 1];
        java.util.Arrays.fill(last, -1);
        long total = 0;
        while (rows.hasNext()) {
            List<String> r = rows.next();
            assertThat(r).hasSize(3);
            int w = Integer.parseInt(r.get(0));
            long s = Long.parseLong(r.get(1));
            assertThat(r.get(2)).isEqualTo(payload(w, s));
            if (seen[w] == null) {
                seen[w] = new BitSet();
            }
            assertThat(seen[w].get((int) s)).as("duplicate row %s/%s", w, s).isFalse();
            assertThat(s).as("worker %s order", w).isGreaterThan(last[w]);
            seen[w].set((int) s);
            last[w] = s;
            total++;
        }
        assertThat(total).isEqualTo(workers * perWorker);
        for (int w = 1; w <= workers; w++) {
            assertThat(seen[w].cardinality()).as("rows of worker %s", w).isEqualTo((int) perWorker);
        }
    }

    static Iterator<List<String>> csvRows(InputStream in) throws Exception {
        CSVParser p = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        assertThat(p.getHeaderNames()).isEqualTo(HEADER);
        Iterator<CSVRecord> it = p.iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public List<String> next() {
                return it.next().toList();
            }
        };
    }

    static Iterator<List<String>> jsonlRows(BufferedReader in) {
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        Iterator<String> lines = in.lines().iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return lines.hasNext();
            }

            @Override
            public List<String> next() {
                try {
                    var node = mapper.readTree(lines.next());
                    assertThat(node.size()).isEqualTo(3);
                    return HEADER.stream().map(h -> node.get(h).asText()).toList();
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }
        };
    }

    /** The stress test: 8 workers × 100,000 rows into one file. */
    @Test
    void eightWorkersHundredThousandRowsEachIntoOneCsv() throws Exception {
        stress("csv", RunningMode.CONCURRENT);
    }

    @Test
    void eightWorkersHundredThousandRowsEachIntoOneJsonLinesFile() throws Exception {
        stress("jsonl", RunningMode.GREEN_THREAD);
    }

    private void stress(String format, RunningMode mode) throws Exception {
        int workers = 8;
        int perWorker = 100_000;
        Path target = dir.resolve("big." + format);
        try (Fao fao = Fao.of(SavingStrategy.ALL_THREADS_ONE_FILE);
             SimpleExecutor executor = SimpleExecutor.of(mode, workers)) {
            List<WorkerResult<Object>> results = executor.run(() -> {
                long id = WorkerContext.current().id();
                for (int save = 0; save < 10; save++) { // ten saves of 10,000 rows each
                    fao.save(format, target, HEADER, rows(id, save * 10_000L, 10_000));
                }
                return null;
            });
            assertThat(results).allMatch(WorkerResult::isSuccessful);
        }
        if (format.equals("csv")) {
            try (InputStream in = Files.newInputStream(target)) {
                assertIntact(csvRows(in), workers, perWorker);
            }
        } else {
            try (BufferedReader in = Files.newBufferedReader(target)) {
                assertIntact(jsonlRows(in), workers, perWorker);
            }
        }
    }

    /** The strategies every format supports: all but ONE_SHEET_PER_WORKER (xlsx only). */
    static List<SavingStrategy> fileStrategies() {
        return java.util.Arrays.stream(SavingStrategy.values()).filter(s -> s != SavingStrategy.ONE_SHEET_PER_WORKER).toList();
    }

    static Stream<Arguments> modesAndStrategies() {
        List<Arguments> out = new ArrayList<>();
        for (RunningMode m : RunningMode.values()) {
            for (SavingStrategy s : fileStrategies()) { // ONE_SHEET_PER_WORKER: XlsxWritersTest, XlsxSheetsPropertiesTest
                out.add(Arguments.of(m, s));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("modesAndStrategies")
    void everyRunningModeAndStrategy(RunningMode mode, SavingStrategy strategy) throws Exception {
        int workers = 4;
        int perWorker = 2500;
        Path target = dir.resolve("m.csv");
        List<WorkerResult<String>> results;
        try (Fao fao = Fao.of(strategy); SimpleExecutor executor = SimpleExecutor.of(mode, workers)) {
            results = executor.run(() -> {
                long id = WorkerContext.current().id();
                fao.save("csv", target, HEADER, rows(id, 0, 1200));
                fao.save("csv", target, HEADER, rows(id, 1200, perWorker - 1200));
                return WorkerContext.current().name();
            });
            assertThat(results).allMatch(WorkerResult::isSuccessful);
        }
        List<List<String>> all = new ArrayList<>();
        switch (strategy) {
            case ALL_THREADS_ONE_FILE -> {
                try (InputStream in = Files.newInputStream(target)) {
                    csvRows(in).forEachRemaining(all::add);
                }
            }
            case ONE_THREAD_ONE_FILE -> {
                for (WorkerResult<String> r : results) {
                    try (InputStream in = Files.newInputStream(dir.resolve("m-" + r.value() + ".csv"))) {
                        csvRows(in).forEachRemaining(all::add);
                    }
                }
            }
            case ONE_THREAD_ONE_FILE_AND_COMPRESS_ALL -> {
                Map<String, byte[]> entries = ReadBack.unzip(dir.resolve("m.zip"));
                assertThat(entries).hasSize(workers);
                for (byte[] e : entries.values()) {
                    csvRows(new java.io.ByteArrayInputStream(e)).forEachRemaining(all::add);
                }
            }
            default -> throw new IllegalStateException();
        }
        assertIntact(all.iterator(), workers, perWorker);
        assertThat(ReadBack.hiddenFiles(dir)).isEmpty();
    }
}
