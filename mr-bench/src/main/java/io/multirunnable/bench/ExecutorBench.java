package io.multirunnable.bench;

import io.multirunnable.RunningMode;
import io.multirunnable.SimpleExecutor;
import io.multirunnable.WorkerResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Per-task overhead of each running mode: {@code map} of 1,000 tiny tasks on 4 workers, against
 * the raw JDK executor of the same kind running the same 1,000 tasks with {@code invokeAll}
 * (or {@code CompletableFuture.supplyAsync} + {@code allOf} for ASYNCHRONOUS).
 * Pairs are {@code ours_X} / {@code raw_X}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ExecutorBench {
    static final int TASKS = 1_000;
    static final int WORKERS = 4;

    @Param({"PARALLEL", "CONCURRENT", "GREEN_THREAD", "ASYNCHRONOUS"})
    public RunningMode mode;

    private SimpleExecutor ours;
    private ExecutorService raw;
    private List<Integer> inputs;
    private List<Callable<Integer>> rawTasks;

    @Setup(Level.Trial)
    public void setUp() {
        ours = SimpleExecutor.builder(mode).withWorkers(WORKERS).build();
        raw = switch (mode) {
            case PARALLEL -> new ForkJoinPool(WORKERS);
            case ASYNCHRONOUS -> new ForkJoinPool(WORKERS, ForkJoinPool.defaultForkJoinWorkerThreadFactory, null, true);
            case CONCURRENT -> Executors.newFixedThreadPool(WORKERS);
            case GREEN_THREAD -> Executors.newVirtualThreadPerTaskExecutor();
        };
        inputs = IntStream.range(0, TASKS).boxed().toList();
        rawTasks = new ArrayList<>(TASKS);
        for (int i = 0; i < TASKS; i++) {
            int x = i;
            rawTasks.add(() -> work(x));
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        ours.close();
        raw.close();
    }

    static int work(int x) {
        return Integer.rotateLeft(x * 0x9E3779B9, 7);
    }

    @Benchmark
    public void ours_map1000(Blackhole bh) throws Exception {
        for (WorkerResult<Integer> r : ours.map(ExecutorBench::work, inputs)) {
            bh.consume(r.value());
        }
    }

    @Benchmark
    public void raw_map1000(Blackhole bh) throws Exception {
        if (mode == RunningMode.ASYNCHRONOUS) {
            List<CompletableFuture<Integer>> fs = new ArrayList<>(TASKS);
            for (int i = 0; i < TASKS; i++) {
                int x = i;
                fs.add(CompletableFuture.supplyAsync(() -> work(x), raw));
            }
            CompletableFuture.allOf(fs.toArray(CompletableFuture[]::new)).join();
            for (CompletableFuture<Integer> f : fs) {
                bh.consume(f.join());
            }
            return;
        }
        for (Future<Integer> f : raw.invokeAll(rawTasks)) {
            bh.consume(f.get());
        }
    }
}
