package io.multirunnable.tests.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.multirunnable.MultiRunnable;
import io.multirunnable.RunningMode;
import io.multirunnable.SimpleExecutor;
import io.multirunnable.SimplePool;
import io.multirunnable.WorkerContext;
import io.multirunnable.WorkerResult;
import io.multirunnable.sync.Acquirable;
import io.multirunnable.sync.BoundedSemaphore;
import io.multirunnable.sync.Condition;
import io.multirunnable.sync.Event;
import io.multirunnable.sync.Guard;
import io.multirunnable.sync.Lock;
import io.multirunnable.sync.RLock;
import io.multirunnable.sync.RunWith;
import io.multirunnable.sync.Semaphore;
import io.multirunnable.sync.Sync;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The three ways to use each primitive — guard, RunWith wrapper, executor/pool feature — in every
 * running mode, with the same semantics: never more holders than allowed, every task done, the
 * primitive free afterwards.
 */
class SyncStylesTest {
    private static final int WORKERS = 4;
    private static final List<Integer> INPUTS = IntStream.range(0, 120).boxed().toList();

    enum Kind {
        LOCK(Lock.class, 1), RLOCK(RLock.class, 1), SEMAPHORE(Semaphore.class, 2),
        BOUNDED_SEMAPHORE(BoundedSemaphore.class, 2), CONDITION(Condition.class, 1);

        final Class<? extends Acquirable> type;
        final int limit;

        Kind(Class<? extends Acquirable> type, int limit) {
            this.type = type;
            this.limit = limit;
        }

        Acquirable create() {
            return switch (this) {
                case LOCK -> Sync.lock("shared");
                case RLOCK -> Sync.rlock("shared");
                case SEMAPHORE -> Sync.semaphore("shared", limit);
                case BOUNDED_SEMAPHORE -> Sync.boundedSemaphore("shared", limit);
                case CONDITION -> Sync.condition("shared");
            };
        }
    }

    enum Style { GUARD, RUN_WITH, EXECUTOR_FEATURE, POOL_FEATURE }

    static Stream<Arguments> everyModeKindAndStyle() {
        return Stream.of(RunningMode.values()).flatMap(mode -> Stream.of(Kind.values())
                .flatMap(kind -> Stream.of(Style.values()).map(style -> Arguments.of(mode, kind, style))));
    }

    /** Counts who is inside the critical section. */
    private static final class Section {
        final AtomicInteger inside = new AtomicInteger();
        final AtomicInteger maxInside = new AtomicInteger();
        final AtomicInteger entries = new AtomicInteger();

        int enter(int x) {
            maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
            entries.incrementAndGet();
            Thread.yield();
            inside.decrementAndGet();
            return 2 * x;
        }
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("everyModeKindAndStyle")
    void eachStyleGuardsTheSectionInEveryMode(RunningMode mode, Kind kind, Style style) throws Exception {
        Acquirable primitive = kind.create();
        Section section = new Section();
        List<WorkerResult<Integer>> results;
        switch (style) {
            case GUARD -> {
                try (SimpleExecutor executor = SimpleExecutor.builder(mode).withWorkers(WORKERS).build()) {
                    results = executor.map(x -> {
                        try (Guard held = primitive.acquire()) {
                            return section.enter(x);
                        }
                    }, INPUTS);
                }
            }
            case RUN_WITH -> {
                Function<Integer, Integer> guarded = primitive instanceof Semaphore s
                        ? RunWith.semaphore(s, section::enter)
                        : RunWith.lock(primitive, section::enter);
                try (SimpleExecutor executor = SimpleExecutor.builder(mode).withWorkers(WORKERS).build()) {
                    results = executor.map(guarded::apply, INPUTS);
                }
            }
            case EXECUTOR_FEATURE -> {
                try (SimpleExecutor executor = SimpleExecutor.builder(mode).withWorkers(WORKERS)
                        .withFeature(primitive).build()) {
                    results = executor.map(x -> {
                        Acquirable shared = WorkerContext.current().feature(kind.type);
                        assertThat(shared).isSameAs(primitive);
                        try (Guard held = shared.acquire()) {
                            return section.enter(x);
                        }
                    }, INPUTS);
                }
            }
            case POOL_FEATURE -> {
                try (SimplePool pool = SimplePool.builder(mode).withWorkers(WORKERS).withFeature(primitive).build()) {
                    results = pool.map(x -> {
                        Acquirable shared = WorkerContext.current().feature("shared", kind.type);
                        try (Guard held = shared.acquire(Duration.ofSeconds(30))) {
                            return section.enter(x);
                        }
                    }, INPUTS);
                }
            }
            default -> throw new IllegalStateException();
        }
        assertThat(results).allSatisfy(r -> assertThat(r.error()).isNull());
        assertThat(results).extracting(WorkerResult::value).containsExactlyElementsOf(INPUTS.stream().map(x -> 2 * x).toList());
        assertThat(section.entries).hasValue(INPUTS.size());
        assertThat(section.maxInside.get()).isBetween(1, kind.limit);
        assertThat(primitive.tryAcquire()).as("free afterwards").isTrue();
        primitive.release();
        if (primitive instanceof Semaphore s) {
            assertThat(s.availablePermits()).isEqualTo(kind.limit);
        }
    }

    /** Event as a feature: the waiting workers pass only after worker 1 sets it. */
    @ParameterizedTest
    @EnumSource(RunningMode.class)
    void eventFeatureReleasesWaitersInEveryMode(RunningMode mode) throws Exception {
        List<String> order = new CopyOnWriteArrayList<>();
        try (SimpleExecutor executor = SimpleExecutor.builder(mode).withWorkers(WORKERS).withFeature(Sync.event("go")).build()) {
            List<WorkerResult<Boolean>> results = executor.run(() -> {
                WorkerContext me = WorkerContext.current();
                Event go = me.feature(Event.class);
                if (me.id() == 1) {
                    order.add("set");
                    go.set();
                    return true;
                }
                boolean set = go.await(Duration.ofSeconds(30));
                order.add("passed " + me.id());
                return set;
            });
            assertThat(results).extracting(WorkerResult::value).containsOnly(true);
        }
        assertThat(order).hasSize(WORKERS).first().isEqualTo("set");
    }

    /** Condition as a feature: the workers take turns in id order, each waiting for its turn. */
    @ParameterizedTest
    @EnumSource(RunningMode.class)
    void conditionFeatureLetsWorkersTakeTurnsInEveryMode(RunningMode mode) throws Exception {
        int[] turn = {1};
        List<Long> order = new CopyOnWriteArrayList<>();
        try (SimpleExecutor executor = SimpleExecutor.builder(mode).withWorkers(WORKERS)
                .withFeature(Sync.condition("turns")).build()) {
            List<WorkerResult<Boolean>> results = executor.run(() -> {
                WorkerContext me = WorkerContext.current();
                Condition turns = me.feature(Condition.class);
                try (Guard held = turns.acquire()) {
                    if (!turns.awaitUntil(() -> turn[0] == me.id(), Duration.ofSeconds(30))) {
                        return false;
                    }
                    order.add(me.id());
                    turn[0]++;
                    turns.signalAll();
                    return true;
                }
            });
            assertThat(results).extracting(WorkerResult::value).containsOnly(true);
        }
        assertThat(order).containsExactly(1L, 2L, 3L, 4L);
    }

    /**
     * In ASYNCHRONOUS mode a {@link Lock} (not bound to a thread) can be held across stages: taken by the
     * worker, released by the stage that finishes later on another thread, still mutually exclusive.
     */
    @org.junit.jupiter.api.Test
    void lockHeldAcrossAsyncStages() throws Exception {
        Lock lock = Sync.lock("async");
        Section section = new Section();
        try (SimpleExecutor executor = SimpleExecutor.builder(RunningMode.ASYNCHRONOUS).withWorkers(WORKERS)
                .withFeature(lock).build()) {
            for (int round = 0; round < 5; round++) {
                List<WorkerResult<Integer>> results = executor.runAsync(() -> {
                    Lock shared = WorkerContext.current().feature(Lock.class);
                    Guard held = shared.acquire();
                    return MultiRunnable.delay(Duration.ofMillis(1)).thenApply(v -> {
                        try {
                            return section.enter(1);
                        } finally {
                            held.close();
                        }
                    });
                }).get(60, TimeUnit.SECONDS);
                assertThat(results).allMatch(WorkerResult::isSuccessful);
            }
        }
        assertThat(section.entries).hasValue(5 * WORKERS);
        assertThat(section.maxInside).hasValue(1);
        assertThat(lock.isLocked()).isFalse();
    }
}
