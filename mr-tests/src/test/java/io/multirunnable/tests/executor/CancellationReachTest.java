package io.multirunnable.tests.executor;

import static org.assertj.core.api.Assertions.assertThat;

import io.multirunnable.BatchPolicy;
import io.multirunnable.MultiRunnable;
import io.multirunnable.RunningMode;
import io.multirunnable.SimpleExecutor;
import io.multirunnable.SimplePool;
import io.multirunnable.WorkerContext;
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
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A batch's cancellation (here fail-fast; the deadline takes the same path) reaches workers wherever they block: in
 * {@link MultiRunnable#sleep}, in a sync primitive's {@code acquire}, in a retry backoff. Each blocked
 * worker must see an {@link InterruptedException} (the pool checkout case is
 * {@code tests.persistence.BatchCancelsCheckoutTest}). Everything blocks for 30 s or more, so a missed
 * interrupt fails the latch wait, not a timing assertion.
 */
@Timeout(30)
class CancellationReachTest {
    private static final int BLOCKERS = 3;

    /**
     * Runs {@code blocking} on three workers of an executor and of a pool; a fourth task waits until those
     * three are parked (thread state WAITING or TIMED_WAITING), then fails, and fail-fast must interrupt
     * each of them.
     */
    private static void assertInterrupted(RunningMode mode, Callable<?> blocking) throws Exception {
        for (boolean pool : new boolean[] {false, true}) {
            CountDownLatch interrupted = new CountDownLatch(BLOCKERS);
            Set<Thread> blocked = ConcurrentHashMap.newKeySet();
            IllegalStateException trigger = new IllegalStateException("all three are blocked: cancel them");
            CheckedTask task = k -> {
                if (k == BLOCKERS) {
                    awaitParked(blocked);
                    throw trigger;
                }
                blocked.add(Thread.currentThread());
                try {
                    blocking.call();
                    return "not interrupted";
                } catch (InterruptedException e) {
                    interrupted.countDown();
                    throw e;
                }
            };
            Exception thrown = null;
            List<WorkerResult<?>> results;
            if (pool) {
                try (SimplePool p = SimplePool.of(mode, BLOCKERS + 1)) {
                    try {
                        p.map(BatchPolicy.failFast(), task::call, IntStream.rangeClosed(0, BLOCKERS).boxed().toList());
                    } catch (Exception e) {
                        thrown = e;
                    }
                    results = p.result();
                }
            } else {
                try (SimpleExecutor ex = SimpleExecutor.of(mode, BLOCKERS + 1)) {
                    try {
                        ex.run(BatchPolicy.failFast(), () -> task.call((int) WorkerContext.current().id() - 1));
                    } catch (Exception e) {
                        thrown = e;
                    }
                    results = ex.result();
                }
            }
            assertThat(thrown).as("pool=%s", pool).isSameAs(trigger);
            assertThat(interrupted.await(10, TimeUnit.SECONDS)).as("pool=%s: all three blocked workers interrupted", pool)
                    .isTrue();
            assertThat(results).hasSize(BLOCKERS + 1).filteredOn(r -> r.error() instanceof CancellationException)
                    .hasSize(BLOCKERS);
        }
    }

    private static void awaitParked(Set<Thread> blocked) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (blocked.size() < BLOCKERS || !blocked.stream().allMatch(t -> t.getState() == Thread.State.WAITING
                || t.getState() == Thread.State.TIMED_WAITING)) {
            if (System.nanoTime() > end) {
                throw new AssertionError("the blocking workers never parked: " + blocked);
            }
            Thread.sleep(5);
        }
    }

    @FunctionalInterface
    interface CheckedTask {
        String call(int k) throws Exception;
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
