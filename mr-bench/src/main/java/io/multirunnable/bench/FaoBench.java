package io.multirunnable.bench;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.multirunnable.RunningMode;
import io.multirunnable.SimpleExecutor;
import io.multirunnable.WorkerResult;
import io.multirunnable.fao.Fao;
import io.multirunnable.fao.SavingStrategy;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
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
 * Writing {@code rows} (1,000,000) rows of four columns (two longs, a text, a double) plus a header
 * to one file, one shot per iteration:
 * <ul>
 *   <li>{@code ours_X}: 8 workers ({@code mode}, default CONCURRENT) each save their share of
 *       the rows through one {@link Fao} with {@link SavingStrategy#ALL_THREADS_ONE_FILE};
 *       the time includes closing the {@code Fao} (the file is then complete and in place);</li>
 *   <li>{@code raw_X}: one thread writes all rows with one raw writer: commons-csv
 *       {@link CSVPrinter} ({@code _csv}), a Jackson {@link JsonGenerator} writing one object per
 *       line ({@code _jsonl}), a POI {@link SXSSFWorkbook} with the same 100-row window as our
 *       xlsx plugin ({@code _xlsx}).</li>
 * </ul>
 * The {@code _csvgz} / {@code _jsonlgz} pairs write {@code out.csv.gz} / {@code out.jsonl.gz}:
 * ours compresses by the {@code .gz} name (level 6), raw wraps the file in a
 * {@link GZIPOutputStream} (level 6, 64 KiB buffer).
 * Both sides generate their rows as they write them. Each shot's heap use is reported as
 * {@code peakHeapMiB} / {@code liveHeapMiB} (see {@link HeapMeter}); the fork runs with
 * {@code -Xmx1g}. CSV and JSON Lines outputs are checked for their line count after each shot.
 * Smoke runs can shrink the work with {@code -p rows=10000}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
public class FaoBench {
    static final int WORKERS = 8;
    static final List<String> HEADER = List.of("worker", "seq", "name", "amount");

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
        dir = Files.createTempDirectory("mr-bench-fao");
        executor = SimpleExecutor.of(mode, WORKERS);
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        executor.close();
        TempDirs.deleteTree(dir);
    }

    @Setup(Level.Iteration)
    public void nextFile() {
        file = null;
    }

    /** Checks the text outputs have every line, then deletes the file (not measured). */
    @TearDown(Level.Iteration)
    public void checkAndDelete() throws IOException {
        if (file == null) {
            return;
        }
        if (!file.toString().endsWith(".xlsx")) {
            long expected = rows + (file.toString().matches(".*\\.csv(\\.gz)?") ? 1 : 0);
            long lines;
            try (BufferedReader r = new BufferedReader(new InputStreamReader(file.toString().endsWith(".gz")
                    ? new GZIPInputStream(Files.newInputStream(file), 1 << 16) : Files.newInputStream(file),
                    StandardCharsets.UTF_8), 1 << 16)) {
                lines = r.lines().count();
            }
            if (lines != expected) {
                throw new IllegalStateException(file + " has " + lines + " lines, expected " + expected);
            }
        } else if (Files.size(file) < 1000) {
            throw new IllegalStateException(file + " is too small: " + Files.size(file) + " bytes");
        }
        Files.delete(file);
    }

    static List<Object> row(long worker, long seq) {
        return List.of(worker, seq, "name-" + seq, seq * 0.25);
    }

    /** The rows {@code from} (incl.) to {@code to} (excl.), made as they are read. */
    static Iterable<List<Object>> rows(long worker, long from, long to) {
        return () -> new Iterator<>() {
            long i = from;

            @Override
            public boolean hasNext() {
                return i < to;
            }

            @Override
            public List<Object> next() {
                return row(worker, i++);
            }
        };
    }

    private Path target(String ext) {
        file = dir.resolve("out." + ext);
        return file;
    }

    private void viaFao(String format) throws Exception {
        viaFao(format, format);
    }

    /** Saves through a {@code Fao} as {@code format} to {@code out.<ext>}. */
    private void viaFao(String format, String ext) throws Exception {
        Path out = target(ext);
        AtomicInteger slots = new AtomicInteger();
        try (Fao fao = Fao.of(SavingStrategy.ALL_THREADS_ONE_FILE)) {
            List<WorkerResult<Object>> results = executor.run(() -> {
                int w = slots.getAndIncrement();
                long from = (long) rows * w / WORKERS;
                long to = (long) rows * (w + 1) / WORKERS;
                fao.save(format, out, HEADER, rows(w, from, to));
                return null;
            });
            for (WorkerResult<Object> r : results) {
                r.get(); // rethrows a worker's failure
            }
        }
    }

    // ------------------------------------------------------------ CSV

    @Benchmark
    public void ours_csv(HeapMeter heap) throws Exception {
        viaFao("csv");
        heap.capture();
    }

    @Benchmark
    public void raw_csv(HeapMeter heap) throws IOException {
        rawCsv(Files.newBufferedWriter(target("csv"), StandardCharsets.UTF_8));
        heap.capture();
    }

    /** One commons-csv printer writes every row to {@code w}, then closes it. */
    private void rawCsv(Writer w) throws IOException {
        try (w; CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT)) {
            p.printRecord(HEADER);
            for (List<Object> r : rows(0, 0, rows)) {
                p.printRecord(r);
            }
        }
    }

    // ------------------------------------------------------------ JSON Lines

    @Benchmark
    public void ours_jsonl(HeapMeter heap) throws Exception {
        viaFao("jsonl");
        heap.capture();
    }

    @Benchmark
    public void raw_jsonl(HeapMeter heap) throws IOException {
        rawJsonl(Files.newOutputStream(target("jsonl")));
        heap.capture();
    }

    /** One Jackson generator writes every row as a line to {@code out}, then closes it. */
    private void rawJsonl(OutputStream out) throws IOException {
        try (out; JsonGenerator g = json.createGenerator(out, JsonEncoding.UTF8)) {
            g.setRootValueSeparator(null);
            for (List<Object> r : rows(0, 0, rows)) {
                g.writeStartObject();
                g.writeNumberField(HEADER.get(0), (Long) r.get(0));
                g.writeNumberField(HEADER.get(1), (Long) r.get(1));
                g.writeStringField(HEADER.get(2), (String) r.get(2));
                g.writeNumberField(HEADER.get(3), (Double) r.get(3));
                g.writeEndObject();
                g.writeRaw('\n');
            }
        }
    }

    // ------------------------------------------------------------ gzip (csv.gz, jsonl.gz)

    private OutputStream gzip(String ext) throws IOException {
        return new GZIPOutputStream(Files.newOutputStream(target(ext)), 1 << 16);
    }

    @Benchmark
    public void ours_csvgz(HeapMeter heap) throws Exception {
        viaFao("csv", "csv.gz");
        heap.capture();
    }

    @Benchmark
    public void raw_csvgz(HeapMeter heap) throws IOException {
        rawCsv(new BufferedWriter(new OutputStreamWriter(gzip("csv.gz"), StandardCharsets.UTF_8), 1 << 16));
        heap.capture();
    }

    @Benchmark
    public void ours_jsonlgz(HeapMeter heap) throws Exception {
        viaFao("jsonl", "jsonl.gz");
        heap.capture();
    }

    @Benchmark
    public void raw_jsonlgz(HeapMeter heap) throws IOException {
        rawJsonl(gzip("jsonl.gz"));
        heap.capture();
    }

    // ------------------------------------------------------------ xlsx

    @Benchmark
    public void ours_xlsx(HeapMeter heap) throws Exception {
        viaFao("xlsx");
        heap.capture();
    }

    @Benchmark
    public void raw_xlsx(HeapMeter heap) throws IOException {
        SXSSFWorkbook wb = new SXSSFWorkbook(100);
        try (OutputStream out = Files.newOutputStream(target("xlsx"))) {
            Sheet sheet = wb.createSheet("Sheet1");
            Row h = sheet.createRow(0);
            for (int c = 0; c < HEADER.size(); c++) {
                h.createCell(c).setCellValue(HEADER.get(c));
            }
            int n = 1;
            for (List<Object> r : rows(0, 0, rows)) {
                Row row = sheet.createRow(n++);
                row.createCell(0).setCellValue((Long) r.get(0));
                row.createCell(1).setCellValue((Long) r.get(1));
                row.createCell(2).setCellValue((String) r.get(2));
                row.createCell(3).setCellValue((Double) r.get(3));
            }
            wb.write(out);
        } finally {
            wb.close();
        }
        heap.capture();
    }
}
