package io.multirunnable.tests.retry;

import static org.assertj.core.api.Assertions.assertThat;

import io.multirunnable.RunningMode;
import io.multirunnable.SimpleExecutor;
import io.multirunnable.SimplePool;
import io.multirunnable.WorkerContext;
import io.multirunnable.WorkerResult;
import io.multirunnable.retry.Backoff;
import io.multirunnable.retry.Retry;
import io.multirunnable.retry.RetryEvent.Type;
import io.multirunnable.retry.RetryPolicy;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** One immutable policy (and one Retry) shared by 1,000 workers at once: no call sees another's state. */
class SharedPolicyStressTest {
    private static final int WORKERS = 1_000;

    private final LongAdder inits = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAdder dones = new LongAdder();
    private final LongAdder finals = new LongAdder();
    private final Map<Type, LongAdder> events = new ConcurrentHashMap<>();

    private RetryPolicy<String> sharedPolicy() {
        return RetryPolicy.<String>builder()
                .withMaxAttempts(4)
                .withBackoff(Backoff.exponential(Duration.ofMillis(1), Duration.ofMillis(5)).withJitter(0.5))
                .retryOn(IOException.class)
                .onInitialization(inits::increment)
                .onDone(r -> {
                    dones.increment();
                    return r + "!";
                })
                .onError(e -> {
                    errors.increment();
                    throw e;
                })
                .onFinal(finals::increment)
                .withListener(e -> events.computeIfAbsent(e.type(), t -> new LongAdder()).increment())
                .build();
    }

    @Test
    void oneRetryWrappedForAThousandVirtualThreadWorkers() throws Exception {
        Retry<String> retry = Retry.of(sharedPolicy());
        Map<Long, AtomicInteger> attemptsByWorker = new ConcurrentHashMap<>();
        try (SimpleExecutor executor = SimpleExecutor.builder(RunningMode.GREEN_THREAD).withWorkers(WORKERS).build()) {
            // each worker fails its first two attempts, then succeeds on its third
            List<WorkerResult<String>> results = executor.run(retry.wrap(() -> {
                long id = WorkerContext.current().id();
                int n = attemptsByWorker.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                if (n < 3) {
                    throw new IOException("worker " + id + " attempt " + n);
                }
                return "w" + id + "@" + n;
            }));
            assertThat(results).hasSize(WORKERS).allMatch(WorkerResult::isSuccessful);
            assertThat(results).allSatisfy(r -> assertThat(r.value()).isEqualTo("w" + r.workerId() + "@3!"));
        }
        assertThat(attemptsByWorker).hasSize(WORKERS).allSatisfy((id, n) -> assertThat(n).hasValue(3));
        assertThat(inits.sum()).isEqualTo(3L * WORKERS);
        assertThat(errors.sum()).isEqualTo(2L * WORKERS);
        assertThat(dones.sum()).isEqualTo(WORKERS);
        assertThat(finals.sum()).isEqualTo(WORKERS);
        assertThat(events.get(Type.ATTEMPT_STARTED).sum()).isEqualTo(3L * WORKERS);
        assertThat(events.get(Type.RETRY_SCHEDULED).sum()).isEqualTo(2L * WORKERS);
        assertThat(events.get(Type.SUCCEEDED).sum()).isEqualTo(WORKERS);
        assertThat(events).doesNotContainKeys(Type.FAILED, Type.RECOVERED);
    }

    @Test
    void wrappedFunctionMappedOverAPoolKeepsEachInputsOwnFailure() throws Exception {
        Retry<String> retry = Retry.of(sharedPolicy());
        Map<Integer, AtomicInteger> attemptsByInput = new ConcurrentHashMap<>();
        List<Integer> inputs = IntStream.range(0, WORKERS).boxed().toList();
        try (SimplePool pool = SimplePool.of(RunningMode.CONCURRENT, 8)) {
            // input i fails i % 5 times: 0..3 failures succeed, 4 failures exhaust the 4 attempts
            List<WorkerResult<String>> results = pool.map(retry.wrap((Integer i) -> {
                int n = attemptsByInput.computeIfAbsent(i, k -> new AtomicInteger()).incrementAndGet();
                if (n <= i % 5) {
                    throw new IOException("input " + i + " attempt " + n);
                }
                return i + "@" + n;
            }), inputs);
            for (int i = 0; i < WORKERS; i++) {
                WorkerResult<String> r = results.get(i);
                if (i % 5 == 4) {
                    assertThat(r.isSuccessful()).isFalse();
                    assertThat(r.error()).isExactlyInstanceOf(IOException.class).hasMessage("input " + i + " attempt 4");
                } else {
                    assertThat(r.value()).isEqualTo(i + "@" + (i % 5 + 1) + "!");
                }
            }
        }
        assertThat(finals.sum()).isEqualTo(WORKERS);
        assertThat(events.get(Type.FAILED).sum()).isEqualTo(WORKERS / 5);
    }
}
