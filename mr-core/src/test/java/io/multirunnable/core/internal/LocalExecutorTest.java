package io.multirunnable.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multirunnable.RunningMode;
import io.multirunnable.SimpleExecutor;
import io.multirunnable.WorkerContext;
import io.multirunnable.WorkerResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Timeout(60)
class LocalExecutorTest {

    private static SimpleExecutor executor(RunningMode mode, int workers) {
        return SimpleExecutor.builder(mode).withWorkers(workers).withName("t").build();
    }

    @ParameterizedTest
    @EnumSource(RunningMode.class)
    void aThrowingTaskLandsInItsResultAndTheExecutorKeepsWorking(RunningMode mode) throws Exception {
        try (SimpleExecutor ex = executor(mode, 3)) {
            List<WorkerResult<Integer>> results = ex.run(() -> {
                if (WorkerContext.current().id() == 2) {
                    throw new IllegalStateException("worker 2 fails");
                }
                return 1;
            });
            assertThat(results).extracting(WorkerResult::isSuccessful).containsExactly(true, false, true);
            assertThat(results.get(1).error()).isInstanceOf(IllegalStateException.class).hasMessage("worker 2 fails");
            assertThat(results.get(1).workerName()).isEqualTo("t-worker-2");
            assertThat(ex.run(() -> 7)).extracting(WorkerResult::value).containsExactly(7, 7, 7);
            assertThat(ex.result()).hasSize(3);
        }
    }

    /**
     * Regression guard for the plain fork-join tasks (Backends.plainTask): the pool starts threads lazily for
     * them, so tiny parts share two or three threads; parts that block must still each get a thread of their
     * own, or a batch whose workers wait for each other would hang.
     */
    @ParameterizedTest
    @EnumSource(RunningMode.class)
    void everyWorkerOfABatchRunsAtOnceWhenTheyWaitForEachOther(RunningMode mode) throws Exception {
        for (int workers : new int[] {2, 8, 24}) {
            try (SimpleExecutor ex = executor(mode, workers)) {
                for (int round = 0; round < 5; round++) {
                    CyclicBarrier all = new CyclicBarrier(workers);
                    List<WorkerResult<Integer>> run = ex.run(() -> all.await(20, TimeUnit.SECONDS));
                    assertThat(run).hasSize(workers).allMatch(WorkerResult::isSuccessful);
                    CyclicBarrier inputs = new CyclicBarrier(workers);
                    List<WorkerResult<Integer>> map = ex.map(i -> inputs.await(20, TimeUnit.SECONDS),
                            IntStream.range(0, workers).boxed().toList());
                    assertThat(map).hasSize(workers).allMatch(WorkerResult::isSuccessful);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(RunningMode.class)
    void mapKeepsInputOrderAndSpreadsOverWorkers(RunningMode mode) throws Exception {
        try (SimpleExecutor ex = executor(mode, 4)) {
            List<Integer> inputs = IntStream.range(0, 1000).boxed().toList();
            List<WorkerResult<String>> out = ex.map(i -> i + ":" + WorkerContext.current().id(), inputs);
            assertThat(out).hasSize(1000);
            for (int i = 0; i < 1000; i++) {
                assertThat(out.get(i).index()).isEqualTo(i);
                assertThat(out.get(i).value()).startsWith(i + ":");
            }
            assertThat(ex.map(i -> i, List.of())).isEmpty();
            List<Integer> withNull = Arrays.asList(1, null, 3);
            assertThat(ex.map(i -> String.valueOf(i), withNull)).extracting(WorkerResult::value)
                    .containsExactly("1", "null", "3");
        }
    }

    @ParameterizedTest
    @EnumSource(RunningMode.class)
    void mapWithFunctionRunsDifferentTasksInOrder(RunningMode mode) throws Exception {
        try (SimpleExecutor ex = executor(mode, 2)) {
            List<Callable<Object>> tasks = List.of(() -> "a", () -> 2, () -> {
                throw new java.io.IOException("disk");
            });
            List<WorkerResult<Object>> out = ex.mapWithFunction(tasks);
            assertThat(out).extracting(WorkerResult::value).containsExactly("a", 2, null);
            assertThat(out.get(2).error()).isInstanceOf(java.io.IOException.class);
        }
    }

    @Test
    void badInputIsRejectedWithNamedParameters() throws Exception {
        try (SimpleExecutor ex = executor(RunningMode.CONCURRENT, 1)) {
            assertThatThrownBy(() -> ex.run((Callable<Object>) null)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("task must not be null");
            assertThatThrownBy(() -> ex.map(null, List.of(1))).hasMessage("function must not be null");
            assertThatThrownBy(() -> ex.map(i -> i, null)).hasMessage("inputs must not be null");
            assertThatThrownBy(() -> ex.mapWithFunction(Arrays.asList(() -> 1, null)))
                    .hasMessage("tasks[1] must not be null");
            assertThatThrownBy(() -> ex.runAsync(null)).hasMessage("task must not be null");
        }
    }

    @ParameterizedTest
    @EnumSource(RunningMode.class)
    void aClosedExecutorRefusesWork(RunningMode mode) {
        SimpleExecutor ex = executor(mode, 2);
        ex.close();
        ex.close(); // idempotent
        assertThat(ex.isClosed()).isTrue();
        assertThatThrownBy(() -> ex.run(() -> 1)).isInstanceOf(IllegalStateException.class)
                .hasMessage("executor is closed");
        assertThatThrownBy(() -> ex.map(i -> i, List.of(1))).hasMessage("executor is closed");
        assertThatThrownBy(() -> ex.runAsync(() -> CompletableFuture.completedFuture(1))).hasMessage("executor is closed");
    }

    @ParameterizedTest
    @EnumSource(RunningMode.class)
    void interruptingTheCallerCancelsTheWorkers(RunningMode mode) throws Exception {
        try (SimpleExecutor ex = executor(mode, 3)) {
            CountDownLatch started = new CountDownLatch(3);
            CountDownLatch interrupted = new CountDownLatch(3);
            AtomicReference<Throwable> callerSaw = new AtomicReference<>();
            Thread caller = Thread.ofPlatform().start(() -> {
                try {
                    ex.run(() -> {
                        started.countDown();
                        try {
                            Thread.sleep(30_000);
                        } catch (InterruptedException e) {
                            interrupted.countDown();
                            throw e;
                        }
                        return null;
                    });
                } catch (Throwable t) {
                    callerSaw.set(t);
                }
            });
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            caller.interrupt();
            caller.join(10_000);
            assertThat(callerSaw.get()).isInstanceOf(InterruptedException.class);
            assertThat(interrupted.await(10, TimeUnit.SECONDS)).as("every worker was interrupted").isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(RunningMode.class)
    void shutdownNowInterruptsRunningWorkers(RunningMode mode) throws Exception {
        SimpleExecutor ex = executor(mode, 2);
        CountDownLatch started = new CountDownLatch(2);
        CountDownLatch interrupted = new CountDownLatch(2);
        Thread caller = Thread.ofPlatform().start(() -> {
            try {
                ex.run(() -> {
                    started.countDown();
                    try {
                        Thread.sleep(30_000);
                    } catch (InterruptedException e) {
                        interrupted.countDown();
                    }
                    return null;
                });
            } catch (Exception ignored) {
                // either results or "executor was shut down": both fine here
            }
        });
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        ex.shutdownNow();
        assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
        caller.join(10_000);
        assertThat(caller.isAlive()).isFalse();
        assertThat(ex.isClosed()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(RunningMode.class)
    void closeWaitsForRunningWorkers(RunningMode mode) throws Exception {
        SimpleExecutor ex = executor(mode, 4);
        AtomicInteger finished = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(4);
        Thread caller = Thread.ofPlatform().start(() -> {
            try {
                ex.run(() -> {
                    started.countDown();
                    Thread.sleep(200);
                    return finished.incrementAndGet();
                });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        ex.close();
        assertThat(finished.get()).isEqualTo(4);
        caller.join(10_000);
    }

    @ParameterizedTest
    @EnumSource(RunningMode.class)
    void workersSeeTheirContext(RunningMode mode) throws Exception {
        assertThat(WorkerContext.current().isWorker()).isFalse();
        assertThat(WorkerContext.current().activeCount()).isZero();
        try (SimpleExecutor ex = executor(mode, 3)) {
            CountDownLatch all = new CountDownLatch(3);
            List<WorkerResult<List<Object>>> out = ex.run(() -> {
                all.countDown();
                all.await(10, TimeUnit.SECONDS);
                WorkerContext me = WorkerContext.current();
                return List.of(me.isWorker(), me.mode(), me.parent(), me.activeCount());
            });
            String parent = Thread.currentThread().getName();
            for (WorkerResult<List<Object>> r : out) {
                assertThat(r.value().subList(0, 3)).containsExactly(true, mode, parent);
                assertThat((Integer) r.value().get(3)).isBetween(1, 3);
                assertThat(r.end()).isAfterOrEqualTo(r.start());
            }
        }
    }

    /**
     * A map worker reads the clock once per task (Workers.Laps): a task's start is the end of the task
     * before it on that worker. Whatever the timing shortcut, each result must enclose its own task and
     * one worker's results must not overlap.
     */
    @ParameterizedTest
    @EnumSource(RunningMode.class)
    void mapTimesEachTaskAroundItsRunWithoutOverlapPerWorker(RunningMode mode) throws Exception {
        int n = 300;
        long[] seen = new long[n];
        try (SimpleExecutor ex = executor(mode, 3)) {
            List<WorkerResult<Integer>> out = ex.map(i -> {
                seen[i] = WorkerResult.nowEpochNanos();
                if (i % 50 == 0) {
                    Thread.sleep(1);
                }
                return i;
            }, IntStream.range(0, n).boxed().toList());
            assertTimesEncloseTasks(out, seen);
        }
    }

    /** A stack overflow is the task's own failure, kept in its result (Workers.kept); the executor goes on. */
    @ParameterizedTest
    @EnumSource(RunningMode.class)
    void aStackOverflowIsKeptInTheResult(RunningMode mode) throws Exception {
        try (SimpleExecutor ex = executor(mode, 2)) {
            assertThat(ex.run(() -> recurse(0))).allSatisfy(r -> assertThat(r.error()).isInstanceOf(StackOverflowError.class));
            List<WorkerResult<Integer>> mapped = ex.map(i -> i == 3 ? recurse(0) : i, IntStream.range(0, 6).boxed().toList());
            assertThat(mapped.get(3).error()).isInstanceOf(StackOverflowError.class);
            assertThat(mapped).filteredOn(WorkerResult::isSuccessful).extracting(WorkerResult::value).containsExactly(0, 1, 2, 4, 5);
            assertThat(ex.run(() -> 7)).extracting(WorkerResult::value).containsExactly(7, 7);
        }
    }

    private static int recurse(int depth) {
        return recurse(depth + 1) + 1;
    }

    static void assertTimesEncloseTasks(List<? extends WorkerResult<?>> out, long[] seen) {
        java.util.Map<Long, List<WorkerResult<?>>> byWorker = new java.util.HashMap<>();
        for (WorkerResult<?> r : out) {
            long at = seen[r.index()];
            assertThat(epochNanos(r.start())).as("start of task %d", r.index()).isLessThanOrEqualTo(at);
            assertThat(epochNanos(r.end())).as("end of task %d", r.index()).isGreaterThanOrEqualTo(at);
            byWorker.computeIfAbsent(r.workerId(), k -> new ArrayList<>()).add(r);
        }
        for (List<WorkerResult<?>> rs : byWorker.values()) {
            rs.sort(java.util.Comparator.comparing(WorkerResult::start));
            for (int k = 1; k < rs.size(); k++) {
                assertThat(rs.get(k).start()).as("task %d starts after task %d ended on its worker",
                        rs.get(k).index(), rs.get(k - 1).index()).isAfterOrEqualTo(rs.get(k - 1).end());
            }
        }
    }

    private static long epochNanos(java.time.Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    @ParameterizedTest
    @EnumSource(RunningMode.class)
    void runAsyncComposesStagesWithoutBlocking(RunningMode mode) throws Exception {
        try (SimpleExecutor ex = executor(mode, 3)) {
            CompletableFuture<List<WorkerResult<String>>> f = ex.runAsync(() -> {
                long id = WorkerContext.current().id();
                if (id == 3) {
                    return CompletableFuture.failedFuture(new IllegalArgumentException("no 3"));
                }
                return io.multirunnable.MultiRunnable.delay(java.time.Duration.ofMillis(20)).thenApply(v -> "w" + id);
            });
            List<WorkerResult<String>> out = f.get(10, TimeUnit.SECONDS);
            assertThat(out).extracting(WorkerResult::value).containsExactly("w1", "w2", null);
            assertThat(out.get(2).error()).isInstanceOf(IllegalArgumentException.class).hasMessage("no 3");
        }
    }

    @Test
    void manyBatchesFromManyThreadsAtOnce() throws Exception {
        try (SimpleExecutor ex = executor(RunningMode.CONCURRENT, 4)) {
            List<Thread> callers = new ArrayList<>();
            AtomicInteger total = new AtomicInteger();
            for (int c = 0; c < 8; c++) {
                callers.add(Thread.ofPlatform().start(() -> {
                    try {
                        List<WorkerResult<Integer>> r = ex.map(i -> i, IntStream.range(0, 500).boxed().toList());
                        total.addAndGet(r.stream().mapToInt(WorkerResult::value).sum());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
            }
            for (Thread t : callers) {
                t.join();
            }
            assertThat(total.get()).isEqualTo(8 * (499 * 500 / 2));
        }
    }

    /**
     * Thread-per-task modes keep a worker's context in the thread's uncaught-exception handler slot, not a
     * thread-local: no context may outlive its part, even on a CONCURRENT thread kept for the next batch.
     */
    @ParameterizedTest
    @EnumSource(value = RunningMode.class, names = {"CONCURRENT", "GREEN_THREAD"})
    void ownedThreadContextsAreRemovedAfterEachPart(RunningMode mode) throws Exception {
        Set<Thread> used = ConcurrentHashMap.newKeySet();
        try (SimpleExecutor ex = executor(mode, 50)) {
            List<WorkerResult<String>> names = ex.run(() -> {
                used.add(Thread.currentThread());
                return WorkerContext.current().name();
            });
            assertThat(names).extracting(WorkerResult::value).doesNotContainNull().doesNotHaveDuplicates();
            assertThat(ex.map(x -> {
                used.add(Thread.currentThread());
                return WorkerContext.current().isWorker();
            }, List.of(1, 2, 3))).allSatisfy(r -> assertThat(r.value()).isTrue());
            assertThat(used).noneMatch(Workers::hasOwnedContext);
        }
        assertThat(used).noneMatch(Workers::hasOwnedContext);
        assertThat(WorkerContext.current().isWorker()).isFalse();
    }
}
