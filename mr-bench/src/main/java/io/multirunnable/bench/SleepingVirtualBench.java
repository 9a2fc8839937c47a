package io.multirunnable.bench;

import io.multirunnable.RunningMode;
import io.multirunnable.SimpleExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** 100,000 tasks that each sleep 50 ms in GREEN_THREAD mode vs a raw virtual-thread-per-task executor. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class SleepingVirtualBench {
    static final int TASKS = 100_000;

    @Benchmark
    public int ours_sleep100k() throws Exception {
        try (SimpleExecutor ex = SimpleExecutor.of(RunningMode.GREEN_THREAD, TASKS)) {
            return ex.run(() -> {
                Thread.sleep(50);
                return 1;
            }).size();
        }
    }

    @Benchmark
    public int raw_sleep100k() throws Exception {
        try (ExecutorService ex = Executors.newVirtualThreadPerTaskExecutor()) {
            return sleepers(ex, TASKS);
        }
    }

    /** The raw baseline's body: {@code n} tasks sleeping 50 ms, submitted to {@code ex}, each future waited for. */
    static int sleepers(ExecutorService ex, int n) throws Exception {
        List<Future<Integer>> fs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            fs.add(ex.submit(() -> {
                Thread.sleep(50);
                return 1;
            }));
        }
        int total = 0;
        for (Future<Integer> f : fs) {
            total += f.get();
        }
        return total;
    }
}
