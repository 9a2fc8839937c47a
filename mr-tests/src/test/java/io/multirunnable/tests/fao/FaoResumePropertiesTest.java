package io.multirunnable.tests.fao;

import static org.assertj.core.api.Assertions.assertThat;

import io.multirunnable.fao.Fao;
import io.multirunnable.fao.SavingStrategy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Resumable FAO, as a property: any number of workers save keys of any size (0 rows, a few,
 * around {@link Fao#CHUNK_ROWS}, several chunks), the run "dies" (its {@code Fao} is abandoned),
 * one of its journal logs is cut at any byte (optionally followed by garbage, as a torn write),
 * and a second run resumes: the keys it reports durable are a subset of those saved, and after it
 * saves the others and closes, the file (read back by commons-csv / Jackson) holds every key's
 * rows exactly once, in order. fsync is off here: a kill -9 keeps the page cache, so what is
 * written is what a killed process leaves ({@link FaoResumeCrashTest} kills real JVMs).
 */
class FaoResumePropertiesTest {
    private static final int[] SIZES = {0, 1, 2, 7, 50, 999, 1000, 1001, 2500};

    @Property(tries = 300)
    void aCutAnywhereInTheJournalLosesOnlyWholeKeysAndTheResumedFileHasEachKeyOnce(
            @ForAll @IntRange(min = 1, max = 40) int keys,
            @ForAll @IntRange(min = 1, max = 6) int workers,
            @ForAll @IntRange(min = 0, max = 40) int savedBeforeDeath,
            @ForAll boolean jsonl,
            @ForAll boolean garbage,
            @ForAll long seed) throws Exception {
        Random random = new Random(seed);
        Map<String, Integer> sizes = new LinkedHashMap<>();
        for (int k = 0; k < keys; k++) {
            sizes.put("k" + k, SIZES[random.nextInt(SIZES.length)]);
        }
        String format = jsonl ? "jsonl" : "csv";
        Path dir = Files.createTempDirectory("mr-fao-resume-prop");
        try {
            Path out = dir.resolve("out." + format);
            List<String> first = new ArrayList<>(sizes.keySet()).subList(0, Math.min(keys, savedBeforeDeath));
            Fao dead = fao();
            saveAll(dead, out, format, first, sizes, workers);
            List<Path> logs = logs(dir.resolve(".out." + format + ".resume"));
            if (!logs.isEmpty()) {
                Path log = logs.get(random.nextInt(logs.size()));
                long size = Files.size(log);
                long cut = size == 0 ? 0 : (long) (random.nextDouble() * (size + 1));
                try (FileChannel c = FileChannel.open(log, StandardOpenOption.WRITE)) {
                    c.truncate(cut);
                }
                if (garbage) {
                    byte[] junk = new byte[1 + random.nextInt(40)];
                    random.nextBytes(junk);
                    Files.write(log, junk, StandardOpenOption.APPEND);
                }
            }
            try (Fao resumed = fao()) {
                Set<String> done = resumed.durableKeys(out);
                assertThat(first).containsAll(done);
                List<String> todo = sizes.keySet().stream().filter(k -> !done.contains(k)).toList();
                saveAll(resumed, out, format, todo, sizes, workers);
            }
            ReadBack.Table t = ReadBack.read(format, out, true);
            if (!jsonl || sizes.values().stream().anyMatch(n -> n > 0)) {
                // jsonl has no header line: its names come from the first row, and a job of empty keys has none
                assertThat(t.header()).containsExactly("key", "i");
            }
            Map<String, List<Integer>> byKey = new LinkedHashMap<>();
            for (List<String> row : t.rows()) {
                byKey.computeIfAbsent(row.get(0), k -> new ArrayList<>()).add(Integer.parseInt(row.get(1)));
            }
            sizes.forEach((k, n) -> assertThat(byKey.getOrDefault(k, List.of())).as("rows of " + k)
                    .isEqualTo(IntStream.range(0, n).boxed().toList()));
            assertThat(sizes.keySet()).containsAll(byKey.keySet());
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static Fao fao() {
        return Fao.builder().withStrategy(SavingStrategy.ALL_THREADS_ONE_FILE).withResume(true).withFsync(false).build();
    }

    private static void saveAll(Fao fao, Path out, String format, List<String> keys, Map<String, Integer> sizes, int workers)
            throws InterruptedException {
        ConcurrentLinkedQueue<String> todo = new ConcurrentLinkedQueue<>(keys);
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            threads.add(Thread.ofVirtual().start(() -> {
                for (String k; (k = todo.poll()) != null; ) {
                    String key = k;
                    try {
                        fao.save(key, format, out, List.of("key", "i"),
                                IntStream.range(0, sizes.get(key)).mapToObj(i -> List.<Object>of(key, i)).toList());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
    }

    private static List<Path> logs(Path journal) throws IOException {
        if (!Files.isDirectory(journal)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(journal)) {
            return s.filter(p -> p.getFileName().toString().startsWith("log-")).sorted().toList();
        }
    }
}
