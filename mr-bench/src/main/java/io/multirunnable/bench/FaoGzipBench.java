package io.multirunnable.bench;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.multirunnable.RunningMode;
import io.multirunnable.SimpleExecutor;
import io.multirunnable.WorkerResult;
import io.multirunnable.fao.Fao;
import io.multirunnable.fao.FaoConfig;
import io.multirunnable.fao.SavingStrategy;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * gzip outputs: the rows of {@link FaoBench} ({@code rows}, default 1,000,000) written to one
 * {@code .csv.gz} / {@code .jsonl.gz} file, one shot per iteration:
 * <ul>
 *   <li>{@code ours_X}: 8 workers ({@code mode}) save their share through one {@link Fao} with
 *       {@link SavingStrategy#ALL_THREADS_ONE_FILE}, compression by the {@code .gz} name at the
 *       default level ({@value FaoConfig#DEFAULT_GZIP_LEVEL}); the time includes {@code close()}
 *       (fsync and rename);</li>
 *   <li>{@code raw_X}: one thread, commons-csv {@link CSVPrinter} / Jackson {@link JsonGenerator}
 *       over a {@link GZIPOutputStream} (level 6, 64 KiB buffer) on the file.</li>
 * </ul>
 * Each output is decompressed and its lines counted after the shot (not measured).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
public class FaoGzipBench {
    @Param({"1000000"})
    public int rows;

    @Param({"CONCURRENT"})
    public RunningMode mode;

    private Path dir;
    private Path file;
    private SimpleExecutor executor;
    private final JsonFactory json = new JsonFactory();

    @Setup(Level.Trial)
    public void open() throws IOException {
        dir = Files.createTempDirectory("mr-bench-fao-gz");
        executor = SimpleExecutor.of(mode, FaoBench.WORKERS);
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        executor.close();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Setup(Level.Iteration)
    public void nextFile() {
        file = null;
    }

    /** Checks every line is there after decompression, then deletes the file (not measured). */
    @TearDown(Level.Iteration)
    public void checkAndDelete() throws IOException {
        if (file == null) {
            return;
        }
        long expected = rows + (file.toString().endsWith(".csv.gz") ? 1 : 0);
        long lines;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file),
                1 << 16), StandardCharsets.UTF_8))) {
            lines = r.lines().count();
        }
        if (lines != expected) {
            throw new IllegalStateException(file + " has " + lines + " lines, expected " + expected);
        }
        Files.delete(file);
    }

    private Path target(String name) {
        file = dir.resolve(name);
        return file;
    }

    private void viaFao(String format) throws Exception {
        Path out = target("out." + format + ".gz");
        AtomicInteger slots = new AtomicInteger();
        try (Fao fao = Fao.of(SavingStrategy.ALL_THREADS_ONE_FILE)) {
            List<WorkerResult<Object>> results = executor.run(() -> {
                int w = slots.getAndIncrement();
                long from = (long) rows * w / FaoBench.WORKERS;
                long to = (long) rows * (w + 1) / FaoBench.WORKERS;
                fao.save(format, out, FaoBench.HEADER, FaoBench.rows(w, from, to));
                return null;
            });
            for (WorkerResult<Object> r : results) {
                r.get();
            }
        }
    }

    private OutputStream gzip(Path p) throws IOException {
        return new GZIPOutputStream(Files.newOutputStream(p), 1 << 16);
    }

    @Benchmark
    public void ours_csvgz(HeapMeter heap) throws Exception {
        viaFao("csv");
        heap.capture();
    }

    @Benchmark
    public void raw_csvgz(HeapMeter heap) throws IOException {
        try (BufferedWriter w = new BufferedWriter(new OutputStreamWriter(gzip(target("out.csv.gz")), StandardCharsets.UTF_8),
                1 << 16);
             CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT)) {
            p.printRecord(FaoBench.HEADER);
            for (List<Object> r : FaoBench.rows(0, 0, rows)) {
                p.printRecord(r);
            }
        }
        heap.capture();
    }

    @Benchmark
    public void ours_jsonlgz(HeapMeter heap) throws Exception {
        viaFao("jsonl");
        heap.capture();
    }

    @Benchmark
    public void raw_jsonlgz(HeapMeter heap) throws IOException {
        try (OutputStream out = gzip(target("out.jsonl.gz"));
             JsonGenerator g = json.createGenerator(out, JsonEncoding.UTF8)) {
            g.setRootValueSeparator(null);
            for (List<Object> r : FaoBench.rows(0, 0, rows)) {
                g.writeStartObject();
                g.writeNumberField(FaoBench.HEADER.get(0), (Long) r.get(0));
                g.writeNumberField(FaoBench.HEADER.get(1), (Long) r.get(1));
                g.writeStringField(FaoBench.HEADER.get(2), (String) r.get(2));
                g.writeNumberField(FaoBench.HEADER.get(3), (Double) r.get(3));
                g.writeEndObject();
                g.writeRaw('\n');
            }
        }
        heap.capture();
    }
}
