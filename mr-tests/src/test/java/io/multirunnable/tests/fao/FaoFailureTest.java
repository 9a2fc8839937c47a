package io.multirunnable.tests.fao;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multirunnable.RunningMode;
import io.multirunnable.SimpleExecutor;
import io.multirunnable.WorkerResult;
import io.multirunnable.fao.Fao;
import io.multirunnable.fao.SavingStrategy;
import io.multirunnable.fao.WriteMode;
import io.multirunnable.fao.spi.FileFormat;
import io.multirunnable.fao.spi.FormatSettings;
import io.multirunnable.fao.spi.RowWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Failures leave no partial file and existing files untouched; bad input gets a clear error. */
class FaoFailureTest {
    @TempDir
    Path dir;

    /** Rows 0..n-1, then the source throws (a failure injected mid-write). */
    static Iterable<List<Object>> failingAfter(int n) {
        return () -> new Iterator<>() {
            int i;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public List<Object> next() {
                if (i == n) {
                    throw new UncheckedIOException(new IOException("source broke at row " + n));
                }
                return List.of(i++, "row");
            }
        };
    }

    static List<List<Object>> rows(int n) {
        return IntStream.range(0, n).mapToObj(i -> List.<Object>of(i, "row")).toList();
    }

    private List<String> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"csv", "json", "jsonl", "xlsx"})
    void sourceFailureMidWriteLeavesNoFileAndExistingUntouched(String format) throws Exception {
        Path target = dir.resolve("out." + format);
        Path existing = dir.resolve("existing." + format);
        byte[] before = "precious".getBytes(StandardCharsets.UTF_8);
        Files.write(existing, before);
        try (Fao fao = Fao.of(SavingStrategy.ALL_THREADS_ONE_FILE)) {
            assertThatThrownBy(() -> fao.save(format, target, List.of("n", "s"), failingAfter(2500)))
                    .isInstanceOf(UncheckedIOException.class).hasMessageContaining("source broke at row 2500");
            assertThatThrownBy(() -> fao.save(format, existing, List.of("n", "s"), failingAfter(1500)))
                    .isInstanceOf(UncheckedIOException.class);
            assertThat(files()).as("temporary file deleted at once").containsExactly("existing." + format);
            assertThatThrownBy(() -> fao.save(format, target, List.of("n", "s"), rows(1)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("output " + target.toAbsolutePath() + " was discarded because an earlier save failed: ");
        }
        assertThat(files()).containsExactly("existing." + format);
        assertThat(Files.readAllBytes(existing)).isEqualTo(before);
    }

    @ParameterizedTest
    @EnumSource(value = SavingStrategy.class, names = "ONE_SHEET_PER_WORKER", mode = EnumSource.Mode.EXCLUDE) // ONE_SHEET_PER_WORKER: XlsxWritersTest, XlsxSheetsPropertiesTest
    void oneWorkerFailingDiscardsOnlyTheOutputItWroteTo(SavingStrategy strategy) throws Exception {
        Path target = dir.resolve("out.csv");
        Files.writeString(target, "old\r\n");
        Files.writeString(dir.resolve("out.zip"), "old zip");
        List<WorkerResult<Object>> results;
        try (Fao fao = Fao.of(strategy);
             SimpleExecutor executor = SimpleExecutor.builder(RunningMode.CONCURRENT).withWorkers(4).withName("f").build()) {
            results = executor.run(() -> {
                boolean bad = io.multirunnable.WorkerContext.current().id() == 2;
                fao.save("csv", target, List.of("n", "s"), bad ? failingAfter(1200) : rows(3000));
                return null;
            });
        }
        assertThat(results.get(1).error()).isInstanceOf(UncheckedIOException.class);
        assertThat(Files.readString(target)).as("existing file untouched").isEqualTo("old\r\n");
        assertThat(Files.readString(dir.resolve("out.zip"))).as("existing archive untouched").isEqualTo("old zip");
        switch (strategy) {
            case ONE_THREAD_ONE_FILE -> {
                // the other workers' files are complete
                assertThat(files()).containsExactly("out-f-worker-1.csv", "out-f-worker-3.csv", "out-f-worker-4.csv",
                        "out.csv", "out.zip");
                assertThat(ReadBack.read("csv", dir.resolve("out-f-worker-3.csv"), true).rows()).hasSize(3000);
            }
            case ALL_THREADS_ONE_FILE, ONE_THREAD_ONE_FILE_AND_COMPRESS_ALL -> {
                assertThat(files()).containsExactly("out.csv", "out.zip");
                // the shared output was discarded: the other workers either finished earlier or were refused
                results.stream().filter(r -> !r.isSuccessful() && r.workerId() != 2)
                        .forEach(r -> assertThat(r.error()).isInstanceOf(IllegalStateException.class));
            }
            default -> throw new IllegalStateException();
        }
    }

    /** A format whose writer fails like a full disk after {@code after} rows, or on close. */
    static FileFormat failingDisk(int after, boolean onClose) {
        FileFormat csv = Fao.format("csv");
        return new FileFormat() {
            @Override
            public String name() {
                return "faulty";
            }

            @Override
            public String extension() {
                return "csv";
            }

            @Override
            public boolean supportsAppend() {
                return true;
            }

            @Override
            public RowWriter open(OutputStream out, InputStream existing, FormatSettings settings) throws IOException {
                RowWriter real = csv.open(out, existing, settings);
                return new RowWriter() {
                    int n;

                    @Override
                    public void write(List<?> row) throws IOException {
                        if (n++ == after) {
                            throw new IOException("No space left on device");
                        }
                        real.write(row);
                    }

                    @Override
                    public void close() throws IOException {
                        real.close();
                        if (onClose) {
                            throw new IOException("No space left on device (on close)");
                        }
                    }
                };
            }
        };
    }

    @Test
    void diskErrorWhileWritingLeavesNoPartialFile() throws Exception {
        Path target = dir.resolve("disk.csv");
        Files.writeString(target, "old");
        try (Fao fao = Fao.builder().withWriteMode(WriteMode.APPEND).withStrategy(SavingStrategy.ALL_THREADS_ONE_FILE).build()) {
            assertThatThrownBy(() -> fao.save(failingDisk(1500, false), target, List.of("n", "s"), rows(5000)))
                    .isInstanceOf(IOException.class).hasMessage("No space left on device");
        }
        assertThat(files()).containsExactly("disk.csv");
        assertThat(Files.readString(target)).isEqualTo("old");
    }

    @Test
    void diskErrorOnCloseIsThrownAndOtherOutputsArePublished() throws Exception {
        Path bad = dir.resolve("bad.csv");
        Path good = dir.resolve("good.csv");
        Fao fao = Fao.of(SavingStrategy.ALL_THREADS_ONE_FILE);
        fao.save(failingDisk(Integer.MAX_VALUE, true), bad, List.of("n", "s"), rows(10));
        fao.save("csv", good, List.of("n", "s"), rows(10));
        assertThatThrownBy(fao::close).isInstanceOf(IOException.class)
                .hasMessageStartingWith("could not complete " + bad.toAbsolutePath() + ": ");
        assertThat(files()).containsExactly("good.csv");
        assertThat(fao.published()).containsExactly(good.toAbsolutePath());
        fao.close(); // idempotent
    }

    @Test
    void missingOrNonDirectoryParentIsAnIoErrorWithoutOutput() throws Exception {
        Path notADir = dir.resolve("file");
        Files.writeString(notADir, "x");
        try (Fao fao = Fao.of(SavingStrategy.ONE_THREAD_ONE_FILE)) {
            assertThatThrownBy(() -> fao.save("csv", dir.resolve("missing/out.csv"), rows(3)))
                    .isInstanceOf(IOException.class)
                    .hasMessageStartingWith("cannot create a temporary file in " + dir.resolve("missing"))
                    .hasMessageContaining("(the directory must exist and be writable)");
            assertThatThrownBy(() -> fao.save("csv", notADir.resolve("out.csv"), rows(3)))
                    .isInstanceOf(IOException.class)
                    .hasMessageStartingWith("cannot create a temporary file in " + notADir);
        }
        assertThat(files()).containsExactly("file");
    }

    @Test
    void unknownFormatListsInstalledFormats() {
        assertThat(Fao.installedFormats()).containsExactly("csv", "json", "jsonl", "xlsx", "xlsx-fastexcel", "xlsx-poi");
        try (Fao fao = Fao.of(SavingStrategy.ALL_THREADS_ONE_FILE)) {
            assertThatThrownBy(() -> fao.save("xml", dir.resolve("a.xml"), rows(1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("Unknown FileFormat 'xml' (from the format argument of save); installed: [csv, json, jsonl, xlsx, xlsx-fastexcel, xlsx-poi]")
                    .hasMessageContainingAll("csv", "json", "jsonl", "xlsx");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void compressWithoutZipStrategyIsRefused() {
        assertThatThrownBy(() -> Fao.builder().withStrategy(SavingStrategy.ONE_THREAD_ONE_FILE)
                .withZipFile(Path.of("all.zip")).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("zipFile (all.zip) compresses output, which needs strategy ONE_THREAD_ONE_FILE_AND_COMPRESS_ALL "
                        + "but strategy was ONE_THREAD_ONE_FILE");
    }

    @Test
    void zipFileCollectsEverySaveOfEveryWorker() throws Exception {
        Path zip = dir.resolve("all.zip");
        try (Fao fao = Fao.builder().withStrategy(SavingStrategy.ONE_THREAD_ONE_FILE_AND_COMPRESS_ALL).withZipFile(zip).build();
             SimpleExecutor executor = SimpleExecutor.builder(RunningMode.GREEN_THREAD).withWorkers(2).withName("z").build()) {
            executor.run(() -> {
                fao.save("csv", dir.resolve("a.csv"), List.of("n", "s"), rows(5));
                fao.save("jsonl", dir.resolve("b"), List.of("n", "s"), rows(7));
                return null;
            });
        }
        assertThat(files()).containsExactly("all.zip");
        Map<String, byte[]> entries = ReadBack.unzip(zip);
        assertThat(entries.keySet()).containsExactlyInAnyOrder("a-z-worker-1.csv", "a-z-worker-2.csv",
                "b-z-worker-1.jsonl", "b-z-worker-2.jsonl");
        assertThat(ReadBack.read("jsonl", entries.get("b-z-worker-2.jsonl"), true).rows()).hasSize(7);
    }

    @Test
    void raggedRowsArePaddedWhenShortAndRefusedWhenLong() throws Exception {
        Path padded = dir.resolve("padded.csv");
        Path json = dir.resolve("padded.jsonl");
        Path noHeader = dir.resolve("noheader.csv");
        try (Fao fao = Fao.of(SavingStrategy.ALL_THREADS_ONE_FILE)) {
            List<List<Object>> short_ = List.of(List.of(1, "a", "x"), List.of(2), List.of());
            fao.save("csv", padded, List.of("n", "s", "t"), short_);
            fao.save("jsonl", json, List.of("n", "s", "t"), short_);
            fao.save("csv", noHeader, List.of(List.of(1, 2), List.of(3)));
            assertThatThrownBy(() -> fao.save("csv", noHeader, List.of(List.of(4, 5, 6))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("row 0 of this save has 3 values but the output has 2 columns (set by its first row); "
                            + "shorter rows are padded with empty values, longer rows are refused");
            Path longRows = dir.resolve("long.csv");
            assertThatThrownBy(() -> fao.save("csv", longRows, List.of("n"), List.of(List.of(1), List.of(1, 2))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("row 1 of this save has 2 values but the output has 1 columns [n]; "
                            + "shorter rows are padded with empty values, longer rows are refused");
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("n", 1);
            extra.put("zzz", 2);
            assertThatThrownBy(() -> fao.save("csv", dir.resolve("map.csv"), List.of("n"), List.of(extra)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("row 0 of this save has key 'zzz' which is not a column of the output [n]");
            assertThatThrownBy(() -> fao.save("csv", dir.resolve("type.csv"), List.of("n"), List.of("just text")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("row 0 of this save is a java.lang.String; rows must be List, Object[], Map<String, ?> or a record");
        }
        assertThat(ReadBack.read("csv", padded, true).rows())
                .containsExactly(List.of("1", "a", "x"), List.of("2", "", ""), List.of("", "", ""));
        assertThat(ReadBack.read("jsonl", json, true).rows())
                .containsExactly(List.of("1", "a", "x"), Arrays.asList("2", null, null), Arrays.asList(null, null, null));
        assertThat(files()).containsExactlyInAnyOrder("padded.csv", "padded.jsonl"); // failed outputs discarded
    }

    @Test
    void aDifferentHeaderIsRefusedWithoutDiscardingTheOutput() throws Exception {
        Path target = dir.resolve("h.csv");
        try (Fao fao = Fao.of(SavingStrategy.ALL_THREADS_ONE_FILE)) {
            fao.save("csv", target, List.of("a", "b"), rows(2));
            assertThatThrownBy(() -> fao.save("csv", target, List.of("a", "c"), rows(2)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("header [a, c] differs from the header [a, b] the output " + target.toAbsolutePath()
                            + " was started with");
            assertThatThrownBy(() -> fao.save("jsonl", target, List.of("a", "b"), rows(2)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("output " + target.toAbsolutePath() + " is written as 'csv'; it cannot take rows as 'jsonl'");
            fao.save("csv", target, null, rows(2));
        }
        assertThat(ReadBack.read("csv", target, true).rows()).hasSize(4);
    }

    @Test
    void closedFaoRefusesSavesAndNullsAreNamed() throws Exception {
        Fao fao = Fao.of(SavingStrategy.ALL_THREADS_ONE_FILE);
        assertThatThrownBy(() -> fao.save("csv", null, rows(1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("path must not be null");
        assertThatThrownBy(() -> fao.save("csv", dir.resolve("x.csv"), null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rows must not be null");
        assertThatThrownBy(() -> fao.save("csv", dir.resolve("x.csv"), Arrays.asList("a", null), rows(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("header[1] must not be null");
        assertThatThrownBy(() -> fao.save(" ", dir.resolve("x.csv"), rows(1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("format must not be blank");
        fao.close();
        assertThatThrownBy(() -> fao.save("csv", dir.resolve("x.csv"), rows(1))).isInstanceOf(IllegalStateException.class)
                .hasMessage("this Fao is closed");
        assertThat(files()).isEmpty();
    }

    @Test
    void closeWhileAFirstSaveIsStillReadingItsRowsPublishesNothingForIt() throws Exception {
        Path target = dir.resolve("race.csv");
        java.util.concurrent.CountDownLatch reading = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);
        Iterable<List<Object>> slow = () -> new Iterator<>() {
            @Override
            public boolean hasNext() {
                reading.countDown();
                try {
                    closed.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return false;
            }

            @Override
            public List<Object> next() {
                throw new java.util.NoSuchElementException();
            }
        };
        Fao fao = Fao.of(SavingStrategy.ALL_THREADS_ONE_FILE);
        var save = java.util.concurrent.CompletableFuture.runAsync(() -> {
            try {
                fao.save("csv", target, List.of("n"), slow);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        reading.await();
        fao.close();
        closed.countDown();
        assertThatThrownBy(save::join).hasCauseInstanceOf(IllegalStateException.class)
                .cause().hasMessage("this Fao is closed; output " + target.toAbsolutePath() + " takes no more rows");
        assertThat(fao.published()).isEmpty();
        assertThat(files()).isEmpty();
    }

    @Test
    void appendToExistingXlsxAndZipKeepsOldContent() throws Exception {
        Path xlsx = dir.resolve("a.xlsx");
        for (int run = 0; run < 2; run++) {
            try (Fao fao = Fao.builder().withStrategy(SavingStrategy.ALL_THREADS_ONE_FILE).withWriteMode(WriteMode.APPEND).build()) {
                fao.save("xlsx-poi", xlsx, List.of("n", "s"), rows(3));
            }
        }
        ReadBack.Table t = ReadBack.read("xlsx", xlsx, true);
        assertThat(t.header()).containsExactly("n", "s");
        List<List<String>> expected = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            for (int i = 0; i < 3; i++) {
                expected.add(List.of(String.valueOf(i), "row"));
            }
        }
        assertThat(t.rows()).isEqualTo(expected);
    }
}
