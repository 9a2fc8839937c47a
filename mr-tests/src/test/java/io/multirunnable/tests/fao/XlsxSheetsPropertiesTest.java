package io.multirunnable.tests.fao;

import static org.assertj.core.api.Assertions.assertThat;

import io.multirunnable.fao.Fao;
import io.multirunnable.fao.SavingStrategy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/**
 * {@link SavingStrategy#ONE_SHEET_PER_WORKER} for any number of concurrent workers, saves per
 * worker and rows per save (around the engine's chunk size too), with either xlsx writer: one
 * sheet per worker, named after it, holding the header and exactly that worker's rows in its
 * order, read back by POI; no temporary file left. 200 tries (each writes and parses a workbook).
 */
class XlsxSheetsPropertiesTest {

    @Provide
    Arbitrary<Integer> rowsPerSave() {
        return Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.integers().between(0, 30)),
                Tuple.of(1, Arbitraries.integers().between(Fao.CHUNK_ROWS - 2, Fao.CHUNK_ROWS + 2)));
    }

    @Provide
    Arbitrary<String> writers() {
        return Arbitraries.of(XlsxWritersTest.POI, XlsxWritersTest.FAST);
    }

    @Property(tries = 200)
    void eachWorkerGetsItsOwnSheetWithExactlyItsRows(@ForAll @IntRange(min = 1, max = 6) int workers,
                                                     @ForAll @IntRange(min = 1, max = 3) int saves,
                                                     @ForAll("rowsPerSave") int rowsPerSave,
                                                     @ForAll("writers") String format) throws Exception {
        Path dir = Files.createTempDirectory("fao-sheets");
        try {
            Path file = dir.resolve("out.xlsx");
            List<Throwable> failures;
            try (Fao fao = Fao.of(SavingStrategy.ONE_SHEET_PER_WORKER)) {
                failures = XlsxWritersTest.runThreads(workers, w -> "sheet " + w, w -> {
                    for (int s = 0; s < saves; s++) {
                        List<List<Object>> rows = new ArrayList<>();
                        for (int i = 0; i < rowsPerSave; i++) {
                            rows.add(List.of(w, s * rowsPerSave + i, "r" + w + "-" + (s * rowsPerSave + i)));
                        }
                        fao.save(format, file, List.of("worker", "seq", "text"), rows);
                    }
                });
            }
            assertThat(failures).isEmpty();
            Map<String, List<List<String>>> sheets = XlsxWritersTest.read(file);
            assertThat(sheets).hasSize(workers);
            for (int w = 0; w < workers; w++) {
                List<List<String>> rows = sheets.get("sheet " + w);
                assertThat(rows).as("sheet %d", w).hasSize(1 + saves * rowsPerSave);
                assertThat(rows.get(0)).containsExactly("S:worker", "S:seq", "S:text");
                for (int i = 0; i < saves * rowsPerSave; i++) {
                    assertThat(rows.get(1 + i)).containsExactly("N:" + (double) w, "N:" + (double) i, "S:r" + w + "-" + i);
                }
            }
            try (Stream<Path> left = Files.list(dir)) {
                assertThat(left.map(p -> p.getFileName().toString())).containsExactly("out.xlsx");
            }
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
