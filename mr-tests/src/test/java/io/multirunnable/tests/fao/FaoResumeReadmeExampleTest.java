package io.multirunnable.tests.fao;

import static org.assertj.core.api.Assertions.assertThat;

import io.multirunnable.RunningMode;
import io.multirunnable.SimpleExecutor;
import io.multirunnable.fao.Fao;
import io.multirunnable.fao.SavingStrategy;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's resume example, run as written (path under a temporary directory): a first run
 * fails part-way (its Fao is never closed, as a killed JVM's), the second runs the same job
 * and skips what the first made durable. (Real kill -9 runs: {@link FaoResumeCrashTest}.)
 */
class FaoResumeReadmeExampleTest {
    @TempDir
    Path dir;

    final AtomicInteger readChunks = new AtomicInteger();

    List<String> chunkIds() {
        return IntStream.range(0, 40).mapToObj(i -> "chunk-" + i).toList();
    }

    List<List<Object>> rowsOfChunk(String id) {
        readChunks.incrementAndGet();
        int n = Integer.parseInt(id.substring(6));
        return IntStream.range(0, 1 + n % 5).mapToObj(i -> List.<Object>of(id + "/" + i, n * 10 + i)).toList();
    }

    void job(Path out) throws Exception {
        try (Fao fao = Fao.builder().withStrategy(SavingStrategy.ALL_THREADS_ONE_FILE).withResume(true).build();
             SimpleExecutor executor = SimpleExecutor.of(RunningMode.GREEN_THREAD, 8)) {
            Set<String> done = fao.durableKeys(out);             // keys a killed run made durable (empty at first)
            List<String> todo = chunkIds().stream().filter(id -> !done.contains(id)).toList();
            executor.map(id -> fao.save(id, "csv", out, List.of("id", "total"), rowsOfChunk(id)), todo);
        }
    }

    @Test
    void aJobKilledHalfWayIsFinishedByTheNextRunEachChunkOnce() throws Exception {
        Path out = dir.resolve("orders.csv");
        Fao killed = Fao.builder().withStrategy(SavingStrategy.ALL_THREADS_ONE_FILE).withResume(true).build();
        for (String id : chunkIds().subList(0, 25)) {
            killed.save(id, "csv", out, List.of("id", "total"), rowsOfChunk(id));
        }
        // the JVM "dies" here: killed is never closed, orders.csv was never published
        assertThat(Files.exists(out)).isFalse();
        readChunks.set(0);

        job(out);

        assertThat(readChunks.get()).as("only the 15 chunks not yet durable were computed").isEqualTo(15);
        try (Reader r = Files.newBufferedReader(out)) {
            List<CSVRecord> records = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r).getRecords();
            List<String> ids = records.stream().map(rec -> rec.get("id")).sorted().toList();
            List<String> expected = chunkIds().stream().flatMap(id -> rowsOfChunk(id).stream().map(row -> (String) row.get(0)))
                    .sorted().toList();
            assertThat(ids).isEqualTo(expected);
        }
    }
}
