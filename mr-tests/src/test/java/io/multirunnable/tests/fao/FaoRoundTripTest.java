package io.multirunnable.tests.fao;

import static org.assertj.core.api.Assertions.assertThat;

import io.multirunnable.fao.Fao;
import io.multirunnable.fao.SavingStrategy;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Values round-trip through every format; rows as records, maps and lists; formula protection; progress. */
class FaoRoundTripTest {

    /** A row type: its component names are the header. */
    public record Sample(LocalDate day, LocalDateTime at, OffsetDateTime offset, Instant instant, int count, long big,
                         long negative, double ratio, BigDecimal amount, BigDecimal price, String text, Boolean flag,
                         String nothing, String empty) {
        List<Object> values() {
            return Arrays.asList(day, at, offset, instant, count, big, negative, ratio, amount, price, text, flag, nothing,
                    empty);
        }
    }

    static final List<String> HEADER = List.of("day", "at", "offset", "instant", "count", "big", "negative", "ratio",
            "amount", "price", "text", "flag", "nothing", "empty");

    static final List<Sample> SAMPLES = List.of(
            new Sample(LocalDate.of(2024, 2, 29), LocalDateTime.of(2024, 2, 29, 13, 45, 30),
                    OffsetDateTime.of(2024, 2, 29, 13, 45, 30, 0, ZoneOffset.ofHours(2)),
                    Instant.parse("2024-02-29T11:45:30.123Z"), 42, 9_007_199_254_740_993L, -7, 3.25,
                    new BigDecimal("12345678901234567890.123"), new BigDecimal("12.50"),
                    "ünï 数据 😀 say \"hi\", a,b; line1\nline2\r\nline3", true, null, ""),
            new Sample(LocalDate.of(1999, 12, 31), LocalDateTime.of(2000, 1, 1, 0, 0, 1),
                    OffsetDateTime.of(2000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC), Instant.EPOCH, -1, 0, Long.MIN_VALUE, -0.5,
                    BigDecimal.ZERO, new BigDecimal("-0.001"), "\"", false, null, "x"));

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"csv", "json", "jsonl", "xlsx"})
    void recordsMapsAndListsRoundTrip(String format) throws Exception {
        List<Map<String, Object>> maps = new ArrayList<>();
        List<List<Object>> lists = new ArrayList<>();
        for (Sample s : SAMPLES) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (int i = 0; i < HEADER.size(); i++) {
                m.put(HEADER.get(i), s.values().get(i));
            }
            maps.add(m);
            lists.add(s.values());
        }
        try (Fao fao = Fao.of(SavingStrategy.ALL_THREADS_ONE_FILE)) {
            fao.save(format, dir.resolve("records." + format), SAMPLES);
            fao.save(format, dir.resolve("maps." + format), maps);
            fao.save(format, dir.resolve("lists." + format), HEADER, lists);
        }
        List<List<String>> expected = SAMPLES.stream()
                .map(s -> s.values().stream().map(v -> expected(format, v)).toList()).toList();
        for (String name : List.of("records", "maps", "lists")) {
            ReadBack.Table t = ReadBack.read(format, dir.resolve(name + "." + format), true);
            assertThat(t.header()).as(name).isEqualTo(HEADER);
            assertThat(t.rows()).as(name).isEqualTo(expected);
        }
    }

    /** What each format gives back for a value, as text (the documented mapping of each format). */
    static String expected(String format, Object v) {
        if (v == null) {
            return format.equals("csv") ? "" : null; // CSV has no null: an empty field
        }
        if (format.equals("xlsx")) {
            if (v instanceof Integer || v instanceof Double || (v instanceof Long l && l >= -(1L << 53) && l <= (1L << 53))
                    || (v instanceof BigDecimal bd && bd.precision() <= 15)) {
                double d = ((Number) v).doubleValue();
                return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d); // numeric cells
            }
        }
        if (v instanceof BigDecimal bd) {
            return bd.toPlainString();
        }
        return v.toString();
    }

    @Test
    void jsonKeepsNumbersAndBooleansTyped() throws Exception {
        Path file = dir.resolve("typed.jsonl");
        try (Fao fao = Fao.of(SavingStrategy.ALL_THREADS_ONE_FILE)) {
            fao.save("jsonl", file, SAMPLES);
        }
        var node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                java.nio.file.Files.readAllLines(file).get(0));
        assertThat(node.get("count").isIntegralNumber()).isTrue();
        assertThat(node.get("big").asLong()).isEqualTo(9_007_199_254_740_993L);
        assertThat(node.get("ratio").isNumber()).isTrue();
        assertThat(node.get("flag").isBoolean()).isTrue();
        assertThat(node.get("nothing").isNull()).isTrue();
        assertThat(node.get("day").asText()).isEqualTo("2024-02-29");
    }

    @ParameterizedTest
    @ValueSource(strings = {"csv", "xlsx", "json"})
    void formulaProtectionPrefixesDangerousText(String format) throws Exception {
        List<Object> row = Arrays.asList("=1+2", "+cmd|' /C calc'!A0", "-5", "@SUM(A1)", "\tx", "safe", -5, "");
        for (boolean on : new boolean[] {true, false}) {
            Path file = dir.resolve(on + "." + format);
            try (Fao fao = Fao.builder().withStrategy(SavingStrategy.ALL_THREADS_ONE_FILE).withFormulaProtection(on).build()) {
                fao.save(format, file, List.of(), List.of(row));
            }
            List<String> back = ReadBack.read(format, file, false).rows().get(0);
            boolean protect = on && !format.equals("json"); // only spreadsheet formats are changed
            assertThat(back).as("protection " + on).containsExactly(
                    protect ? "'=1+2" : "=1+2", protect ? "'+cmd|' /C calc'!A0" : "+cmd|' /C calc'!A0",
                    protect ? "'-5" : "-5", protect ? "'@SUM(A1)" : "@SUM(A1)", protect ? "'\tx" : "\tx", "safe", "-5", "");
        }
    }

    @Test
    void progressListenerSeesEveryRow() throws Exception {
        var seen = new ConcurrentLinkedQueue<Long>();
        var files = new ConcurrentLinkedQueue<Path>();
        Path target = dir.resolve("p.csv");
        try (Fao fao = Fao.builder().withStrategy(SavingStrategy.ALL_THREADS_ONE_FILE)
                .onProgress((file, rows) -> {
                    files.add(file);
                    seen.add(rows);
                }).build();
             var executor = io.multirunnable.SimpleExecutor.of(io.multirunnable.RunningMode.GREEN_THREAD, 4)) {
            var results = executor.run(() -> {
                fao.save("csv", target, List.of("n"), java.util.stream.IntStream.range(0, 2500).boxed()
                        .map(i -> List.of(i)).toList());
                return null;
            });
            assertThat(results).allMatch(io.multirunnable.WorkerResult::isSuccessful);
        }
        assertThat(files).containsOnly(target.toAbsolutePath().normalize());
        assertThat(seen).allMatch(n -> n > 0 && n <= 10_000);
        assertThat(seen.stream().mapToLong(Long::longValue).max().orElseThrow()).isEqualTo(10_000);
        assertThat(seen.size()).isGreaterThanOrEqualTo(4 * 3); // at least one report per chunk of 1000 rows
        assertThat(ReadBack.read("csv", target, true).rows()).hasSize(10_000);
    }
}
