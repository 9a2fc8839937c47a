package io.multirunnable.bench;

import io.multirunnable.RunningMode;
import io.multirunnable.SimpleExecutor;
import io.multirunnable.WorkerResult;
import io.multirunnable.fao.Fao;
import io.multirunnable.fao.SavingStrategy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
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
 * The cost of the resumable mode ({@code FaoBuilder.withResume}): {@code rows} CSV rows saved by
 * 8 workers into one file ({@link SavingStrategy#ALL_THREADS_ONE_FILE}), in saves of
 * {@code rowsPerSave} rows, one shot per iteration, {@code close()} included (the file is then
 * published):
 * <ul>
 *   <li>{@code plain}: a plain {@code Fao}, the same saves without keys (the baseline);</li>
 *   <li>{@code resume}: resumable, one key per save, the journal fsynced at each save (the default);</li>
 *   <li>{@code resumeNoFsync}: resumable with {@code withFsync(false)}: commits written, not fsynced.</li>
 * </ul>
 * The per-save fsync cost is {@code (resume - resumeNoFsync) / (rows / rowsPerSave)}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
public class FaoResumeBench {
    static final int WORKERS = 8;

    @Param({"200000"})
    public int rows;

    @Param({"100", "1000"})
    public int rowsPerSave;

    private Path dir;
    private Path file;
    private SimpleExecutor executor;

    @Setup(Level.Trial)
    public void open() throws IOException {
        dir = Files.createTempDirectory("mr-bench-fao-resume");
        executor = SimpleExecutor.of(RunningMode.CONCURRENT, WORKERS);
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        executor.close();
        TempDirs.deleteTree(dir);
    }

    /** Checks the file has every row and the journal is gone, then deletes it (not measured). */
    @TearDown(Level.Iteration)
    public void checkAndDelete() throws IOException {
        long lines;
        try (Stream<String> l = Files.lines(file)) {
            lines = l.count();
        }
        if (lines != rows + 1L) {
            throw new IllegalStateException(file + " has " + lines + " lines, expected " + (rows + 1));
        }
        try (Stream<Path> s = Files.list(dir)) {
            if (s.count() != 1) {
                throw new IllegalStateException("more than the published file left in " + dir);
            }
        }
        Files.delete(file);
    }

    private void run(Fao fao, boolean keyed) throws Exception {
        file = dir.resolve("out.csv");
        AtomicInteger slots = new AtomicInteger();
        try (fao) {
            List<WorkerResult<Object>> results = executor.run(() -> {
                int w = slots.getAndIncrement();
                long from = (long) rows * w / WORKERS;
                long to = (long) rows * (w + 1) / WORKERS;
                for (long at = from; at < to; at += rowsPerSave) {
                    long end = Math.min(to, at + rowsPerSave);
                    if (keyed) {
                        fao.save(w + "-" + at, "csv", file, FaoBench.HEADER, FaoBench.rows(w, at, end));
                    } else {
                        fao.save("csv", file, FaoBench.HEADER, FaoBench.rows(w, at, end));
                    }
                }
                return null;
            });
            for (WorkerResult<Object> r : results) {
                r.get();
            }
        }
    }

    @Benchmark
    public void plain() throws Exception {
        run(Fao.of(SavingStrategy.ALL_THREADS_ONE_FILE), false);
    }

    @Benchmark
    public void resume() throws Exception {
        run(Fao.builder().withStrategy(SavingStrategy.ALL_THREADS_ONE_FILE).withResume(true).build(), true);
    }

    @Benchmark
    public void resumeNoFsync() throws Exception {
        run(Fao.builder().withStrategy(SavingStrategy.ALL_THREADS_ONE_FILE).withResume(true).withFsync(false).build(), true);
    }
}
