package io.multirunnable.tests.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multirunnable.RunningMode;
import io.multirunnable.SimpleExecutor;
import io.multirunnable.WorkerResult;
import io.multirunnable.sync.Lock;
import io.multirunnable.sync.RLock;
import io.multirunnable.sync.RunWith;
import io.multirunnable.sync.Semaphore;
import io.multirunnable.sync.Sync;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * RunWith forms without a primitive (the Python original's {@code @RunWith.Lock} with no argument):
 * the primitive is the running worker's feature, looked up when the task runs.
 */
class RunWithFeatureTest {
    private static final int WORKERS = 8;

    /** Counts how many run at once, and the most ever seen. */
    private static final class Overlap {
        final AtomicInteger now = new AtomicInteger();
        final AtomicInteger most = new AtomicInteger();

        int enter() throws InterruptedException {
            int n = now.incrementAndGet();
            most.accumulateAndGet(n, Math::max);
            Thread.sleep(2);
            now.decrementAndGet();
            return n;
        }
    }

    @Test
    void theLockFeatureSerialisesTheWorkersInEveryRunningMode() throws Exception {
        for (RunningMode mode : List.of(RunningMode.CONCURRENT, RunningMode.GREEN_THREAD, RunningMode.PARALLEL)) {
            Overlap overlap = new Overlap();
            Callable<Integer> guarded = RunWith.lock(overlap::enter);
            try (SimpleExecutor executor = SimpleExecutor.builder(mode).withWorkers(WORKERS).withFeature(Sync.lock()).build()) {
                for (int round = 0; round < 5; round++) {
                    assertThat(executor.run(guarded)).allMatch(WorkerResult::isSuccessful);
                }
            }
            assertThat(overlap.most).as("%s", mode).hasValue(1);
        }
    }

    @Test
    void theSemaphoreFeatureBoundsTheWorkersAndOneWrapperServesTwoExecutors() throws Exception {
        Overlap overlap = new Overlap();
        Runnable limited = RunWith.semaphore(() -> {
            try {
                overlap.enter();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Semaphore two = Sync.boundedSemaphore(2);
        try (SimpleExecutor executor = SimpleExecutor.builder(RunningMode.CONCURRENT).withWorkers(WORKERS).withFeature(two).build()) {
            for (int round = 0; round < 5; round++) {
                assertThat(executor.run(limited)).allMatch(WorkerResult::isSuccessful);
            }
        }
        assertThat(overlap.most.get()).isBetween(1, 2);
        assertThat(two.availablePermits()).isEqualTo(2);

        Lock other = Sync.lock();
        Overlap second = new Overlap();
        Callable<Integer> serial = RunWith.lock(second::enter);
        try (SimpleExecutor executor = SimpleExecutor.builder(RunningMode.CONCURRENT).withWorkers(WORKERS).withFeature(other).build()) {
            assertThat(executor.run(serial)).allMatch(WorkerResult::isSuccessful);
        }
        assertThat(second.most).hasValue(1);
        assertThat(other.isLocked()).isFalse();
    }

    @Test
    void functionSupplierAndRLockFormsReleaseAfterTheTask() throws Exception {
        Lock lock = Sync.lock();
        RLock rlock = Sync.rlock();
        Function<Integer, Boolean> heldInside = RunWith.lock(x -> lock.isLocked());
        Supplier<Boolean> heldByMe = RunWith.lockSupplier(lock::isLocked);
        Callable<Boolean> reentrant = RunWith.rlock(rlock::isHeldByCurrentThread);
        try (SimpleExecutor executor = SimpleExecutor.builder(RunningMode.CONCURRENT).withWorkers(2)
                .withFeature("lock", lock).withFeature("rlock", rlock).build()) {
            assertThat(executor.map(heldInside::apply, List.of(1, 2, 3))).allMatch(r -> Boolean.TRUE.equals(r.value()));
            assertThat(executor.run(heldByMe::get)).allMatch(r -> Boolean.TRUE.equals(r.value()));
            assertThat(executor.run(reentrant)).allMatch(r -> Boolean.TRUE.equals(r.value()));
        }
        assertThat(lock.isLocked()).isFalse();
        assertThat(rlock.isLocked()).isFalse();
    }

    @Test
    void withoutTheFeatureTheTaskFailsNamingTheWorkerAndDoesNotRun() throws Exception {
        AtomicInteger ran = new AtomicInteger();
        Callable<Integer> guarded = RunWith.lock(ran::incrementAndGet);
        try (SimpleExecutor executor = SimpleExecutor.builder(RunningMode.CONCURRENT).withWorkers(2)
                .withFeature(Sync.semaphore(1)).build()) {
            List<WorkerResult<Integer>> results = executor.run(guarded);
            assertThat(results).allSatisfy(r -> assertThat(r.error()).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("has no feature of type Lock"));
        }
        assertThat(ran).hasValue(0);
        // outside any worker: the calling thread has no features
        assertThatThrownBy(guarded::call).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("has no feature of type Lock");
        assertThatThrownBy(() -> RunWith.lock((Runnable) null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("task must not be null");
    }
}
