package io.multirunnable.bench;

import io.multirunnable.RunningMode;
import io.multirunnable.SimpleExecutor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code close()} of an idle CONCURRENT executor of 5,000 workers that has run one batch (target: at most
 * 50 ms; an absolute target, so the "raw" figure is a {@code ThreadPoolExecutor} with 5,000 core threads,
 * what the executor was before 0.2, for information).
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 8)
@Fork(1)
public class IdleCloseBench {
    static final int WORKERS = 5_000;

    @State(Scope.Thread)
    public static class Ours {
        SimpleExecutor executor;

        @Setup(Level.Invocation)
        public void setUp() throws Exception {
            executor = SimpleExecutor.of(RunningMode.CONCURRENT, WORKERS);
            executor.run(() -> 1);
        }
    }

    @State(Scope.Thread)
    public static class Tpe {
        ExecutorService service;

        @Setup(Level.Invocation)
        public void setUp() {
            ThreadPoolExecutor t = new ThreadPoolExecutor(WORKERS, WORKERS, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
            t.prestartAllCoreThreads();
            service = t;
        }
    }

    @Benchmark
    public void ours_closeIdle5000(Ours s) {
        s.executor.close();
    }

    @Benchmark
    public void tpe_closeIdle5000(Tpe s) {
        s.service.close();
    }
}
