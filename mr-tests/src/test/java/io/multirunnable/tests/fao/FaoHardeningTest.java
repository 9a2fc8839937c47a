package io.multirunnable.tests.fao;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multirunnable.fao.Fao;
import io.multirunnable.fao.SavingStrategy;
import io.multirunnable.fao.WriteMode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 13: bad values and bad input that an outside test found written wrongly or unclearly. */
class FaoHardeningTest {
    static final String JSON_APPEND_REFUSED = "format 'json' does not support WriteMode.APPEND (a JSON array cannot grow "
            + "without rewriting the whole file), whether or not the file exists yet; use WriteMode.TRUNCATE, "
            + "or format 'jsonl' (JSON Lines), which can be appended to";

    @TempDir
    Path dir;

    /** A value whose text is chosen by the test, not a String. */
    record Shown(String text) {
        @Override
        public String toString() {
            return text;
        }
    }

    /** A class that inherits Object.toString(): it would be written as Item@1b6d3586. */
    static final class NoText {
    }

    private List<String> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private Path save(String format, List<String> header, List<?> rows, boolean protect) throws IOException {
        Path target = dir.resolve("out." + format);
        try (Fao fao = Fao.builder().withStrategy(SavingStrategy.ALL_THREADS_ONE_FILE).withFormulaProtection(protect).build()) {
            fao.save(format, target, header, rows);
        }
        return target;
    }

    // ---- defect 3: formula protection everywhere, in csv and xlsx ----

    @ParameterizedTest
    @ValueSource(strings = {"csv", "xlsx"})
    void formulaProtectionGuardsTheHeaderCharSequencesAndAnyObjectsText(String format) throws Exception {
        List<String> header = List.of("=HYPERLINK(\"http://x\")", "@head", "plain", "+h", "-h", "\th", "\rh", "  =h");
        List<Object> row = List.of(new StringBuilder("=1+2"), new Shown("@SUM(A1)"), "ok", new Shown("+cmd"),
                new StringBuilder("-2+3"), "\tx", "\rx", "  =1+2");
        Path file = save(format, header, List.of(row, List.of(-5, 3.5, "x", 7L, "-", " ", "x-y", "a=b")), true);
        ReadBack.Table t = ReadBack.read(format, file, true);
        assertThat(t.header()).containsExactly("'=HYPERLINK(\"http://x\")", "'@head", "plain", "'+h", "'-h", "'\th", "'\rh",
                "'  =h");
        assertThat(t.rows().get(0)).containsExactly("'=1+2", "'@SUM(A1)", "ok", "'+cmd", "'-2+3", "'\tx", "'\rx", "'  =1+2");
        // numbers are values, not formulas; text without a trigger (also after whitespace) is unchanged
        assertThat(t.rows().get(1)).containsExactly("-5", "3.5", "x", "7", "'-", " ", "x-y", "a=b");
    }

    @Test
    void withoutFormulaProtectionTextIsWrittenAsGiven() throws Exception {
        Path file = save("csv", List.of("=h"), List.of(List.of(new Shown("=1+2"))), false);
        ReadBack.Table t = ReadBack.read("csv", file, true);
        assertThat(t.header()).containsExactly("=h");
        assertThat(t.rows()).containsExactly(List.of("=1+2"));
    }

    // ---- defect 6: toString() returning null ----

    @ParameterizedTest
    @ValueSource(strings = {"csv", "json", "jsonl", "xlsx"})
    void aValueWhoseToStringIsNullIsWrittenAsNullInEveryFormat(String format) throws Exception {
        Path file = save(format, List.of("a", "b"), List.of(List.of(new Shown(null), "after")), true);
        ReadBack.Table t = ReadBack.read(format, file, true);
        // CSV has no null: its null is the empty field; JSON writes null; xlsx writes no cell
        assertThat(t.rows()).containsExactly(Arrays.asList(format.equals("csv") ? "" : null, "after"));
    }

    // ---- weak spot: arrays and JVM identity strings ----

    @ParameterizedTest
    @ValueSource(strings = {"csv", "json", "jsonl", "xlsx"})
    void arraysAreWrittenElementByElementInEveryFormat(String format) throws Exception {
        List<Object> row = List.of(new int[] {1, 2, 3}, new String[] {"a", "b"}, List.of(new long[] {4, 5}), new char[] {'h', 'i'});
        Path file = save(format, List.of("ints", "strings", "nested", "chars"), List.of(row), false);
        List<String> cells = ReadBack.read(format, file, true).rows().get(0);
        if (format.startsWith("json")) {
            assertThat(cells).containsExactly("[1,2,3]", "[\"a\",\"b\"]", "[[4,5]]", "[\"h\",\"i\"]");
        } else {
            assertThat(cells).containsExactly("[1, 2, 3]", "[a, b]", "[[4, 5]]", "[h, i]");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"csv", "json", "jsonl", "xlsx"})
    void aValueWithoutItsOwnToStringIsRefusedRatherThanWrittenAsAnIdentityString(String format) throws Exception {
        Path target = dir.resolve("out." + format);
        try (Fao fao = Fao.of(SavingStrategy.ALL_THREADS_ONE_FILE)) {
            assertThatThrownBy(() -> fao.save(format, target, List.of("a"), List.of(List.of(new NoText()))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("a value of class " + NoText.class.getTypeName()
                            + " has no toString() of its own, so it would be written as a JVM identity string such as '"
                            + NoText.class.getName() + "@")
                    .hasMessageEndingWith("'; save text, a number or a value whose class declares toString()");
            assertThatThrownBy(() -> fao.save(format, dir.resolve("nested." + format), List.of("a"),
                    List.of(List.of(List.of(new NoText())))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has no toString() of its own");
        }
        assertThat(files()).isEmpty();
    }

    // ---- weak spot: duplicate header names ----

    @ParameterizedTest
    @ValueSource(strings = {"csv", "json", "jsonl", "xlsx"})
    void aHeaderNamingAColumnTwiceIsRefusedInEveryFormat(String format) throws Exception {
        Map<Object, Object> row = new LinkedHashMap<>();
        row.put(1, "int key");
        row.put("1", "text key");
        try (Fao fao = Fao.of(SavingStrategy.ALL_THREADS_ONE_FILE)) {
            assertThatThrownBy(() -> fao.save(format, dir.resolve("a." + format), List.of("id", "name", "id"),
                    List.of(List.of(1, "x", 2))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("header [id, name, id] names column 'id' twice (at 0 and 2); column names must be unique");
            assertThatThrownBy(() -> fao.save(format, dir.resolve("b." + format), List.of(row)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("header [1, 1] names column '1' twice (at 0 and 1); column names must be unique");
        }
        assertThat(files()).isEmpty();
    }

    // ---- weak spot: json + APPEND wording ----

    @Test
    void jsonAppendIsRefusedWithWordsThatHoldWhenNoFileExists() throws Exception {
        Path target = dir.resolve("new.json");
        try (Fao fao = Fao.builder().withWriteMode(WriteMode.APPEND).build()) {
            assertThatThrownBy(() -> fao.save("json", target, List.of("a"), List.of(List.of(1))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage(JSON_APPEND_REFUSED);
        }
        assertThat(files()).isEmpty();
    }

    // ---- defect 7: xlsx APPEND <dimension> ----

    private static String dimension(Path xlsx) throws IOException {
        try (ZipFile zip = new ZipFile(xlsx.toFile()); InputStream in = zip.getInputStream(zip.getEntry("xl/worksheets/sheet1.xml"))) {
            String xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Matcher m = Pattern.compile("<dimension ref=\"([A-Z0-9:]+)\"").matcher(xml);
            assertThat(m.find()).as("sheet1.xml has a <dimension>").isTrue();
            return m.group(1);
        }
    }

    private static List<List<Object>> rows(int from, int n) {
        return IntStream.range(from, from + n).mapToObj(i -> List.<Object>of(i, "row " + i)).toList();
    }

    @Test
    void xlsxAppendWritesADimensionCoveringTheOldAndTheNewRows() throws Exception {
        Path xlsx = dir.resolve("dim.xlsx");
        try (Fao fao = Fao.of(SavingStrategy.ALL_THREADS_ONE_FILE)) {
            fao.save("xlsx-poi", xlsx, List.of("n", "s"), rows(0, 3)); // the writer that appends
        }
        assertThat(dimension(xlsx)).isEqualTo("A1:B4");
        for (int run = 1; run <= 2; run++) {
            try (Fao fao = Fao.builder().withStrategy(SavingStrategy.ALL_THREADS_ONE_FILE).withWriteMode(WriteMode.APPEND).build()) {
                fao.save("xlsx-poi", xlsx, List.of("n", "s"), rows(run * 3, 2));
            }
        }
        assertThat(dimension(xlsx)).isEqualTo("A1:B8");
        ReadBack.Table t = ReadBack.read("xlsx", xlsx, true);
        assertThat(t.rows()).hasSize(7);
        // a wider appended row widens the dimension
        try (Fao fao = Fao.builder().withStrategy(SavingStrategy.ALL_THREADS_ONE_FILE).withWriteMode(WriteMode.APPEND).build()) {
            fao.save("xlsx-poi", xlsx, List.of(List.of(1, "x", "wide")));
        }
        assertThat(dimension(xlsx)).isEqualTo("A1:C9");
    }

    // ---- weak spot: xlsx cells over 32,767 characters ----

    @Test
    void anXlsxTextOverTheCellLimitIsRefusedNamingRowAndColumn() throws Exception {
        List<List<Object>> rows = new ArrayList<>(rows(0, 2));
        rows.add(List.of(2, "y".repeat(40_000)));
        try (Fao fao = Fao.of(SavingStrategy.ALL_THREADS_ONE_FILE)) {
            assertThatThrownBy(() -> fao.save("xlsx", dir.resolve("long.xlsx"), List.of("n", "s"), rows))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("an xlsx cell holds at most 32767 characters but the text at row 4, column B ('s') has 40000");
        }
        assertThat(files()).isEmpty();
    }

    @Test
    void aFullLengthXlsxTextThatFormulaProtectionWouldLengthenIsRefusedWithThatReason() throws Exception {
        String formulaLike = "=" + "z".repeat(32_766);
        Path unguarded = save("xlsx", List.of("s"), List.of(List.of(formulaLike)), false);
        assertThat(ReadBack.read("xlsx", unguarded, true).rows().get(0).get(0)).isEqualTo(formulaLike);
        try (Fao fao = Fao.builder().withStrategy(SavingStrategy.ALL_THREADS_ONE_FILE).withFormulaProtection(true).build()) {
            assertThatThrownBy(() -> fao.save("xlsx", dir.resolve("guarded.xlsx"), List.of("s"), List.of(List.of(formulaLike))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("an xlsx cell holds at most 32767 characters; the text at row 2, column A ('s') has 32767 but "
                            + "starts with a formula trigger, and formula protection's leading ' makes it 32768; "
                            + "shorten it or turn formula protection off");
        }
        assertThat(files()).containsExactly("out.xlsx");
    }
}
