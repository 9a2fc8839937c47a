package io.multirunnable.tests.fao;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multirunnable.fao.Fao;
import io.multirunnable.fao.SavingStrategy;
import io.multirunnable.fao.WriteMode;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The shared round-trip suite of the two xlsx writers, {@code xlsx-poi} and {@code xlsx-fastexcel}:
 * each case runs for both, reads the workbook back with POI's XSSF reader (cell types, values,
 * date formats, sheet names), and the typed cells of both writers must be equal.
 */
class XlsxWritersTest {
    static final String POI = "xlsx-poi";
    static final String FAST = "xlsx-fastexcel";

    @TempDir
    Path dir;

    /** One typed cell as POI reads it: {@code S:text}, {@code N:1.5}, {@code B:true}, {@code D:<ISO> <format>}, or null. */
    static String typed(Cell c) {
        if (c == null || c.getCellType() == CellType.BLANK) {
            return null;
        }
        return switch (c.getCellType()) {
            case STRING -> "S:" + c.getStringCellValue();
            case BOOLEAN -> "B:" + c.getBooleanCellValue();
            case NUMERIC -> DateUtil.isCellDateFormatted(c)
                    ? "D:" + c.getLocalDateTimeCellValue() + " " + c.getCellStyle().getDataFormatString()
                    : "N:" + c.getNumericCellValue();
            default -> "?" + c.getCellType() + ":" + c;
        };
    }

    /** Every sheet (by name, in order) as rows of typed cells. */
    static Map<String, List<List<String>>> read(Path file) throws IOException {
        Map<String, List<List<String>>> sheets = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(file); XSSFWorkbook wb = new XSSFWorkbook(in)) {
            for (Sheet sheet : wb) {
                int width = 0;
                for (Row row : sheet) {
                    width = Math.max(width, row.getLastCellNum());
                }
                List<List<String>> rows = new ArrayList<>();
                for (int r = 0; r <= sheet.getLastRowNum(); r++) {
                    Row row = sheet.getRow(r);
                    List<String> values = new ArrayList<>();
                    for (int c = 0; c < width; c++) {
                        values.add(row == null ? null : typed(row.getCell(c)));
                    }
                    rows.add(values);
                }
                sheets.put(sheet.getSheetName(), rows);
            }
        }
        return sheets;
    }

    static final List<String> HEADER = List.of("text", "number", "other");
    static final String LONG_TEXT = "x".repeat(32_767);

    static List<List<Object>> values() {
        record Named(String name) {
            @Override
            public String toString() {
                return "named " + name;
            }
        }
        return List.of(
                Arrays.asList("plain", 1, true),
                Arrays.asList("  spaces around  ", 2L, false),
                Arrays.asList("line\nbreak\ttab", (short) 3, (byte) 4),
                Arrays.asList("<xml> & \"quotes\" 'apos'", 0.25, 0.1f),
                Arrays.asList("unicode é ñ 漢字 עברית 😀", new BigDecimal("12345.678"), new BigDecimal("1234567890.1234567890")),
                Arrays.asList("=1+2", -5L, (1L << 53) + 1),
                Arrays.asList("  @SUM(A1)", Double.NaN, Double.POSITIVE_INFINITY),
                Arrays.asList(null, null, null),
                Arrays.asList(LocalDate.of(2024, 2, 29), LocalDateTime.of(1999, 12, 31, 23, 59, 58, 123_000_000), new Named("n")),
                Arrays.asList(LONG_TEXT, List.of(1, 2), new int[] {3, 4}),
                Arrays.asList("", "-minus", "+plus"));
    }

    static final List<List<String>> EXPECTED = List.of(
            Arrays.asList("S:text", "S:number", "S:other"),
            Arrays.asList("S:plain", "N:1.0", "B:true"),
            Arrays.asList("S:  spaces around  ", "N:2.0", "B:false"),
            Arrays.asList("S:line\nbreak\ttab", "N:3.0", "N:4.0"),
            Arrays.asList("S:<xml> & \"quotes\" 'apos'", "N:0.25", "N:0.1"),
            Arrays.asList("S:unicode é ñ 漢字 עברית 😀", "N:12345.678", "S:1234567890.1234567890"),
            Arrays.asList("S:'=1+2", "N:-5.0", "S:9007199254740993"),
            Arrays.asList("S:'  @SUM(A1)", "S:NaN", "S:Infinity"),
            Arrays.asList(null, null, null),
            Arrays.asList("D:2024-02-29T00:00 yyyy-mm-dd", "D:1999-12-31T23:59:58.123 yyyy-mm-dd hh:mm:ss", "S:named n"),
            Arrays.asList("S:" + LONG_TEXT, "S:[1, 2]", "S:[3, 4]"),
            Arrays.asList("S:", "S:'-minus", "S:'+plus")); // an empty text is an empty text cell in both

    private Path save(String format, SavingStrategy strategy, List<List<Object>> rows) throws IOException {
        Path file = dir.resolve(format + ".xlsx");
        try (Fao fao = Fao.builder().withStrategy(strategy).withFormulaProtection(true).build()) {
            fao.save(format, file, HEADER, rows);
        }
        return file;
    }

    @ParameterizedTest
    @ValueSource(strings = {POI, FAST})
    void sameTypedCellsAsExpected(String format) throws IOException {
        Path file = save(format, SavingStrategy.ALL_THREADS_ONE_FILE, values());
        Map<String, List<List<String>>> sheets = read(file);
        assertThat(sheets.keySet()).containsExactly("Sheet1");
        List<List<String>> rows = sheets.get("Sheet1");
        assertThat(rows).hasSize(EXPECTED.size());
        for (int i = 0; i < EXPECTED.size(); i++) {
            assertThat(rows.get(i)).as("row %d of %s", i, format).isEqualTo(EXPECTED.get(i));
        }
    }

    @Test
    void bothWritersGiveTheSameCells() throws IOException {
        Path poi = save(POI, SavingStrategy.ALL_THREADS_ONE_FILE, values());
        Path fast = save(FAST, SavingStrategy.ALL_THREADS_ONE_FILE, values());
        assertThat(read(fast)).isEqualTo(read(poi));
    }

    @ParameterizedTest
    @ValueSource(strings = {POI, FAST})
    void headerOnlyAndNoHeader(String format) throws IOException {
        Path file = dir.resolve("h.xlsx");
        try (Fao fao = Fao.of(SavingStrategy.ALL_THREADS_ONE_FILE)) {
            fao.save(format, file, List.of("a", "b"), List.of());
        }
        assertThat(read(file)).isEqualTo(Map.of("Sheet1", List.of(List.of("S:a", "S:b"))));
        Path none = dir.resolve("none.xlsx");
        try (Fao fao = Fao.of(SavingStrategy.ALL_THREADS_ONE_FILE)) {
            fao.save(format, none, List.of(), List.of(List.of(7, "x")));
        }
        assertThat(read(none)).isEqualTo(Map.of("Sheet1", List.of(List.of("N:7.0", "S:x"))));
    }

    @ParameterizedTest
    @ValueSource(strings = {POI, FAST})
    void textOverTheCellLimitFailsTheSaveAndPublishesNothing(String format) throws IOException {
        Path file = dir.resolve("long.xlsx");
        Fao fao = Fao.of(SavingStrategy.ALL_THREADS_ONE_FILE);
        assertThatThrownBy(() -> fao.save(format, file, List.of("a", "b"), List.of(List.of("ok", "ok"), List.of("ok", "y".repeat(32_768)))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an xlsx cell holds at most 32767 characters but the text at row 3, column B ('b') has 32768");
        fao.close();
        assertThat(file).doesNotExist();
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {POI, FAST})
    void manyWorkersIntoOneFile(String format) throws Exception {
        Path file = dir.resolve("many.xlsx");
        int workers = 6;
        int perWorker = 2_500;
        try (Fao fao = Fao.of(SavingStrategy.ALL_THREADS_ONE_FILE)) {
            runThreads(workers, w -> "w" + w, w -> fao.save(format, file, List.of("worker", "seq"), rows(w, perWorker)));
        }
        List<List<String>> rows = read(file).get("Sheet1");
        assertThat(rows.get(0)).containsExactly("S:worker", "S:seq");
        assertThat(rows).hasSize(1 + workers * perWorker);
        Map<String, List<String>> byWorker = new LinkedHashMap<>();
        for (List<String> r : rows.subList(1, rows.size())) {
            byWorker.computeIfAbsent(r.get(0), k -> new ArrayList<>()).add(r.get(1));
        }
        assertThat(byWorker).hasSize(workers);
        for (List<String> seqs : byWorker.values()) { // every row once, each worker's order kept
            assertThat(seqs).containsExactlyElementsOf(rows(0, perWorker).stream().map(r -> "N:" + (double) (Integer) r.get(1)).toList());
        }
    }

    static List<List<Object>> rows(int worker, int n) {
        List<List<Object>> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            rows.add(List.of(worker, i));
        }
        return rows;
    }

    interface Work {
        void run(int worker) throws Exception;
    }

    /** Runs {@code work} on {@code n} platform threads named by {@code names}; rethrows the first failure. */
    static List<Throwable> runThreads(int n, java.util.function.IntFunction<String> names, Work work) throws Exception {
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < n; w++) {
            int worker = w;
            threads.add(Thread.ofPlatform().name(names.apply(w)).start(() -> {
                try {
                    work.run(worker);
                } catch (Throwable t) {
                    failures.add(t);
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        return new ArrayList<>(failures);
    }

    @Test
    void appendWithPoiKeepsRowsAndFastexcelRefusesClearly() throws IOException {
        Path file = dir.resolve("append.xlsx");
        try (Fao fao = Fao.of(SavingStrategy.ALL_THREADS_ONE_FILE)) {
            fao.save(POI, file, List.of("a"), List.of(List.of(1)));
        }
        try (Fao fao = Fao.builder().withStrategy(SavingStrategy.ALL_THREADS_ONE_FILE).withWriteMode(WriteMode.APPEND).build()) {
            fao.save(POI, file, List.of("a"), List.of(List.of(2)));
            assertThatThrownBy(() -> fao.save(FAST, dir.resolve("other.xlsx"), List.of("a"), List.of(List.of(3))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContainingAll("'xlsx-fastexcel'", "WriteMode.APPEND", "WriteMode.TRUNCATE", "'xlsx-poi'");
        }
        assertThat(read(file).get("Sheet1")).containsExactly(List.of("S:a"), List.of("N:1.0"), List.of("N:2.0"));
        assertThat(dir.resolve("other.xlsx")).doesNotExist();
    }

    @Test
    void xlsxMeansFastexcelWhenBothAreInstalledAndThePropertyOverrides() {
        assertThat(Fao.installedFormats()).contains("xlsx", POI, FAST);
        assertThat(Fao.format("xlsx").name()).isEqualTo(FAST);
        assertThat(Fao.format("XLSX").name()).isEqualTo(FAST);
        String key = "io.multirunnable.fao.xlsx";
        try {
            System.setProperty(key, POI);
            assertThat(Fao.format("xlsx").name()).isEqualTo(POI);
            System.setProperty(key, "xlsx-jxl");
            assertThatThrownBy(() -> Fao.format("xlsx"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Unknown FileFormat 'xlsx-jxl' (from system property io.multirunnable.fao.xlsx); installed: "
                            + "[xlsx-fastexcel, xlsx-poi]");
        } finally {
            System.clearProperty(key);
        }
        assertThat(Fao.format(POI).name()).isEqualTo(POI);
        assertThatThrownBy(() -> Fao.format("xls"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Unknown FileFormat 'xls'").hasMessageContaining("xlsx, xlsx-fastexcel, xlsx-poi");
    }

    // ------------------------------------------------------------ ONE_SHEET_PER_WORKER

    @ParameterizedTest
    @ValueSource(strings = {POI, FAST})
    void oneSheetPerWorker(String format) throws Exception {
        Path file = dir.resolve("sheets.xlsx");
        int workers = 8;
        int saves = 3;
        int perSave = 1_700; // crosses the engine's 1,000-row chunks
        List<Throwable> failures;
        try (Fao fao = Fao.of(SavingStrategy.ONE_SHEET_PER_WORKER)) {
            failures = runThreads(workers, w -> "worker " + w, w -> {
                for (int s = 0; s < saves; s++) {
                    List<List<Object>> rows = new ArrayList<>();
                    for (int i = 0; i < perSave; i++) {
                        rows.add(List.of(w, s * perSave + i, LocalDate.of(2020, 1, 1).plusDays(i)));
                    }
                    fao.save(format, file, List.of("worker", "seq", "day"), rows);
                }
            });
        }
        assertThat(failures).isEmpty();
        Map<String, List<List<String>>> sheets = read(file);
        assertThat(sheets.keySet()).containsExactlyInAnyOrder(
                "worker 0", "worker 1", "worker 2", "worker 3", "worker 4", "worker 5", "worker 6", "worker 7");
        for (int w = 0; w < workers; w++) {
            List<List<String>> rows = sheets.get("worker " + w);
            assertThat(rows).hasSize(1 + saves * perSave);
            assertThat(rows.get(0)).containsExactly("S:worker", "S:seq", "S:day");
            for (int i = 0; i < saves * perSave; i++) {
                assertThat(rows.get(1 + i)).containsExactly("N:" + (double) w, "N:" + (double) i,
                        "D:" + LocalDate.of(2020, 1, 1).plusDays(i % perSave).atStartOfDay() + " yyyy-mm-dd");
            }
        }
    }

    /** Many threads, many small saves each: sheet locks, output lock and close racing nothing ({@code -Dmr.fao.loops=N} repeats). */
    @ParameterizedTest
    @ValueSource(strings = {POI, FAST})
    void oneSheetPerWorkerStress(String format) throws Exception {
        int workers = 48;
        int saves = 4;
        int perSave = 500;
        for (int loop = Integer.getInteger("mr.fao.loops", 1); loop > 0; loop--) {
            Path file = dir.resolve("stress-" + loop + ".xlsx");
            List<Throwable> failures;
            try (Fao fao = Fao.of(SavingStrategy.ONE_SHEET_PER_WORKER)) {
                failures = runThreads(workers, w -> "s" + w, w -> {
                    for (int s = 0; s < saves; s++) {
                        List<List<Object>> rows = new ArrayList<>();
                        for (int i = 0; i < perSave; i++) {
                            rows.add(List.of(w, s * perSave + i));
                        }
                        fao.save(format, file, List.of("worker", "seq"), rows);
                    }
                });
            }
            assertThat(failures).isEmpty();
            Map<String, List<List<String>>> sheets = read(file);
            assertThat(sheets).hasSize(workers);
            for (int w = 0; w < workers; w++) {
                List<List<String>> rows = sheets.get("s" + w);
                assertThat(rows).hasSize(1 + saves * perSave);
                for (int i = 0; i < saves * perSave; i++) {
                    assertThat(rows.get(1 + i)).containsExactly("N:" + (double) w, "N:" + (double) i);
                }
            }
        }
    }

    @Test
    void oneSheetPerWorkerGivesTheSameWorkbookWithBothWriters() throws Exception {
        Map<String, Map<String, List<List<String>>>> byFormat = new LinkedHashMap<>();
        for (String format : List.of(POI, FAST)) {
            Path file = dir.resolve("same-" + format + ".xlsx");
            try (Fao fao = Fao.of(SavingStrategy.ONE_SHEET_PER_WORKER)) {
                // one thread at a time, so the sheet order is the same in both workbooks
                for (int w = 0; w < 3; w++) {
                    int worker = w;
                    assertThat(runThreads(1, i -> "sheet-" + worker, i -> fao.save(format, file, HEADER, values()))).isEmpty();
                }
            }
            byFormat.put(format, read(file));
        }
        assertThat(byFormat.get(FAST)).isEqualTo(byFormat.get(POI));
        assertThat(byFormat.get(POI).keySet()).containsExactly("sheet-0", "sheet-1", "sheet-2");
    }

    @ParameterizedTest
    @ValueSource(strings = {POI, FAST})
    void badSheetNamesAreRefusedNamingTheNameAndTheRule(String format) throws Exception {
        Path file = dir.resolve("bad.xlsx");
        Fao fao = Fao.of(SavingStrategy.ONE_SHEET_PER_WORKER);
        String tooLong = "a-worker-name-of-thirty-two-char";
        assertThat(tooLong).hasSize(32);
        List<Throwable> f1 = runThreads(1, i -> tooLong, i -> fao.save(format, file, List.of("a"), List.of(List.of(1))));
        assertThat(f1).singleElement().isInstanceOf(IllegalArgumentException.class).extracting(Throwable::getMessage)
                .isEqualTo("sheet name '" + tooLong + "' (from the worker's name, SavingStrategy.ONE_SHEET_PER_WORKER) "
                        + "has 32 characters; Excel allows at most 31");
        for (String bad : List.of("a[b", "a]b", "a:b", "a*b", "a?b", "a/b", "a\\b")) {
            char c = bad.charAt(1);
            List<Throwable> f = runThreads(1, i -> bad, i -> fao.save(format, file, List.of("a"), List.of(List.of(1))));
            assertThat(f).singleElement().isInstanceOf(IllegalArgumentException.class).extracting(Throwable::getMessage)
                    .isEqualTo("sheet name '" + bad + "' (from the worker's name, SavingStrategy.ONE_SHEET_PER_WORKER) "
                            + "contains '" + c + "'; Excel forbids the characters [ ] : * ? / \\ in sheet names");
        }
        assertThat(runThreads(1, i -> "Alpha", i -> fao.save(format, file, List.of("a"), List.of(List.of(1))))).isEmpty();
        List<Throwable> dup = runThreads(1, i -> "ALPHA", i -> fao.save(format, file, List.of("a"), List.of(List.of(2))));
        assertThat(dup).singleElement().isInstanceOf(IllegalArgumentException.class).extracting(Throwable::getMessage)
                .isEqualTo("sheet name 'ALPHA' (from the worker's name, SavingStrategy.ONE_SHEET_PER_WORKER) is already "
                        + "the name of sheet 'Alpha' in this workbook; sheet names must be unique, ignoring case");
        // the refusals discarded nothing: the good sheet is published
        assertThat(runThreads(1, i -> "Alpha", i -> fao.save(format, file, List.of("a"), List.of(List.of(3))))).isEmpty();
        fao.close();
        assertThat(read(file)).isEqualTo(Map.of("Alpha", List.of(List.of("S:a"), List.of("N:1.0"), List.of("N:3.0"))));
    }

    @Test
    void oneSheetPerWorkerRefusesFormatsWithoutSheetsAndAppend(@TempDir Path d) throws IOException {
        try (Fao fao = Fao.of(SavingStrategy.ONE_SHEET_PER_WORKER)) {
            assertThatThrownBy(() -> fao.save("csv", d.resolve("x.csv"), List.of("a"), List.of(List.of(1))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("format 'csv' has no sheets, so it cannot be written with SavingStrategy.ONE_SHEET_PER_WORKER; "
                            + "use an xlsx format (xlsx, xlsx-fastexcel, xlsx-poi) or another strategy");
        }
        try (Fao fao = Fao.builder().withStrategy(SavingStrategy.ONE_SHEET_PER_WORKER).withWriteMode(WriteMode.APPEND).build()) {
            assertThatThrownBy(() -> fao.save(POI, d.resolve("x.xlsx"), List.of("a"), List.of(List.of(1))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("SavingStrategy.ONE_SHEET_PER_WORKER writes a new workbook and does not support "
                            + "WriteMode.APPEND; use WriteMode.TRUNCATE");
        }
        try (Stream<Path> left = Files.list(d)) {
            assertThat(left).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {POI, FAST})
    void aFailingWorkerDiscardsTheWholeWorkbook(String format) throws Exception {
        Path file = dir.resolve("fail.xlsx");
        Fao fao = Fao.of(SavingStrategy.ONE_SHEET_PER_WORKER);
        List<Throwable> failures = runThreads(4, w -> "w" + w, w -> {
            List<List<Object>> rows = new ArrayList<>(rows(w, 3_000));
            if (w == 2) {
                rows.set(2_000, List.of(w, "z".repeat(40_000)));
            }
            fao.save(format, file, List.of("worker", "seq"), rows);
        });
        fao.close();
        assertThat(failures).isNotEmpty().allSatisfy(t -> assertThat(t).isInstanceOfAny(IllegalArgumentException.class,
                IllegalStateException.class));
        assertThat(failures).anySatisfy(t -> assertThat(t).hasMessageContaining("at most 32767 characters"));
        assertThat(file).doesNotExist();
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).isEmpty();
        }
    }
}
