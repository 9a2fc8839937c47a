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
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * An executor's whole life per operation, {@code close()} included: build, one batch, close. {@code run}:
 * 8 workers each running one tiny task; {@code map}: 1,000 tiny inputs on 8 workers. Against the raw JDK
 * construct of each mode, also created and closed per operation: PARALLEL a {@code ForkJoinPool(8)},
 * ASYNCHRONOUS {@code CompletableFuture.supplyAsync} on an async-mode {@code ForkJoinPool(8)}, CONCURRENT
 * one platform thread per task for {@code run} and a fixed pool of 8 platform threads for {@code map},
 * GREEN_THREAD a virtual-thread-per-task executor (for {@code map} a semaphore of 8 would only add cost,
 * so it starts one virtual thread per input, the way a raw user would).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ExecutorLifecycleBench {
    static final int WORKERS = 8;
    static final int INPUTS = 1_000;
    static final List<Integer> ITEMS = IntStream.range(0, INPUTS).boxed().toList();

    @Param({"PARALLEL", "CONCURRENT", "GREEN_THREAD", "ASYNCHRONOUS"})
    public RunningMode mode;

    @Benchmark
    public void ours_run(Blackhole bh) throws Exception {
        try (SimpleExecutor ex = SimpleExecutor.of(mode, WORKERS)) {
            for (WorkerResult<Integer> r : ex.run(() -> ExecutorBench.work(7))) {
                bh.consume(r.value());
            }
        }
    }

    @Benchmark
    public void raw_run(Blackhole bh) throws Exception {
        try (ExecutorService raw = rawService(true)) {
            consume(bh, raw, IntStream.range(0, WORKERS).mapToObj(i -> (Callable<Integer>) () -> ExecutorBench.work(7)).toList());
        }
    }

    @Benchmark
    public void ours_map(Blackhole bh) throws Exception {
        try (SimpleExecutor ex = SimpleExecutor.of(mode, WORKERS)) {
            for (WorkerResult<Integer> r : ex.map(ExecutorBench::work, ITEMS)) {
                bh.consume(r.value());
            }
        }
    }

    @Benchmark
    public void raw_map(Blackhole bh) throws Exception {
        try (ExecutorService raw = rawService(false)) {
            List<Callable<Integer>> tasks = new ArrayList<>(INPUTS);
            for (Integer x : ITEMS) {
                tasks.add(() -> ExecutorBench.work(x));
            }
            consume(bh, raw, tasks);
        }
    }

    private ExecutorService rawService(boolean run) {
        return switch (mode) {
            case PARALLEL -> new ForkJoinPool(WORKERS);
            case ASYNCHRONOUS -> new ForkJoinPool(WORKERS, ForkJoinPool.defaultForkJoinWorkerThreadFactory, null, true);
            case CONCURRENT -> run ? Executors.newThreadPerTaskExecutor(Thread.ofPlatform().factory())
                    : Executors.newFixedThreadPool(WORKERS);
            case GREEN_THREAD -> Executors.newVirtualThreadPerTaskExecutor();
        };
    }

    private void consume(Blackhole bh, ExecutorService raw, List<Callable<Integer>> tasks) throws Exception {
        if (mode == RunningMode.ASYNCHRONOUS) {
            List<CompletableFuture<Integer>> fs = new ArrayList<>(tasks.size());
            for (Callable<Integer> t : tasks) {
                fs.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        return t.call();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, raw));
            }
            CompletableFuture.allOf(fs.toArray(CompletableFuture[]::new)).join();
            for (CompletableFuture<Integer> f : fs) {
                bh.consume(f.join());
            }
            return;
        }
        List<Future<Integer>> fs = new ArrayList<>(tasks.size());
        for (Callable<Integer> t : tasks) {
            fs.add(raw.submit(t));
        }
        for (Future<Integer> f : fs) {
            bh.consume(f.get());
        }
    }
}
