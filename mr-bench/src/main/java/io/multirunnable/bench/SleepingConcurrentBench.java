package io.multirunnable.bench;

import io.multirunnable.RunningMode;
import io.multirunnable.SimpleExecutor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
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

/**
 * CONCURRENT: {@code workers} platform workers that each sleep 50 ms, executor built and closed per shot,
 * against one raw platform thread per task ({@code Executors.newThreadPerTaskExecutor}), also closed.
 * The Python original took 0.20-0.21 s (1,000) and 0.87-0.90 s (5,000) on this kind of machine.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 10)
@Fork(1)
public class SleepingConcurrentBench {
    @Param({"1000", "5000"})
    public int workers;

    @Benchmark
    public int ours_sleep50() throws Exception {
        try (SimpleExecutor ex = SimpleExecutor.of(RunningMode.CONCURRENT, workers)) {
            return ex.run(() -> {
                Thread.sleep(50);
                return 1;
            }).size();
        }
    }

    @Benchmark
    public int raw_sleep50() throws Exception {
        try (ExecutorService ex = Executors.newThreadPerTaskExecutor(Thread.ofPlatform().factory())) {
            return SleepingVirtualBench.sleepers(ex, workers);
        }
    }
}
