package io.multirunnable.tests.fao;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.multirunnable.RunningMode;
import io.multirunnable.SimpleExecutor;
import io.multirunnable.WorkerContext;
import io.multirunnable.WorkerResult;
import io.multirunnable.fao.Fao;
import io.multirunnable.fao.SavingStrategy;
import java.io.BufferedWriter;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Not a test of speed (nothing about time is asserted): prints rows/s for 1,000,000 CSV and
 * JSON Lines rows written by one raw commons-csv / Jackson writer and by 8 workers through the
 * {@link Fao}. Run with {@code -Dmr.fao.bench=true} (see docs/notes/fao.md). Median of 3 runs after 1
 * warm-up run; row counts are checked.
 */
@EnabledIfSystemProperty(named = "mr.fao.bench", matches = "true")
class FaoThroughputReport {
    static final int ROWS = 1_000_000;
    static final int WORKERS = 8;
    static final List<String> HEADER = List.of("worker", "seq", "name", "amount");

    @TempDir
    Path dir;

    static List<Object> row(long worker, long seq) {
        return List.of(worker, seq, "name-" + seq, seq * 0.25);
    }

    static Iterable<List<Object>> rows(long worker, long from, long count) {
        return () -> new Iterator<>() {
            long i = from;

            @Override
            public boolean hasNext() {
                return i < from + count;
            }

            @Override
            public List<Object> next() {
                return row(worker, i++);
            }
        };
    }

    interface Run {
        void run(Path file) throws Exception;
    }

    /** One variant: a name, its file extension, how to write ROWS rows, and the times measured. */
    record Variant(String name, String ext, Run run, List<Long> times, List<Long> cpu) {
        Variant(String name, String ext, Run run) {
            this(name, ext, run, new ArrayList<>(), new ArrayList<>());
        }

        long median() {
            return medianOf(times);
        }

        long cpuMedian() {
            return medianOf(cpu);
        }

        private static long medianOf(List<Long> values) {
            List<Long> t = new ArrayList<>(values);
            t.sort(null);
            return t.get(t.size() / 2);
        }
    }

    /** CPU time of this whole JVM (all threads), in ns. */
    static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private void once(Variant v, int round) throws Exception {
        Path file = dir.resolve(v.name().replaceAll("\\W", "_") + round + "." + v.ext());
        System.gc();
        long c0 = processCpu();
        long t0 = System.nanoTime();
        v.run().run(file);
        long t = System.nanoTime() - t0;
        long c = processCpu() - c0;
        if (round > 0) {
            v.times().add(t);
            v.cpu().add(c);
        }
        String stem = file.getFileName().toString().replace("." + v.ext(), "");
        long lines = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith(stem)).toList()) {
                try (Stream<String> l = Files.lines(f)) {
                    lines += l.count();
                }
                Files.delete(f);
            }
        }
        long headers = v.ext().equals("csv") ? (v.name().contains("ONE_THREAD_ONE_FILE") ? WORKERS : 1) : 0;
        assertThat(lines).as(v.name()).isEqualTo(ROWS + headers);
    }

    private static void viaFao(String format, SavingStrategy strategy, RunningMode mode, Path file) throws Exception {
        viaFao(format, strategy, mode, file, true);
    }

    private static void viaFao(String format, SavingStrategy strategy, RunningMode mode, Path file, boolean fsync)
            throws Exception {
        try (Fao fao = Fao.builder().withStrategy(strategy).withFsync(fsync).build();
             SimpleExecutor executor = SimpleExecutor.of(mode, WORKERS)) {
            List<WorkerResult<Object>> results = executor.run(() -> {
                long id = WorkerContext.current().id();
                long per = ROWS / WORKERS;
                for (int s = 0; s < 5; s++) {
                    fao.save(format, file, HEADER, rows(id, s * per / 5, per / 5));
                }
                return null;
            });
            assertThat(results).allMatch(WorkerResult::isSuccessful);
        }
    }

    @Test
    void report() throws Exception {
        List<Variant> csv = List.of(
                new Variant("raw commons-csv, 1 thread", "csv", file -> {
                    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                         CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT)) {
                        p.printRecord(HEADER);
                        for (long i = 0; i < ROWS; i++) {
                            p.printRecord(row(i % WORKERS, i));
                        }
                    }
                }),
                new Variant("Fao csv ALL_THREADS_ONE_FILE, 8 workers CONCURRENT", "csv",
                        file -> viaFao("csv", SavingStrategy.ALL_THREADS_ONE_FILE, RunningMode.CONCURRENT, file)),
                new Variant("Fao csv ALL_THREADS_ONE_FILE, 8 workers GREEN_THREAD", "csv",
                        file -> viaFao("csv", SavingStrategy.ALL_THREADS_ONE_FILE, RunningMode.GREEN_THREAD, file)),
                new Variant("Fao csv ONE_THREAD_ONE_FILE, 8 workers CONCURRENT", "csv",
                        file -> viaFao("csv", SavingStrategy.ONE_THREAD_ONE_FILE, RunningMode.CONCURRENT, file)));
        JsonFactory factory = new JsonFactory();
        List<Variant> jsonl = List.of(
                new Variant("raw Jackson JSON Lines, 1 thread", "jsonl", file -> {
                    try (OutputStream out = Files.newOutputStream(file);
                         JsonGenerator g = factory.createGenerator(out, JsonEncoding.UTF8)) {
                        g.setRootValueSeparator(null);
                        for (long i = 0; i < ROWS; i++) {
                            List<Object> r = row(i % WORKERS, i);
                            g.writeStartObject();
                            g.writeNumberField("worker", (Long) r.get(0));
                            g.writeNumberField("seq", (Long) r.get(1));
                            g.writeStringField("name", (String) r.get(2));
                            g.writeNumberField("amount", (Double) r.get(3));
                            g.writeEndObject();
                            g.writeRaw('\n');
                        }
                    }
                }),
                new Variant("Fao jsonl ALL_THREADS_ONE_FILE, 8 workers CONCURRENT", "jsonl",
                        file -> viaFao("jsonl", SavingStrategy.ALL_THREADS_ONE_FILE, RunningMode.CONCURRENT, file)),
                new Variant("Fao jsonl ALL_THREADS_ONE_FILE, 8 workers GREEN_THREAD", "jsonl",
                        file -> viaFao("jsonl", SavingStrategy.ALL_THREADS_ONE_FILE, RunningMode.GREEN_THREAD, file)),
                new Variant("Fao jsonl ONE_THREAD_ONE_FILE, 8 workers CONCURRENT", "jsonl",
                        file -> viaFao("jsonl", SavingStrategy.ONE_THREAD_ONE_FILE, RunningMode.CONCURRENT, file)));
        // the cost of durability (issue 13): the first variant is the reference ("raw") of this group
        List<Variant> fsync = List.of(
                new Variant("Fao csv ALL_THREADS_ONE_FILE, CONCURRENT, fsync off", "csv",
                        file -> viaFao("csv", SavingStrategy.ALL_THREADS_ONE_FILE, RunningMode.CONCURRENT, file, false)),
                new Variant("Fao csv ALL_THREADS_ONE_FILE, CONCURRENT, fsync on", "csv",
                        file -> viaFao("csv", SavingStrategy.ALL_THREADS_ONE_FILE, RunningMode.CONCURRENT, file, true)));
        int rounds = Integer.getInteger("mr.fao.bench.rounds", 5);
        List<String> report = new ArrayList<>();
        report.add("cores: " + Runtime.getRuntime().availableProcessors() + ", java " + Runtime.version()
                + ", rounds: 1 warm-up + " + rounds + " (variants interleaved), medians; cpu = whole-JVM CPU time");
        List<List<Variant>> groups = Boolean.getBoolean("mr.fao.bench.fsyncOnly") ? List.of(fsync) : List.of(csv, jsonl, fsync);
        for (List<Variant> group : groups) {
            for (int round = 0; round <= rounds; round++) {
                for (Variant v : group) {
                    once(v, round);
                }
            }
            long raw = group.get(0).median();
            long rawCpu = group.get(0).cpuMedian();
            for (Variant v : group) {
                report.add(String.format(Locale.ROOT,
                        "%-54s %,11.0f rows/s  wall %,6d ms [%,d..%,d] (%.2fx raw)  cpu %,6d ms (%.2fx raw)",
                        v.name(), ROWS / (v.median() / 1e9), v.median() / 1_000_000,
                        Collections.min(v.times()) / 1_000_000, Collections.max(v.times()) / 1_000_000, v.median() / (double) raw,
                        v.cpuMedian() / 1_000_000, v.cpuMedian() / (double) rawCpu));
            }
        }
        String text = String.join("\n", report);
        System.out.println("\n== FAO throughput, " + ROWS + " rows ==\n" + text);
        Files.writeString(Path.of("target", "fao-throughput.txt"), text + "\n");
    }
}
