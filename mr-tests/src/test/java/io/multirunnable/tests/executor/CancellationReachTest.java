package io.multirunnable.tests.executor;

import static org.assertj.core.api.Assertions.assertThat;

import io.multirunnable.BatchPolicy;
import io.multirunnable.MultiRunnable;
import io.multirunnable.RunningMode;
import io.multirunnable.SimpleExecutor;
import io.multirunnable.SimplePool;
import io.multirunnable.WorkerResult;
import io.multirunnable.retry.Retry;
import io.multirunnable.retry.RetryPolicy;
import io.multirunnable.sync.Guard;
import io.multirunnable.sync.Lock;
import io.multirunnable.sync.Semaphore;
import io.multirunnable.sync.Sync;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A batch's cancellation (here its deadline) reaches workers wherever they block: in
 * {@link MultiRunnable#sleep}, in a sync primitive's {@code acquire}, in a retry backoff. Each blocked
 * worker must see an {@link InterruptedException} (the pool checkout case is
 * {@code tests.persistence.BatchCancelsCheckoutTest}). Everything blocks for 30 s or more, so a missed
 * interrupt fails the latch wait, not a timing assertion.
 */
@Timeout(30)
class CancellationReachTest {
    private static final BatchPolicy DEADLINE = BatchPolicy.collectAll().withTimeout(Duration.ofMillis(250));

    /** Runs {@code blocking} on 3 workers of an executor and of a pool under the deadline; each must be interrupted. */
    private static void assertInterrupted(RunningMode mode, Callable<?> blocking) throws Exception {
        for (boolean pool : new boolean[] {false, true}) {
            CountDownLatch interrupted = new CountDownLatch(3);
            CheckedTask task = () -> {
                try {
                    blocking.call();
                    return "not interrupted";
                } catch (InterruptedException e) {
                    interrupted.countDown();
                    throw e;
                }
            };
            List<WorkerResult<String>> results;
            if (pool) {
                try (SimplePool p = SimplePool.of(mode, 3)) {
                    results = p.map(DEADLINE, i -> task.call(), IntStream.range(0, 3).boxed().toList());
                }
            } else {
                try (SimpleExecutor ex = SimpleExecutor.of(mode, 3)) {
                    results = ex.run(DEADLINE, task::call);
                }
            }
            assertThat(interrupted.await(10, TimeUnit.SECONDS)).as("pool=%s: all three blocked workers interrupted", pool)
                    .isTrue();
            assertThat(results).hasSize(3).allSatisfy(r -> assertThat(r.error()).isInstanceOf(TimeoutException.class));
        }
    }

    @FunctionalInterface
    interface CheckedTask {
        String call() throws Exception;
    }

    @ParameterizedTest
    @EnumSource(RunningMode.class)
    void reachesSleep(RunningMode mode) throws Exception {
        assertInterrupted(mode, () -> {
            MultiRunnable.sleep(Duration.ofSeconds(30));
            return null;
        });
    }

    @ParameterizedTest
    @EnumSource(RunningMode.class)
    void reachesLockAcquire(RunningMode mode) throws Exception {
        Lock lock = Sync.lock();
        Guard held = lock.acquire();
        try {
            assertInterrupted(mode, () -> {
                try (Guard g = lock.acquire()) {
                    return null;
                }
            });
        } finally {
            held.close();
        }
    }

    @ParameterizedTest
    @EnumSource(RunningMode.class)
    void reachesTimedSemaphoreAcquire(RunningMode mode) throws Exception {
        Semaphore none = Sync.semaphore(1);
        Guard held = none.acquire();
        try {
            assertInterrupted(mode, () -> {
                try (Guard g = none.acquire(Duration.ofSeconds(60))) {
                    return null;
                }
            });
        } finally {
            held.close();
        }
    }

    @ParameterizedTest
    @EnumSource(RunningMode.class)
    void reachesRetryBackoff(RunningMode mode) throws Exception {
        Retry<String> retry = Retry.of(RetryPolicy.<String>builder().withMaxAttempts(3).withDelay(Duration.ofSeconds(30))
                .build());
        assertInterrupted(mode, () -> retry.call(() -> {
            throw new IOException("always fails; the retry then waits 30 s");
        }));
    }
}
