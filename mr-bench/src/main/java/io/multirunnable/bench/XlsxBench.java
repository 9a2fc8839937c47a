package io.multirunnable.bench;

import io.multirunnable.RunningMode;
import io.multirunnable.SimpleExecutor;
import io.multirunnable.WorkerResult;
import io.multirunnable.fao.Fao;
import io.multirunnable.fao.SavingStrategy;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
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
 * xlsx writers (issue 18.2): {@code rows} (1,000,000) rows of five columns (two longs, a text, a
 * double, a date) plus a header into one workbook, one shot per iteration, in a {@code -Xmx256m}
 * fork:
 * <ul>
 *   <li>{@code ours_xlsx}: 8 workers ({@code mode}, default CONCURRENT) save their share through
 *       one {@link Fao} with {@link SavingStrategy#ALL_THREADS_ONE_FILE} and format
 *       {@code xlsx-fastexcel}; {@code ours_xlsxPoi}: the same with {@code xlsx-poi} (the
 *       time includes {@code close()}: the file is complete and in place);</li>
 *   <li>{@code sxssf_xlsx}, {@code sxssf_xlsxPoi}: one thread, raw POI {@link SXSSFWorkbook}
 *       (100-row window) — the baseline of the goal (ours_xlsx ≤ 1/3 of its time);</li>
 *   <li>{@code fastexcel_xlsx}: one thread, raw fastexcel {@link Workbook}, inline strings,
 *       flushed every 1,000 rows (as our plugin).</li>
 * </ul>
 * Every output's size is checked after each shot (not measured). Smoke runs: {@code -p rows=10000}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = "-Xmx256m")
public class XlsxBench {
    static final int WORKERS = 8;
    static final List<String> HEADER = List.of("worker", "seq", "name", "amount", "day");
    private static final LocalDate EPOCH = LocalDate.of(2020, 1, 1);

    @Param({"1000000"})
    public int rows;

    @Param({"CONCURRENT"})
    public RunningMode mode;

    private Path dir;
    private Path file;
    private SimpleExecutor executor;

    @Setup(Level.Trial)
    public void open() throws IOException {
        dir = Files.createTempDirectory("mr-bench-xlsx");
        executor = SimpleExecutor.of(mode, WORKERS);
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        executor.close();
        TempDirs.deleteTree(dir);
    }

    /** Checks the workbook was written, then deletes it (not measured). */
    @TearDown(Level.Iteration)
    public void checkAndDelete() throws IOException {
        if (file != null) {
            long size = Files.size(file);
            if (size < rows * 10L) {
                throw new IllegalStateException(file + " is too small for " + rows + " rows: " + size + " bytes");
            }
            Files.delete(file);
            file = null;
        }
    }

    static List<Object> row(long worker, long seq) {
        return List.of(worker, seq, "name-" + seq, seq * 0.25, EPOCH.plusDays(seq % 3650));
    }

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

    private Path target() {
        file = dir.resolve("out.xlsx");
        return file;
    }

    private void viaFao(String format) throws Exception {
        Path out = target();
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
                r.get();
            }
        }
    }

    @Benchmark
    public void ours_xlsx(HeapMeter heap) throws Exception {
        viaFao("xlsx-fastexcel");
        heap.capture();
    }

    @Benchmark
    public void ours_xlsxPoi(HeapMeter heap) throws Exception {
        viaFao("xlsx-poi");
        heap.capture();
    }

    @Benchmark
    public void sxssf_xlsx(HeapMeter heap) throws IOException {
        sxssf();
        heap.capture();
    }

    @Benchmark
    public void sxssf_xlsxPoi(HeapMeter heap) throws IOException {
        sxssf();
        heap.capture();
    }

    private void sxssf() throws IOException {
        SXSSFWorkbook wb = new SXSSFWorkbook(100);
        try (OutputStream out = Files.newOutputStream(target())) {
            CellStyle date = wb.createCellStyle();
            date.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd"));
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
                var cell = row.createCell(4);
                cell.setCellValue((LocalDate) r.get(4));
                cell.setCellStyle(date);
            }
            wb.write(out);
        } finally {
            wb.close();
        }
    }

    @Benchmark
    public void fastexcel_xlsx(HeapMeter heap) throws IOException {
        try (OutputStream out = Files.newOutputStream(target())) {
            Workbook wb = new Workbook(out, "bench", null);
            Worksheet ws = wb.newWorksheet("Sheet1");
            for (int c = 0; c < HEADER.size(); c++) {
                ws.inlineString(0, c, HEADER.get(c));
            }
            int n = 1;
            for (List<Object> r : rows(0, 0, rows)) {
                ws.value(n, 0, (Long) r.get(0));
                ws.value(n, 1, (Long) r.get(1));
                ws.inlineString(n, 2, (String) r.get(2));
                ws.value(n, 3, (Double) r.get(3));
                ws.value(n, 4, (LocalDate) r.get(4));
                ws.style(n, 4).format("yyyy-mm-dd").set();
                if (++n % 1000 == 0) {
                    ws.flush();
                }
            }
            ws.finish();
            wb.finish();
        }
        heap.capture();
    }
}
