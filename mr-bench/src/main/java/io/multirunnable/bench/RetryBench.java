package io.multirunnable.bench;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import io.multirunnable.retry.Backoff;
import io.multirunnable.retry.Retry;
import io.multirunnable.retry.RetryPolicy;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The success path of a retried call (the first attempt succeeds), which is what nearly every call
 * through a retry takes: {@code Retry.of(policy).call(target)} vs Failsafe's {@code RetryPolicy}
 * ({@code failsafe_X}) with the same settings (3 attempts, 10 ms fixed delay, retry on
 * {@link IOException}) and vs calling the target directly ({@code plain_X}).
 *
 * <p>{@code _call}: the retry object is built once and reused (the intended use);
 * {@code _build}: the policy object is built once but the retry/executor per call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RetryBench {
    private RetryPolicy<Integer> ourPolicy;
    private Retry<Integer> ours;
    private dev.failsafe.RetryPolicy<Integer> theirPolicy;
    private FailsafeExecutor<Integer> failsafe;
    private Callable<Integer> target;
    private int state;

    @Setup
    public void setUp() {
        ourPolicy = RetryPolicy.<Integer>builder()
                .withMaxAttempts(3)
                .withBackoff(Backoff.fixed(Duration.ofMillis(10)))
                .retryOn(IOException.class)
                .build();
        ours = Retry.of(ourPolicy);
        theirPolicy = dev.failsafe.RetryPolicy.<Integer>builder()
                .withMaxAttempts(3)
                .withDelay(Duration.ofMillis(10))
                .handle(IOException.class)
                .build();
        failsafe = Failsafe.with(theirPolicy);
        target = this::work;
    }

    /** The retried work: cheap, so what is measured is the retry machinery. */
    private Integer work() throws IOException {
        state = state * 31 + 7;
        return state;
    }

    @Benchmark
    public Integer ours_call() throws Exception {
        return ours.call(target);
    }

    @Benchmark
    public Integer failsafe_call() {
        return failsafe.get(target::call);
    }

    @Benchmark
    public Integer plain_call() throws Exception {
        return target.call();
    }

    @Benchmark
    public Integer ours_build() throws Exception {
        return Retry.of(ourPolicy).call(target);
    }

    @Benchmark
    public Integer failsafe_build() {
        return Failsafe.with(theirPolicy).get(target::call);
    }
}
