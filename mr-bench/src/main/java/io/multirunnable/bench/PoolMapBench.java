package io.multirunnable.bench;

import io.multirunnable.RunningMode;
import io.multirunnable.SimplePool;
import io.multirunnable.WorkerResult;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * A CONCURRENT {@code SimplePool} of 8: {@code map}, {@code imap} and {@code imapUnordered} of 100,000
 * trivial inputs, each result consumed, against a raw fixed pool of 8 platform threads given the same
 * 100,000 tasks ({@code submit} each, then {@code get} each). Both pools live for the whole trial.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PoolMapBench {
    static final int SIZE = 8;
    static final int INPUTS = 100_000;

    private SimplePool ours;
    private ExecutorService raw;
    private List<Integer> inputs;

    @Setup(Level.Trial)
    public void setUp() {
        ours = SimplePool.of(RunningMode.CONCURRENT, SIZE);
        raw = Executors.newFixedThreadPool(SIZE);
        inputs = IntStream.range(0, INPUTS).boxed().toList();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        ours.close();
        raw.close();
    }

    @Benchmark
    public void ours_map100k(Blackhole bh) throws Exception {
        for (WorkerResult<Integer> r : ours.map(ExecutorBench::work, inputs)) {
            bh.consume(r.value());
        }
    }

    @Benchmark
    public void ours_imap100k(Blackhole bh) {
        for (Iterator<WorkerResult<Integer>> it = ours.imap(ExecutorBench::work, inputs); it.hasNext(); ) {
            bh.consume(it.next().value());
        }
    }

    @Benchmark
    public void ours_imapUnordered100k(Blackhole bh) {
        for (Iterator<WorkerResult<Integer>> it = ours.imapUnordered(ExecutorBench::work, inputs); it.hasNext(); ) {
            bh.consume(it.next().value());
        }
    }

    private void rawAll(Blackhole bh) throws Exception {
        List<Future<Integer>> fs = new ArrayList<>(INPUTS);
        for (Integer x : inputs) {
            fs.add(raw.submit(() -> ExecutorBench.work(x)));
        }
        for (Future<Integer> f : fs) {
            bh.consume(f.get());
        }
    }

    @Benchmark
    public void raw_map100k(Blackhole bh) throws Exception {
        rawAll(bh);
    }

    @Benchmark
    public void raw_imap100k(Blackhole bh) throws Exception {
        rawAll(bh);
    }

    @Benchmark
    public void raw_imapUnordered100k(Blackhole bh) throws Exception {
        rawAll(bh);
    }
}
