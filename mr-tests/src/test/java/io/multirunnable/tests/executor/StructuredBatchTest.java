package io.multirunnable.tests.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.multirunnable.BatchPolicy;
import io.multirunnable.MultiRunnable;
import io.multirunnable.RunningMode;
import io.multirunnable.SimpleExecutor;
import io.multirunnable.SimplePool;
import io.multirunnable.WorkerContext;
import io.multirunnable.WorkerResult;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link BatchPolicy} in every running mode, for each batch method: executor {@code run}, {@code map},
 * {@code mapWithFunction} and pool {@code map}. Every task that must be cancelled blocks for 30 s, so a
 * batch that failed to cancel shows up as a test far slower than its 20 s timeout.
 */
@Timeout(20)
class StructuredBatchTest {
    private static final long BLOCK_MS = 30_000;

    /** The four batch methods, each running task k (0-based) for k in [0, n) on n workers. */
    enum Shape { RUN, MAP, MAP_WITH_FUNCTION, POOL_MAP }

    @FunctionalInterface
    interface Task {
        String call(int k) throws Exception;
    }

    /** What one batch did: its return value or exception, and the results its executor or pool published. */
    record Outcome(List<WorkerResult<String>> returned, Exception thrown, List<WorkerResult<?>> results, long millis) {
    }

    static Outcome batch(RunningMode mode, Shape shape, int n, BatchPolicy policy, Task task) {
        long t0 = System.nanoTime();
        List<WorkerResult<String>> returned = null;
        Exception thrown = null;
        List<WorkerResult<?>> results;
        if (shape == Shape.POOL_MAP) {
            SimplePool pool = SimplePool.builder(mode).withWorkers(n).withName("sp").build();
            try {
                returned = pool.map(policy, task::call, IntStream.range(0, n).boxed().toList());
            } catch (Exception e) {
                thrown = e;
            }
            results = pool.result();
            long millis = (System.nanoTime() - t0) / 1_000_000;
            pool.close();
            return new Outcome(returned, thrown, results, millis);
        }
        SimpleExecutor ex = SimpleExecutor.builder(mode).withWorkers(n).withName("se").build();
        try {
            returned = switch (shape) {
                case RUN -> ex.run(policy, () -> task.call((int) WorkerContext.current().id() - 1));
                case MAP -> ex.map(policy, task::call, IntStream.range(0, n).boxed().toList());
                default -> {
                    List<Callable<String>> tasks = new ArrayList<>();
                    for (int k = 0; k < n; k++) {
                        int kk = k;
                        tasks.add(() -> task.call(kk));
                    }
                    yield ex.mapWithFunction(policy, tasks);
                }
            };
        } catch (Exception e) {
            thrown = e;
        }
        results = ex.result();
        long millis = (System.nanoTime() - t0) / 1_000_000;
        ex.close();
        return new Outcome(returned, thrown, results, millis);
    }

    static Stream<Arguments> modesAndShapes() {
        return Stream.of(RunningMode.values()).flatMap(m -> Stream.of(Shape.values()).map(s -> Arguments.of(m, s)));
    }

    /** Blocks in MultiRunnable.sleep until interrupted; counts the interrupt. */
    static String blockInSleep(CountDownLatch interrupted) throws InterruptedException {
        try {
            MultiRunnable.sleep(BLOCK_MS);
        } catch (InterruptedException e) {
            interrupted.countDown();
            throw e;
        }
        return "slept through";
    }

    /**
     * Workers that started blocking and those of them interrupted since. Under a deadline, a worker that
     * had not started by then never starts (its result says so), so only the started ones must be interrupted.
     */
    static final class Tally {
        final java.util.concurrent.atomic.AtomicInteger started = new java.util.concurrent.atomic.AtomicInteger();
        final java.util.concurrent.atomic.AtomicInteger interrupted = new java.util.concurrent.atomic.AtomicInteger();

        String block() throws InterruptedException {
            started.incrementAndGet();
            try {
                MultiRunnable.sleep(BLOCK_MS);
            } catch (InterruptedException e) {
                interrupted.incrementAndGet();
                throw e;
            }
            return "slept through";
        }

        void awaitEveryStartedOneInterrupted() throws InterruptedException {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (interrupted.get() < started.get()) {
                if (System.nanoTime() > end) {
                    fail(started + " workers blocked, only " + interrupted + " interrupted");
                }
                Thread.sleep(5);
            }
        }
    }

    static void await(CountDownLatch latch) throws InterruptedException {
        if (!latch.await(10, TimeUnit.SECONDS)) {
            fail("timed out waiting for " + latch);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("modesAndShapes")
    void failFastThrowsTheFirstFailureUnchangedAndCancelsTheOthers(RunningMode mode, Shape shape) throws Exception {
        IOException boom = new IOException("boom");
        CountDownLatch started = new CountDownLatch(3);
        CountDownLatch interrupted = new CountDownLatch(3);
        Outcome o = batch(mode, shape, 4, BatchPolicy.failFast(), k -> {
            if (k == 0) {
                await(started);
                throw boom;
            }
            started.countDown();
            return blockInSleep(interrupted);
        });
        assertThat(o.thrown()).isSameAs(boom);
        await(interrupted);
        assertThat(o.results()).hasSize(4);
        assertThat(o.results().get(0).error()).isSameAs(boom);
        for (int k = 1; k < 4; k++) {
            assertThat(o.results().get(k).error()).as("result %d", k).isInstanceOf(CancellationException.class)
                    .hasMessageContaining("task 0 decided the batch first");
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("modesAndShapes")
    void failFastWithoutFailureReturnsEveryResult(RunningMode mode, Shape shape) {
        Outcome o = batch(mode, shape, 3, BatchPolicy.failFast(), k -> "v" + k);
        assertThat(o.thrown()).isNull();
        assertThat(o.returned()).extracting(WorkerResult::value).containsExactly("v0", "v1", "v2");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("modesAndShapes")
    void firstSuccessReturnsTheWinnerAndCancelsTheOthers(RunningMode mode, Shape shape) throws Exception {
        CountDownLatch started = new CountDownLatch(2);
        CountDownLatch interrupted = new CountDownLatch(2);
        Outcome o = batch(mode, shape, 3, BatchPolicy.firstSuccess(), k -> {
            if (k == 1) {
                await(started);
                return "won";
            }
            started.countDown();
            return blockInSleep(interrupted);
        });
        assertThat(o.thrown()).isNull();
        await(interrupted);
        assertThat(o.returned()).hasSize(3);
        assertThat(o.returned().get(1).value()).isEqualTo("won");
        assertThat(o.returned().get(0).error()).isInstanceOf(CancellationException.class);
        assertThat(o.returned().get(2).error()).isInstanceOf(CancellationException.class);
        assertThat(o.results()).isEqualTo(o.returned());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("modesAndShapes")
    void firstSuccessWhenAllFailThrowsTheFirstFailureWithTheOthersSuppressed(RunningMode mode, Shape shape) {
        Outcome o = batch(mode, shape, 3, BatchPolicy.firstSuccess(), k -> {
            throw new IOException("f" + k);
        });
        assertThat(o.thrown()).isInstanceOf(IOException.class);
        List<String> all = new ArrayList<>();
        all.add(o.thrown().getMessage());
        Arrays.stream(o.thrown().getSuppressed()).forEach(s -> all.add(s.getMessage()));
        assertThat(all).containsExactlyInAnyOrder("f0", "f1", "f2");
        assertThat(o.results()).allSatisfy(r -> assertThat(r.error()).isInstanceOf(IOException.class));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("modesAndShapes")
    void deadlineInterruptsLateWorkersAndTheirResultsCarryATimeout(RunningMode mode, Shape shape) throws Exception {
        Tally tally = new Tally();
        Duration timeout = Duration.ofMillis(300);
        Outcome o = batch(mode, shape, 3, BatchPolicy.collectAll().withTimeout(timeout),
                k -> k == 0 ? "fast" : tally.block());
        assertThat(o.thrown()).isNull();
        tally.awaitEveryStartedOneInterrupted();
        // Under heavy load even the fast task may not have run by the deadline; then it says so too.
        WorkerResult<String> first = o.returned().get(0);
        assertThat(first.isSuccessful() ? first.value() : first.error().getClass().getSimpleName())
                .isIn("fast", "TimeoutException");
        assertThat(o.returned().subList(1, 3)).allSatisfy(r -> assertThat(r.error())
                .isInstanceOf(TimeoutException.class).hasMessage("batch deadline of PT0.3S passed before this task finished"));
        // Not a timing assertion: the workers block for 30 s, so this only checks the call did not wait for them.
        assertThat(o.millis()).isLessThan(BLOCK_MS / 3);
        System.out.printf("deadline slack %s %s: %d ms after a %d ms deadline%n", mode, shape,
                o.millis() - timeout.toMillis(), timeout.toMillis());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("modesAndShapes")
    void deadlineWithFailFastOrFirstSuccessThrowsTheTimeout(RunningMode mode, Shape shape) throws Exception {
        for (BatchPolicy policy : List.of(BatchPolicy.failFast(), BatchPolicy.firstSuccess())) {
            Tally tally = new Tally();
            Outcome o = batch(mode, shape, 2, policy.withTimeout(Duration.ofMillis(200)), k -> tally.block());
            assertThat(o.thrown()).as(policy.toString()).isInstanceOf(TimeoutException.class);
            tally.awaitEveryStartedOneInterrupted();
            assertThat(o.results()).hasSize(2).allSatisfy(r -> assertThat(r.error()).isInstanceOf(TimeoutException.class));
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("modesAndShapes")
    void collectAllIsTheDefaultAndKeepsEveryFailure(RunningMode mode, Shape shape) {
        Outcome o = batch(mode, shape, 4, BatchPolicy.collectAll(), k -> {
            if (k % 2 == 0) {
                throw new IOException("f" + k);
            }
            return "v" + k;
        });
        assertThat(o.thrown()).isNull();
        assertThat(o.returned()).extracting(r -> r.isSuccessful() ? r.value() : r.error().getMessage())
                .containsExactly("f0", "v1", "f2", "v3");
    }

    /** Unstarted inputs are never started and say so: a map of 50 inputs on 2 workers failing at input 3. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(RunningMode.class)
    void failFastNeverStartsTheRemainingInputs(RunningMode mode) throws Exception {
        for (Shape shape : List.of(Shape.MAP, Shape.POOL_MAP)) {
            AtomicReference<List<WorkerResult<?>>> seen = new AtomicReference<>();
            java.util.concurrent.atomic.AtomicInteger ran = new java.util.concurrent.atomic.AtomicInteger();
            Outcome o;
            if (shape == Shape.MAP) {
                try (SimpleExecutor ex = SimpleExecutor.of(mode, 2)) {
                    o = outcome(() -> ex.map(BatchPolicy.failFast(), k -> step(ran, k), IntStream.range(0, 50).boxed().toList()));
                    seen.set(ex.result());
                }
            } else {
                try (SimplePool pool = SimplePool.of(mode, 2)) {
                    o = outcome(() -> pool.map(BatchPolicy.failFast(), k -> step(ran, k), IntStream.range(0, 50).boxed().toList()));
                    seen.set(pool.result());
                }
            }
            assertThat(o.thrown()).as(shape.toString()).hasMessage("input 3");
            assertThat(ran.get()).as(shape.toString()).isLessThan(50);
            List<WorkerResult<?>> results = seen.get();
            assertThat(results).hasSize(50);
            assertThat(results.get(49).error()).isInstanceOf(CancellationException.class);
            assertThat(results.get(49).workerId()).isZero();
            assertThat(results.get(49).index()).isEqualTo(49);
        }
    }

    private static String step(java.util.concurrent.atomic.AtomicInteger ran, int k) throws Exception {
        ran.incrementAndGet();
        if (k == 3) {
            throw new IllegalStateException("input 3");
        }
        Thread.sleep(5);
        return "v" + k;
    }

    private static Outcome outcome(Callable<? extends List<?>> call) {
        try {
            call.call();
            return new Outcome(null, null, List.of(), 0);
        } catch (Exception e) {
            return new Outcome(null, e, List.of(), 0);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(RunningMode.class)
    void aNullPolicyIsRejectedByEveryMethod(RunningMode mode) {
        try (SimpleExecutor ex = SimpleExecutor.of(mode, 1); SimplePool pool = SimplePool.of(mode, 1)) {
            List<Runnable> calls = List.of(
                    () -> call(() -> ex.run(null, () -> 1)),
                    () -> call(() -> ex.map(null, x -> x, List.of(1))),
                    () -> call(() -> ex.mapWithFunction(null, List.of(() -> 1))),
                    () -> call(() -> pool.map(null, x -> x, List.of(1))));
            for (Runnable c : calls) {
                assertThatThrownBy(c::run).isInstanceOf(IllegalArgumentException.class).hasMessage("policy must not be null");
            }
        }
    }

    private static void call(Callable<?> c) {
        try {
            c.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
