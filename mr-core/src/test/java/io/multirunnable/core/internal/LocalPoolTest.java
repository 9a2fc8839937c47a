package io.multirunnable.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multirunnable.RunningMode;
import io.multirunnable.SimplePool;
import io.multirunnable.WorkerContext;
import io.multirunnable.WorkerResult;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Timeout(60)
class LocalPoolTest {

    private static SimplePool pool(RunningMode mode, int size) {
        return SimplePool.builder(mode).withWorkers(size).withName("p").build();
    }

    /** Pool chunks time their inputs as executor map does (Workers.Laps); see LocalExecutorTest. */
    @ParameterizedTest
    @EnumSource(RunningMode.class)
    void mapTimesEachInputAroundItsRunWithoutOverlapPerWorker(RunningMode mode) throws Exception {
        int n = 2_000;
        long[] seen = new long[n];
        try (SimplePool pool = pool(mode, 3)) {
            List<WorkerResult<Integer>> out = pool.map(i -> {
                seen[i] = WorkerResult.nowEpochNanos();
                return i;
            }, IntStream.range(0, n).boxed().toList());
            LocalExecutorTest.assertTimesEncloseTasks(out, seen);
        }
    }

    @ParameterizedTest
    @EnumSource(RunningMode.class)
    void applyAndAsyncApplyReturnResults(RunningMode mode) throws Exception {
        try (SimplePool pool = pool(mode, 2)) {
            WorkerResult<String> r = pool.apply(() -> WorkerContext.current().name());
            assertThat(r.value()).matches("p-worker-[12]");
            assertThat(r.parentName()).isEqualTo(Thread.currentThread().getName());
            CompletableFuture<WorkerResult<Integer>> f = pool.asyncApply(() -> {
                throw new IllegalStateException("boom");
            });
            WorkerResult<Integer> failed = f.get(10, TimeUnit.SECONDS);
            assertThat(failed.isSuccessful()).isFalse();
            assertThat(failed.error()).hasMessage("boom");
            assertThat(pool.apply(() -> 42).value()).isEqualTo(42);
        }
    }

    @ParameterizedTest
    @EnumSource(RunningMode.class)
    void atMostSizeTasksRunAtOnce(RunningMode mode) throws Exception {
        try (SimplePool pool = pool(mode, 3)) {
            AtomicInteger running = new AtomicInteger();
            AtomicInteger peak = new AtomicInteger();
            List<WorkerResult<Integer>> out = pool.map(i -> {
                int now = running.incrementAndGet();
                peak.accumulateAndGet(now, Math::max);
                Thread.sleep(2);
                running.decrementAndGet();
                return i;
            }, IntStream.range(0, 60).boxed().toList());
            assertThat(out).extracting(WorkerResult::value).containsExactlyElementsOf(IntStream.range(0, 60).boxed().toList());
            assertThat(peak.get()).isBetween(1, 3);
            Set<String> names = new HashSet<>();
            out.forEach(r -> names.add(r.workerName()));
            assertThat(names).isSubsetOf("p-worker-1", "p-worker-2", "p-worker-3");
            assertThat(pool.result()).hasSize(60);
        }
    }

    @ParameterizedTest
    @EnumSource(RunningMode.class)
    void imapIsOrderedAndLazy(RunningMode mode) {
        try (SimplePool pool = pool(mode, 2)) {
            AtomicInteger pulled = new AtomicInteger();
            Iterable<Integer> endless = () -> new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return true;
                }

                @Override
                public Integer next() {
                    return pulled.getAndIncrement();
                }
            };
            Iterator<WorkerResult<Integer>> it = pool.imap(x -> x * 10, endless);
            for (int i = 0; i < 20; i++) {
                WorkerResult<Integer> r = it.next();
                assertThat(r.index()).isEqualTo(i);
                assertThat(r.value()).isEqualTo(i * 10);
            }
            // Read-ahead: at most 2 x workers chunks; chunks grow 1, 2, 4, ... up to MAX_CHUNK.
            assertThat(pulled.get()).as("inputs read ahead at most 2 x workers chunks")
                    .isLessThanOrEqualTo(20 + 2 * 2 * LocalPool.MAX_CHUNK);
            for (int i = 20; i < 5_000; i++) {
                assertThat(it.next().index()).isEqualTo(i);
            }
            assertThat(pulled.get()).isLessThanOrEqualTo(5_000 + 2 * 2 * LocalPool.MAX_CHUNK);
        }
    }

    @ParameterizedTest
    @EnumSource(RunningMode.class)
    void imapUnorderedReturnsEveryResultOnce(RunningMode mode) {
        try (SimplePool pool = pool(mode, 3)) {
            Iterator<WorkerResult<Integer>> it = pool.imapUnordered(x -> {
                Thread.sleep((x * 7L) % 5);
                return x;
            }, IntStream.range(0, 100).boxed().toList());
            List<Integer> seen = new ArrayList<>();
            it.forEachRemaining(r -> seen.add(r.value()));
            assertThat(seen).containsExactlyInAnyOrderElementsOf(IntStream.range(0, 100).boxed().toList());
            assertThat(it.hasNext()).isFalse();
        }
    }

    /** Chunked imap: 20,000 inputs, every index exactly once with its own value and a worker of this pool. */
    @ParameterizedTest
    @EnumSource(RunningMode.class)
    void chunkedImapKeepsOneResultPerInput(RunningMode mode) {
        try (SimplePool pool = pool(mode, 3)) {
            List<Integer> inputs = IntStream.range(0, 20_000).boxed().toList();
            Iterator<WorkerResult<Integer>> ordered = pool.imap(x -> {
                if (x % 1_000 == 7) {
                    throw new IllegalArgumentException("bad " + x);
                }
                return x + 1;
            }, inputs);
            for (int i = 0; i < 20_000; i++) {
                WorkerResult<Integer> r = ordered.next();
                assertThat(r.index()).isEqualTo(i);
                assertThat(r.workerName()).matches("p-worker-[123]");
                if (i % 1_000 == 7) {
                    assertThat(r.error()).hasMessage("bad " + i);
                } else {
                    assertThat(r.value()).isEqualTo(i + 1);
                }
            }
            assertThat(ordered.hasNext()).isFalse();
            Set<Integer> seen = new HashSet<>();
            pool.imapUnordered(x -> x, inputs).forEachRemaining(r -> {
                assertThat(r.value()).isEqualTo(r.index());
                assertThat(seen.add(r.index())).isTrue();
            });
            assertThat(seen).hasSize(20_000);
        }
    }

    @ParameterizedTest
    @EnumSource(RunningMode.class)
    void closeRunsQueuedTasksThenRefusesNewOnes(RunningMode mode) {
        SimplePool pool = pool(mode, 1);
        AtomicInteger done = new AtomicInteger();
        List<CompletableFuture<WorkerResult<Integer>>> fs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            fs.add(pool.asyncApply(() -> {
                Thread.sleep(5);
                return done.incrementAndGet();
            }));
        }
        pool.close();
        assertThat(done.get()).isEqualTo(10);
        assertThat(fs).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
        assertThatThrownBy(() -> pool.apply(() -> 1)).isInstanceOf(IllegalStateException.class).hasMessage("pool is closed");
        assertThatThrownBy(() -> pool.asyncApply(() -> 1)).hasMessage("pool is closed");
        pool.close();
    }

    @ParameterizedTest
    @EnumSource(RunningMode.class)
    void terminateInterruptsRunningAndDiscardsQueued(RunningMode mode) throws Exception {
        SimplePool pool = pool(mode, 1);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        CompletableFuture<WorkerResult<Object>> running = pool.asyncApply(() -> {
            started.countDown();
            try {
                Thread.sleep(30_000);
            } catch (InterruptedException e) {
                interrupted.countDown();
                throw e;
            }
            return null;
        });
        CompletableFuture<WorkerResult<Integer>> queued = pool.asyncApply(() -> 1);
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        pool.shutdownNow();
        assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(() -> queued.get(10, TimeUnit.SECONDS)).isInstanceOf(CancellationException.class);
        WorkerResult<Object> r = running.get(10, TimeUnit.SECONDS);
        assertThat(r.error()).isInstanceOf(InterruptedException.class);
        assertThat(pool.isClosed()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(RunningMode.class)
    void cancellingAFutureInterruptsOnlyItsTask(RunningMode mode) throws Exception {
        try (SimplePool pool = pool(mode, 1)) {
            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch interrupted = new CountDownLatch(1);
            CompletableFuture<WorkerResult<Object>> f = pool.asyncApply(() -> {
                started.countDown();
                try {
                    Thread.sleep(30_000);
                } catch (InterruptedException e) {
                    interrupted.countDown();
                }
                return null;
            });
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            f.cancel(true);
            assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
            // the worker survives and its interrupt flag does not leak into the next task
            WorkerResult<Boolean> next = pool.apply(() -> Thread.currentThread().isInterrupted());
            assertThat(next.value()).isFalse();
        }
    }

    @Test
    void applyInterruptedCancelsTheTask() throws Exception {
        try (SimplePool pool = pool(RunningMode.CONCURRENT, 1)) {
            CountDownLatch interrupted = new CountDownLatch(1);
            CountDownLatch started = new CountDownLatch(1);
            Thread caller = Thread.ofPlatform().start(() -> {
                try {
                    pool.apply(() -> {
                        started.countDown();
                        try {
                            Thread.sleep(30_000);
                        } catch (InterruptedException e) {
                            interrupted.countDown();
                        }
                        return null;
                    });
                } catch (InterruptedException expected) {
                    // the point of the test
                }
            });
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            caller.interrupt();
            assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
            caller.join(10_000);
        }
    }

    @Test
    void badInputNamesTheParameter() {
        try (SimplePool pool = pool(RunningMode.GREEN_THREAD, 1)) {
            assertThatThrownBy(() -> pool.apply(null)).hasMessage("task must not be null");
            assertThatThrownBy(() -> pool.asyncApply(null)).hasMessage("task must not be null");
            assertThatThrownBy(() -> pool.map(null, List.of())).hasMessage("function must not be null");
            assertThatThrownBy(() -> pool.imap(x -> x, null)).hasMessage("inputs must not be null");
            assertThatThrownBy(() -> pool.imapUnordered(null, List.of())).hasMessage("function must not be null");
        }
    }
}
