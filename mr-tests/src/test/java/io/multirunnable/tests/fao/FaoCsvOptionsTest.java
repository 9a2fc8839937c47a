package io.multirunnable.tests.fao;

import static org.assertj.core.api.Assertions.assertThat;

import io.multirunnable.RunningMode;
import io.multirunnable.SimpleExecutor;
import io.multirunnable.WorkerResult;
import io.multirunnable.fao.CsvOptions;
import io.multirunnable.fao.CsvOptions.QuotePolicy;
import io.multirunnable.fao.Fao;
import io.multirunnable.fao.SavingStrategy;
import io.multirunnable.fao.WriteMode;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link CsvOptions} variants written by 4 workers into one file (rows encoded in parallel
 * chunks) with formula protection on, then read back by Commons CSV and by Python's
 * {@code csv} module configured with the same dialect; plus raw-byte checks of the mark,
 * the line separator and the quoting.
 */
class FaoCsvOptionsTest {
    static final List<String> HEADER = List.of("id", "text", "amount", "missing", "flag");
    static final int WORKERS = 4;
    static final int ROWS = 2500; // per worker: several chunks of Fao.CHUNK_ROWS

    @TempDir
    Path dir;

    /**
     * One variant: the options, the non-ASCII text its charset holds, Python's encoding name and
     * quoting constant, and the mark expected at the start.
     */
    record Variant(String name, CsvOptions options, String nonAscii, String pyEncoding, int pyQuoting, byte[] mark) {
        @Override
        public String toString() {
            return name;
        }

        boolean escapes() {
            return options.quotePolicy() == QuotePolicy.NONE;
        }

        /** The charset the bytes are in once the mark is skipped. */
        Charset body() {
            return options.charset().name().equals("UTF-16") ? StandardCharsets.UTF_16BE : options.charset();
        }
    }

    static Stream<Arguments> variants() {
        return Stream.of(
                new Variant("rfc4180 defaults", CsvOptions.defaults(), "ünï 数据 😀", "utf-8", 0, new byte[0]),
                new Variant("excel: semicolon, UTF-8 mark", CsvOptions.builder().withDelimiter(";").withByteOrderMark(true)
                        .build(), "Zoë €", "utf-8-sig", 0, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}),
                new Variant("tab, single quote, ALL, ISO-8859-1, LF", CsvOptions.builder().withDelimiter('\t').withQuote('\'')
                        .withQuotePolicy(QuotePolicy.ALL).withCharset(StandardCharsets.ISO_8859_1).withLineSeparator("\n")
                        .build(), "ünï çà", "iso-8859-1", 1, new byte[0]),
                new Variant("pipe, NON_NUMERIC, UTF-16", CsvOptions.builder().withDelimiter("|")
                        .withQuotePolicy(QuotePolicy.NON_NUMERIC).withCharset("UTF-16").build(), "数据 😀", "utf-16", 0,
                        new byte[] {(byte) 0xFE, (byte) 0xFF}),
                new Variant("NONE with escape, UTF-16LE + mark", CsvOptions.builder().withQuotePolicy(QuotePolicy.NONE)
                        .withEscape("\\").withCharset("UTF-16LE").withByteOrderMark(true).build(), "ünï 数据", "utf-16", 3,
                        new byte[] {(byte) 0xFF, (byte) 0xFE}),
                new Variant("windows-1252, LF", CsvOptions.builder().withCharset("windows-1252").withLineSeparator("\n")
                        .build(), "€ ‰ œ", "cp1252", 0, new byte[0]))
                .map(Arguments::of);
    }

    /** The text of row {@code i}: the delimiter, the quote, a line break (not for NONE), a formula every 7th row. */
    static String text(Variant v, long id) {
        char d = v.options().delimiter();
        char q = v.options().quote();
        String t = "a" + d + "b " + q + "quoted" + q + " " + v.nonAscii() + (v.escapes() ? " back\\slash" : " two\nlines");
        return id % 7 == 0 ? "=SUM(A1:A9)" + d + id : t + " " + id;
    }

    static List<Object> row(Variant v, long id) {
        return Arrays.asList(id, text(v, id), id % 2 == 0 ? 2.5 : new java.math.BigDecimal("1E+3"), null, id % 3 == 0);
    }

    static List<String> expected(Variant v, long id) {
        String t = text(v, id);
        return List.of(String.valueOf(id), id % 7 == 0 ? "'" + t : t, id % 2 == 0 ? "2.5" : "1000", "",
                String.valueOf(id % 3 == 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void readBackByCommonsCsvAndPython(Variant v) throws Exception {
        Path file = dir.resolve("out.csv");
        write(v, file, WriteMode.TRUNCATE, 0);
        byte[] bytes = Files.readAllBytes(file);
        assertThat(Arrays.copyOf(bytes, v.mark().length)).as("byte-order mark").isEqualTo(v.mark());
        String text = new String(bytes, v.mark().length, bytes.length - v.mark().length, v.body());
        assertThat(text).doesNotStartWith("\uFEFF").doesNotContain("\uFEFF"); // one mark, at the start only
        assertThat(text).endsWith(v.options().lineSeparator());
        if (v.options().lineSeparator().equals("\n")) {
            assertThat(text).doesNotContain("\r");
        }

        List<List<String>> want = new ArrayList<>();
        for (long id = 0; id < WORKERS * ROWS; id++) {
            want.add(expected(v, id));
        }
        List<List<String>> commons = commonsCsv(v, text);
        assertThat(commons.get(0)).isEqualTo(HEADER);
        assertThat(sorted(commons.subList(1, commons.size()))).isEqualTo(want);

        List<List<String>> python = python(v, file);
        assertThat(python.get(0)).isEqualTo(HEADER);
        assertThat(sorted(python.subList(1, python.size()))).isEqualTo(want);

        // the quoting policy, seen in the raw text
        String d = String.valueOf(v.options().delimiter());
        String q = String.valueOf(v.options().quote());
        String firstLine = text.substring(0, text.indexOf(v.options().lineSeparator()));
        switch (v.options().quotePolicy()) {
            case ALL -> assertThat(firstLine).isEqualTo(String.join(d, HEADER.stream().map(h -> q + h + q).toList()));
            case NON_NUMERIC -> {
                assertThat(firstLine).isEqualTo(String.join(d, HEADER.stream().map(h -> q + h + q).toList()));
                assertThat(text).contains(v.options().lineSeparator() + "14" + d + q + "'=SUM"); // number bare, text quoted
                assertThat(text).contains(d + "2.5" + d + d + "false" + v.options().lineSeparator());
            }
            default -> assertThat(firstLine).isEqualTo(String.join(d, HEADER));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void appendKeepsOneMarkAndOneHeader(Variant v) throws Exception {
        Path file = dir.resolve("out.csv");
        write(v, file, WriteMode.TRUNCATE, 0);
        byte[] before = Files.readAllBytes(file);
        write(v, file, WriteMode.APPEND, WORKERS * ROWS);
        byte[] after = Files.readAllBytes(file);
        assertThat(Arrays.copyOf(after, before.length)).as("existing bytes kept").isEqualTo(before);
        String text = new String(after, v.mark().length, after.length - v.mark().length, v.body());
        assertThat(text).doesNotContain("\uFEFF");
        List<List<String>> python = python(v, file);
        assertThat(python.get(0)).isEqualTo(HEADER);
        assertThat(python).hasSize(1 + 2 * WORKERS * ROWS);
        assertThat(python.subList(1, python.size())).doesNotContain(HEADER);
    }

    @Test
    void noneEscapesLineBreaksAsCommonsCsvReadsThem() throws Exception {
        CsvOptions none = CsvOptions.builder().withQuotePolicy(QuotePolicy.NONE).withLineSeparator("\n").build();
        Path file = dir.resolve("none.csv");
        try (Fao fao = Fao.builder().withStrategy(SavingStrategy.ALL_THREADS_ONE_FILE).withCsvOptions(none).build()) {
            fao.save("csv", file, List.of("a", "b"), List.of(List.of("two\nlines, \"q\"", "back\\slash")));
        }
        String text = Files.readString(file);
        assertThat(text).isEqualTo("a,b\ntwo\\nlines\\, \"q\",back\\\\slash\n");
        try (CSVParser p = CSVFormat.DEFAULT.builder().setQuote(null).setEscape('\\').get().parse(new StringReader(text))) {
            assertThat(p.getRecords().get(1).toList()).containsExactly("two\nlines, \"q\"", "back\\slash");
        }
    }

    private void write(Variant v, Path file, WriteMode mode, long firstId) throws Exception {
        AtomicInteger slot = new AtomicInteger();
        try (Fao fao = Fao.builder().withStrategy(SavingStrategy.ALL_THREADS_ONE_FILE).withWriteMode(mode)
                .withFormulaProtection(true).withCsvOptions(v.options()).build();
             SimpleExecutor executor = SimpleExecutor.of(RunningMode.CONCURRENT, WORKERS)) {
            List<WorkerResult<Object>> results = executor.run(() -> {
                long w = slot.getAndIncrement();
                List<List<Object>> rows = new ArrayList<>();
                for (long i = 0; i < ROWS; i++) {
                    rows.add(row(v, firstId + w * ROWS + i));
                }
                fao.save("csv", file, HEADER, rows);
                return null;
            });
            for (WorkerResult<Object> r : results) {
                r.get();
            }
        }
    }

    /** Python's csv module with the variant's dialect and encoding. */
    private static List<List<String>> python(Variant v, Path file) throws Exception {
        return Python.table(Python.run(Python.CSV_READER, file.toString(), v.pyEncoding(), "0",
                String.valueOf(v.options().delimiter()), v.escapes() ? "" : String.valueOf(v.options().quote()),
                String.valueOf(v.pyQuoting()), v.escapes() ? "\\" : ""));
    }

    private static List<List<String>> commonsCsv(Variant v, String text) throws Exception {
        CSVFormat.Builder b = CSVFormat.DEFAULT.builder().setDelimiter(v.options().delimiter());
        if (v.escapes()) {
            b.setQuote(null).setEscape(v.options().escape());
        } else {
            b.setQuote(v.options().quote());
        }
        List<List<String>> out = new ArrayList<>();
        try (CSVParser p = b.get().parse(new StringReader(text))) {
            for (CSVRecord r : p) {
                out.add(r.toList());
            }
        }
        return out;
    }

    private static List<List<String>> sorted(List<List<String>> rows) {
        List<List<String>> s = new ArrayList<>(rows);
        s.sort(Comparator.comparingLong(r -> Long.parseLong(r.get(0))));
        return s;
    }
}
