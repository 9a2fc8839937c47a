package io.multirunnable.fao.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multirunnable.fao.Fao;
import io.multirunnable.fao.SavingStrategy;
import io.multirunnable.fao.WriteMode;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * White-box: the resume journal's recovery (torn tails, missing manifest, corrupt records, a
 * kill between publication and journal deletion) and its refusals. "Killed" runs are simulated
 * by abandoning a {@code Fao} without closing it: every keyed save has flushed its commit, which
 * is what a kill -9 leaves (the page cache survives the process). mr-tests kills real JVMs.
 */
class JournalTest {
    @TempDir
    Path dir;
    final List<Fao> abandoned = new ArrayList<>();

    @AfterEach
    void unhook() {
        AtomicFiles.observer = null;
    }

    private Fao resumable(SavingStrategy strategy) {
        return Fao.builder().withStrategy(strategy).withResume(true).build();
    }

    /** A run that dies: never closed. */
    private Fao killedRun() {
        Fao fao = resumable(SavingStrategy.ALL_THREADS_ONE_FILE);
        abandoned.add(fao);
        return fao;
    }

    private static List<List<Object>> rowsOf(String key, int n) {
        return IntStream.range(0, n).mapToObj(i -> List.<Object>of(key, i, "v,\"" + i + "\"\n")).toList();
    }

    private static final List<String> HEADER = List.of("key", "i", "text");

    /** The file parsed by commons-csv: key → row indexes in file order; checks the header is the first line once. */
    private static Map<String, List<Integer>> read(Path csv) throws IOException {
        Map<String, List<Integer>> byKey = new LinkedHashMap<>();
        try (Reader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            List<CSVRecord> records = CSVFormat.DEFAULT.parse(r).getRecords();
            assertThat(records.get(0).toList()).isEqualTo(HEADER);
            for (CSVRecord rec : records.subList(1, records.size())) {
                assertThat(rec.size()).isEqualTo(3);
                int i = Integer.parseInt(rec.get(1));
                assertThat(rec.get(2)).isEqualTo("v,\"" + i + "\"\n");
                byKey.computeIfAbsent(rec.get(0), k -> new ArrayList<>()).add(i);
            }
        }
        return byKey;
    }

    private static void assertExactlyOnce(Map<String, List<Integer>> read, Map<String, Integer> expected) {
        assertThat(read.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((k, n) -> assertThat(read.get(k)).as("rows of key " + k)
                .isEqualTo(IntStream.range(0, n).boxed().toList()));
    }

    private Path journal(Path target) {
        return dir.resolve("." + target.getFileName() + ".resume");
    }

    private List<Path> logs(Path target) throws IOException {
        try (Stream<Path> s = Files.list(journal(target))) {
            return s.filter(p -> p.getFileName().toString().startsWith("log-")).sorted().toList();
        }
    }

    @Test
    void aResumedRunSkipsDurableKeysAndPublishesEachKeyOnce() throws Exception {
        Path out = dir.resolve("out.csv");
        Fao first = killedRun();
        assertThat(first.save("a", "csv", out, HEADER, rowsOf("a", 2500))).isTrue();
        assertThat(first.save("b", "csv", out, HEADER, rowsOf("b", 3))).isTrue();
        assertThat(first.save("a", "csv", out, HEADER, rowsOf("a", 99))).as("durable already: not saved again").isFalse();
        assertThat(Files.exists(out)).isFalse();

        try (Fao second = resumable(SavingStrategy.ALL_THREADS_ONE_FILE)) {
            assertThat(second.durableKeys(out)).containsExactlyInAnyOrder("a", "b");
            assertThat(second.isDone(out, "a")).isTrue();
            assertThat(second.isDone(out, "c")).isFalse();
            Iterable<Object> untouched = () -> {
                throw new AssertionError("rows of a durable key must not be read");
            };
            assertThat(second.save("b", "csv", out, HEADER, untouched)).isFalse();
            assertThat(second.save("c", "csv", out, HEADER, rowsOf("c", 1000))).isTrue();
            assertThat(second.save("empty", "csv", out, HEADER, List.of())).isTrue();
        }
        assertExactlyOnce(read(out), Map.of("a", 2500, "b", 3, "c", 1000));
        assertThat(Files.exists(journal(out))).as("the journal is deleted after publication").isFalse();
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("out.csv");
        }
    }

    @Test
    void aTornTailIsCutAndOnlyWholeCommitsCount() throws Exception {
        Path out = dir.resolve("out.csv");
        Fao first = killedRun();
        first.save("a", "csv", out, HEADER, rowsOf("a", 10));
        first.save("b", "csv", out, HEADER, rowsOf("b", 10));
        Path log = logs(out).get(0);
        long whole = Files.size(log);
        // cut the file at every byte of the last record: b is durable only with its whole commit
        Map<String, Journal.Committed> all = new LinkedHashMap<>();
        Journal.readLog(log, all);
        byte[] bytes = Files.readAllBytes(log);
        long aEnd = -1;
        for (long cut = whole - 1; cut >= Journal.MAGIC.length; cut--) {
            Path copy = dir.resolve("copy.log");
            Files.write(copy, java.util.Arrays.copyOf(bytes, (int) cut));
            Map<String, Journal.Committed> got = new LinkedHashMap<>();
            long valid = Journal.readLog(copy, got);
            assertThat(Files.size(copy)).as("truncated to the last whole record").isEqualTo(valid);
            assertThat(got.keySet()).as("cut at " + cut).isSubsetOf("a");
            if (got.containsKey("a") && aEnd < 0) {
                aEnd = cut;
            }
            if (!got.containsKey("a")) {
                assertThat(cut).isLessThan(aEnd);
            }
        }
        assertThat(all.keySet()).containsExactly("a", "b");

        // a torn tail on disk: garbage after a half-written record
        try (var c = java.nio.channels.FileChannel.open(log, StandardOpenOption.WRITE)) {
            c.truncate(whole - 3);
        }
        Files.write(log, new byte[] {1, 0, 0, 0}, StandardOpenOption.APPEND);
        try (Fao second = resumable(SavingStrategy.ALL_THREADS_ONE_FILE)) {
            assertThat(second.durableKeys(out)).containsExactly("a");
            second.save("b", "csv", out, HEADER, rowsOf("b", 10));
        }
        assertExactlyOnce(read(out), Map.of("a", 10, "b", 10));
    }

    @Test
    void aCorruptRecordEndsTheLogThere() throws Exception {
        Path out = dir.resolve("out.csv");
        Fao first = killedRun();
        first.save("a", "csv", out, HEADER, rowsOf("a", 5));
        long afterA = Files.size(logs(out).get(0));
        first.save("b", "csv", out, HEADER, rowsOf("b", 5));
        first.save("c", "csv", out, HEADER, rowsOf("c", 5));
        Path log = logs(out).get(0);
        byte[] bytes = Files.readAllBytes(log);
        bytes[(int) afterA + 20] ^= 0x40; // inside b's data record
        Files.write(log, bytes);
        try (Fao second = resumable(SavingStrategy.ALL_THREADS_ONE_FILE)) {
            assertThat(second.durableKeys(out)).as("b's record fails its CRC: b and what follows are redone")
                    .containsExactly("a");
            assertThat(Files.size(log)).isEqualTo(afterA);
            second.save("b", "csv", out, HEADER, rowsOf("b", 5));
            second.save("c", "csv", out, HEADER, rowsOf("c", 5));
        }
        assertExactlyOnce(read(out), Map.of("a", 5, "b", 5, "c", 5));
    }

    @Test
    void aSaveThatFailsMidwayIsNotDurableAndCanBeRepeated() throws Exception {
        Path out = dir.resolve("out.csv");
        Iterable<Object> failing = () -> new Iterator<>() {
            int i;

            @Override
            public boolean hasNext() {
                if (i == 2500) {
                    throw new IllegalStateException("source failed");
                }
                return true;
            }

            @Override
            public Object next() {
                return List.of("x", i++, "v,\"" + (i - 1) + "\"\n");
            }
        };
        Fao first = killedRun();
        first.save("a", "csv", out, HEADER, rowsOf("a", 3));
        assertThatThrownBy(() -> first.save("x", "csv", out, HEADER, failing)).hasMessage("source failed");
        assertThat(first.isDone(out, "x")).isFalse();
        first.save("b", "csv", out, HEADER, rowsOf("b", 3));
        try (Fao second = resumable(SavingStrategy.ALL_THREADS_ONE_FILE)) {
            assertThat(second.durableKeys(out)).containsExactlyInAnyOrder("a", "b");
            second.save("x", "csv", out, HEADER, rowsOf("x", 4));
        }
        assertExactlyOnce(read(out), Map.of("a", 3, "b", 3, "x", 4));
    }

    @Test
    void aJournalWithoutManifestStartsAfresh() throws Exception {
        Path out = dir.resolve("out.csv");
        Files.createDirectory(journal(out));
        Files.writeString(journal(out).resolve("manifest.abc.tmp"), "version=1\nform");
        Files.write(journal(out).resolve("log-000000-1-0.log"), Journal.MAGIC);
        try (Fao fao = resumable(SavingStrategy.ALL_THREADS_ONE_FILE)) {
            assertThat(fao.durableKeys(out)).isEmpty();
            fao.save("a", "csv", out, HEADER, rowsOf("a", 2));
        }
        assertExactlyOnce(read(out), Map.of("a", 2));
    }

    @Test
    void aLogKilledWhileBeingCreatedIsEmptyNotCorrupt() throws Exception {
        Path out = dir.resolve("out.csv");
        killedRun().save("a", "csv", out, HEADER, rowsOf("a", 2));
        Files.write(journal(out).resolve("log-000009-1-0.log"), java.util.Arrays.copyOf(Journal.MAGIC, 3));
        try (Fao fao = resumable(SavingStrategy.ALL_THREADS_ONE_FILE)) {
            assertThat(fao.durableKeys(out)).containsExactly("a");
        }
        assertExactlyOnce(read(out), Map.of("a", 2));
    }

    @Test
    void aBadMagicIsATornCreationWhenShortAndRefusedWhenLong() throws Exception {
        Path out = dir.resolve("out.csv");
        killedRun().save("a", "csv", out, HEADER, rowsOf("a", 2));
        Path shortLog = journal(out).resolve("log-000008-1-0.log");
        Files.write(shortLog, new byte[] {'M', 'R', 'F', 0x13, 0x7f, 1, 2, 3, 4, 5, 6, 7, 8, 9});
        try (Fao fao = resumable(SavingStrategy.ALL_THREADS_ONE_FILE)) {
            assertThat(fao.durableKeys(out)).containsExactly("a");
            assertThat(Files.size(shortLog)).isZero();
            fao.save("b", "csv", out, HEADER, rowsOf("b", 1));
        }
        assertExactlyOnce(read(out), Map.of("a", 2, "b", 1));

        killedRun().save("c", "csv", out, HEADER, rowsOf("c", 2));
        Path longLog = journal(out).resolve("log-000009-1-0.log");
        Files.write(longLog, new byte[Journal.MAGIC.length + Journal.TORN_CREATION_SLACK]);
        try (Fao fao = resumable(SavingStrategy.ALL_THREADS_ONE_FILE)) {
            assertThatThrownBy(() -> fao.durableKeys(out)).isInstanceOf(IOException.class)
                    .hasMessage("resume journal file " + longLog + " is not a journal log (bad magic); delete "
                            + journal(out) + " to start over");
        }
    }

    @Test
    void aKillAfterTheRenameButBeforeTheJournalIsDeletedRepublishesTheSameRows() throws Exception {
        Path out = dir.resolve("out.csv");
        Fao first = killedRun();
        first.save("a", "csv", out, HEADER, rowsOf("a", 1200));
        first.save("b", "csv", out, HEADER, rowsOf("b", 7));
        // the state of a kill right after "move out.csv": file published, journal still there
        Path keep = dir.resolve("journal-copy");
        Files.createDirectory(keep);
        for (Path p : Files.list(journal(out)).toList()) {
            Files.copy(p, keep.resolve(p.getFileName()));
        }
        try (Fao publisher = resumable(SavingStrategy.ALL_THREADS_ONE_FILE)) {
            publisher.durableKeys(out);
        }
        byte[] published = Files.readAllBytes(out);
        Files.move(keep, journal(out));

        try (Fao again = resumable(SavingStrategy.ALL_THREADS_ONE_FILE)) {
            assertThat(again.durableKeys(out)).containsExactlyInAnyOrder("a", "b");
            assertThat(again.save("a", "csv", out, HEADER, rowsOf("a", 1200))).isFalse();
        }
        assertThat(Files.readAllBytes(out)).as("republished, not appended").isEqualTo(published);
        assertExactlyOnce(read(out), Map.of("a", 1200, "b", 7));

        // a kill during the deletion of the renamed-away journal: the next run removes it
        Path dropped = dir.resolve(".out.csv.resume.dropped-xyz");
        Files.createDirectory(dropped);
        Files.write(dropped.resolve("log-000000-1-0.log"), Journal.MAGIC);
        try (Fao later = resumable(SavingStrategy.ALL_THREADS_ONE_FILE)) {
            assertThat(later.durableKeys(out)).as("a published journal is not resumed").isEmpty();
        }
        assertThat(Files.exists(dropped)).isFalse();
        assertThat(Files.readAllBytes(out)).as("nothing saved: nothing republished").isEqualTo(published);
    }

    @Test
    void publicationRenamesBeforeDroppingTheJournal() throws Exception {
        Path out = dir.resolve("out.csv");
        List<String> steps = new java.util.concurrent.CopyOnWriteArrayList<>();
        AtomicFiles.observer = steps::add;
        try (Fao fao = resumable(SavingStrategy.ALL_THREADS_ONE_FILE)) {
            fao.save("a", "csv", out, HEADER, rowsOf("a", 1));
        }
        List<String> kinds = steps.stream().map(s -> s.substring(0, s.indexOf(' '))).toList();
        // publish (fsync, rename, fsync dir), then the journal renamed away (fsync dir), then deleted
        assertThat(kinds).endsWith("assemble", "sync", "move", "syncdir", "syncdir", "dropped");
    }

    @Test
    void oneThreadOneFileKeepsEachWorkersFileAndResumesAcrossWorkers() throws Exception {
        Path out = dir.resolve("out.csv");
        Fao first = resumable(SavingStrategy.ONE_THREAD_ONE_FILE);
        abandoned.add(first);
        Thread w1 = Thread.ofPlatform().name("w1").start(() -> save(first, out, "a"));
        w1.join();
        Thread w2 = Thread.ofPlatform().name("w2").start(() -> save(first, out, "b"));
        w2.join();
        try (Fao second = resumable(SavingStrategy.ONE_THREAD_ONE_FILE)) {
            assertThat(second.durableKeys(out)).containsExactlyInAnyOrder("a", "b");
            Thread w3 = Thread.ofPlatform().name("w3").start(() -> save(second, out, "c"));
            w3.join();
        }
        assertExactlyOnce(read(dir.resolve("out-w1.csv")), Map.of("a", 4));
        assertExactlyOnce(read(dir.resolve("out-w2.csv")), Map.of("b", 4));
        assertExactlyOnce(read(dir.resolve("out-w3.csv")), Map.of("c", 4));
    }

    private static void save(Fao fao, Path out, String key) {
        try {
            fao.save(key, "csv", out, HEADER, rowsOf(key, 4));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void manyThreadsSavingKeysGetEachKeyOnce() throws Exception {
        Path out = dir.resolve("out.csv");
        int threads = 16;
        int keysPerThread = 50;
        Map<String, Integer> expected = new LinkedHashMap<>();
        for (int t = 0; t < threads; t++) {
            for (int k = 0; k < keysPerThread; k++) {
                expected.put(t + "-" + k, (t * 7 + k * 13) % 1500);
            }
        }
        Fao first = killedRun();
        List<Thread> ts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int tt = t;
            ts.add(Thread.ofVirtual().start(() -> {
                for (int k = 0; k < keysPerThread / 2; k++) {
                    String key = (tt / 2) + "-" + k;
                    try {
                        // two threads race for each key: exactly one saves it
                        first.save(key, "csv", out, HEADER, rowsOf(key, expected.get(key)));
                    } catch (IllegalStateException raced) {
                        assertThat(raced).hasMessageContaining("being saved by another worker");
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            }));
        }
        for (Thread t : ts) {
            t.join();
        }
        try (Fao second = resumable(SavingStrategy.ALL_THREADS_ONE_FILE)) {
            Set<String> done = second.durableKeys(out);
            assertThat(done).hasSize(threads / 2 * keysPerThread / 2);
            ts.clear();
            for (int t = 0; t < threads; t++) {
                int tt = t;
                ts.add(Thread.ofVirtual().start(() -> {
                    for (int k = 0; k < keysPerThread; k++) {
                        String key = tt + "-" + k;
                        try {
                            if (!second.isDone(out, key)) {
                                second.save(key, "csv", out, HEADER, rowsOf(key, expected.get(key)));
                            }
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }
                }));
            }
            for (Thread t : ts) {
                t.join();
            }
        }
        expected.values().removeIf(n -> n == 0);
        Map<String, List<Integer>> read = read(out);
        expected.forEach((k, n) -> assertThat(read.get(k)).isEqualTo(IntStream.range(0, n).boxed().toList()));
        assertThat(read.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
    }

    @Test
    void aRunWithAnotherFormatStrategyHeaderOrSettingsIsRefusedNamingBoth() throws Exception {
        Path out = dir.resolve("out.csv");
        killedRun().save("a", "csv", out, HEADER, rowsOf("a", 1));
        try (Fao other = resumable(SavingStrategy.ALL_THREADS_ONE_FILE)) {
            assertThatThrownBy(() -> other.save("b", "jsonl", out, HEADER, rowsOf("b", 1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("was started with format 'csv' but this save uses format 'jsonl'")
                    .hasMessageContaining("delete " + journal(out));
            assertThatThrownBy(() -> other.save("b", "csv", out, List.of("k", "i", "t"), rowsOf("b", 1)))
                    .hasMessageContaining("header [k, i, t] differs from the header [key, i, text] the resume journal");
            assertThat(other.save("b", "csv", out, HEADER, rowsOf("b", 1))).isTrue();
        }
        killedRun().save("c", "csv", out, HEADER, rowsOf("c", 1));
        try (Fao perWorker = resumable(SavingStrategy.ONE_THREAD_ONE_FILE)) {
            assertThatThrownBy(() -> perWorker.durableKeys(out)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("was started with strategy ALL_THREADS_ONE_FILE but this Fao has strategy ONE_THREAD_ONE_FILE");
        }
        Fao guarded = Fao.builder().withStrategy(SavingStrategy.ALL_THREADS_ONE_FILE).withResume(true)
                .withFormulaProtection(true).build();
        abandoned.add(guarded);
        assertThatThrownBy(() -> guarded.save("d", "csv", out, HEADER, rowsOf("d", 1)))
                .hasMessageContaining("was started with format settings [formulaProtection=false, options=[CsvOptions[")
                .hasMessageContaining("but this Fao has [formulaProtection=true, options=[CsvOptions[");
        // the CSV dialect is part of the settings too: a journal of ',' rows is not continued with ';'
        Fao semicolon = Fao.builder().withStrategy(SavingStrategy.ALL_THREADS_ONE_FILE).withResume(true)
                .withCsvOptions(io.multirunnable.fao.CsvOptions.builder().withDelimiter(';').build()).build();
        abandoned.add(semicolon);
        assertThatThrownBy(() -> semicolon.save("e", "csv", out, HEADER, rowsOf("e", 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("delimiter=','").hasMessageContaining("delimiter=';'");
    }

    @Test
    void formatsWithoutIndependentRowsAreRefusedNamingTheResumableOnes() throws Exception {
        try (Fao fao = resumable(SavingStrategy.ALL_THREADS_ONE_FILE)) {
            assertThatThrownBy(() -> fao.save("a", "json", dir.resolve("out.json"), HEADER, rowsOf("a", 1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("FaoBuilder.withResume(true) does not support format 'json': a resumable save journals each"
                            + " key's rows as independent encoded bytes, which needs a format with a RowEncoder; resumable"
                            + " formats installed: [csv, jsonl] (json and xlsx files depend on all their rows at once); use"
                            + " one of those, or withResume(false)");
        }
        assertThat(Files.exists(dir.resolve(".out.json.resume"))).as("nothing left behind").isFalse();
    }

    @Test
    void resumeIsRefusedWithOtherStrategiesAppendAndKeylessSaves() throws Exception {
        assertThatThrownBy(() -> Fao.builder().withStrategy(SavingStrategy.ONE_THREAD_ONE_FILE_AND_COMPRESS_ALL)
                .withResume(true).build()).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("withResume(true) supports strategy ALL_THREADS_ONE_FILE or ONE_THREAD_ONE_FILE"
                        + " but strategy was ONE_THREAD_ONE_FILE_AND_COMPRESS_ALL");
        assertThatThrownBy(() -> Fao.builder().withWriteMode(WriteMode.APPEND).withResume(true).build())
                .hasMessageStartingWith("withResume(true) needs WriteMode.TRUNCATE but writeMode was APPEND");
        try (Fao fao = resumable(SavingStrategy.ALL_THREADS_ONE_FILE)) {
            assertThatThrownBy(() -> fao.save("csv", dir.resolve("o.csv"), HEADER, rowsOf("a", 1)))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("every save needs a key");
            assertThatThrownBy(() -> fao.save(null, "csv", dir.resolve("o.csv"), HEADER, rowsOf("a", 1)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key");
        }
        try (Fao plain = Fao.of(SavingStrategy.ALL_THREADS_ONE_FILE)) {
            assertThatThrownBy(() -> plain.save("k", "csv", dir.resolve("o.csv"), HEADER, rowsOf("a", 1)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("save(key, ...) needs a resumable Fao: build it with FaoBuilder.withResume(true)");
            assertThatThrownBy(() -> plain.durableKeys(dir.resolve("o.csv"))).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void jsonLinesResumesToo() throws Exception {
        Path out = dir.resolve("out.jsonl");
        killedRun().save("a", "jsonl", out, HEADER, rowsOf("a", 3));
        try (Fao fao = resumable(SavingStrategy.ALL_THREADS_ONE_FILE)) {
            fao.save("b", "jsonl", out, HEADER, rowsOf("b", 2));
        }
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0)).isEqualTo("{\"key\":\"a\",\"i\":0,\"text\":\"v,\\\"0\\\"\\n\"}");
        assertThat(lines.get(4)).startsWith("{\"key\":\"b\",\"i\":1,");
    }

    /** Regression (merge of resume and gzip): a resumed {@code .csv.gz} is published compressed, each key once. */
    @Test
    void aGzipTargetIsPublishedCompressedWithEachKeyOnce() throws Exception {
        Path out = dir.resolve("out.csv.gz");
        Fao first = killedRun();
        assertThat(first.save("a", "csv", out, HEADER, rowsOf("a", 1200))).isTrue();
        try (Fao second = resumable(SavingStrategy.ALL_THREADS_ONE_FILE)) {
            assertThat(second.durableKeys(out)).containsExactly("a");
            assertThat(second.save("b", "csv", out, HEADER, rowsOf("b", 7))).isTrue();
        }
        Path plain = dir.resolve("plain.csv");
        try (java.io.InputStream in = new java.util.zip.GZIPInputStream(Files.newInputStream(out))) {
            Files.copy(in, plain);
        }
        assertExactlyOnce(read(plain), Map.of("a", 1200, "b", 7));
    }
}
