package io.multirunnable.bench;

import io.multirunnable.RunningMode;
import io.multirunnable.SimpleExecutor;
import io.multirunnable.WorkerResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
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
 * Many small batches on one long-lived CONCURRENT executor of 8 workers (the case that started a new
 * platform thread per part for every batch before 0.3): {@code run} of a tiny task (8 parts) and
 * {@code map} of 64 tiny inputs, against a raw fixed pool of 8 ({@code invokeAll} of the same tasks;
 * the target baseline, {@code raw_}) and a raw cached pool ({@code cached_}, for information). The
 * executor and pools live for the whole trial; {@code close()} is measured by IdleCloseBench.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RepeatedBatchBench {
    static final int WORKERS = 8;
    static final int INPUTS = 64;

    private SimpleExecutor ours;
    private ExecutorService fixed;
    private ExecutorService cached;
    private List<Integer> inputs;
    private List<Callable<Integer>> runTasks;
    private List<Callable<Integer>> mapTasks;

    @Setup(Level.Trial)
    public void setUp() {
        ours = SimpleExecutor.builder(RunningMode.CONCURRENT).withWorkers(WORKERS).build();
        fixed = Executors.newFixedThreadPool(WORKERS);
        cached = Executors.newCachedThreadPool();
        inputs = IntStream.range(0, INPUTS).boxed().toList();
        runTasks = new ArrayList<>();
        for (int w = 0; w < WORKERS; w++) {
            int x = w;
            runTasks.add(() -> ExecutorBench.work(x));
        }
        mapTasks = new ArrayList<>();
        for (int i = 0; i < INPUTS; i++) {
            int x = i;
            mapTasks.add(() -> ExecutorBench.work(x));
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        ours.close();
        fixed.close();
        cached.close();
    }

    @Benchmark
    public void ours_run8(Blackhole bh) throws Exception {
        for (WorkerResult<Integer> r : ours.run(() -> ExecutorBench.work(7))) {
            bh.consume(r.value());
        }
    }

    @Benchmark
    public void raw_run8(Blackhole bh) throws Exception {
        consume(fixed.invokeAll(runTasks), bh);
    }

    @Benchmark
    public void cached_run8(Blackhole bh) throws Exception {
        consume(cached.invokeAll(runTasks), bh);
    }

    @Benchmark
    public void ours_map64(Blackhole bh) throws Exception {
        for (WorkerResult<Integer> r : ours.map(ExecutorBench::work, inputs)) {
            bh.consume(r.value());
        }
    }

    @Benchmark
    public void raw_map64(Blackhole bh) throws Exception {
        consume(fixed.invokeAll(mapTasks), bh);
    }

    @Benchmark
    public void cached_map64(Blackhole bh) throws Exception {
        consume(cached.invokeAll(mapTasks), bh);
    }

    private static void consume(List<Future<Integer>> fs, Blackhole bh) throws Exception {
        for (Future<Integer> f : fs) {
            bh.consume(f.get());
        }
    }
}
