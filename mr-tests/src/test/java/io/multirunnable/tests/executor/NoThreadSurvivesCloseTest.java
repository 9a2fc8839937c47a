package io.multirunnable.tests.executor;

import static org.assertj.core.api.Assertions.assertThat;

import io.multirunnable.BatchPolicy;
import io.multirunnable.RunningMode;
import io.multirunnable.SimpleExecutor;
import io.multirunnable.SimplePool;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every thread an executor or pool ran work on is gone after {@code close()}: the threads each task ran on
 * are recorded and checked, and the live platform threads named after the executor or pool are counted
 * before and after. Batches include a cancelled one (deadline), whose workers were interrupted.
 */
@Timeout(60)
class NoThreadSurvivesCloseTest {

    /** Platform threads alive now whose name starts with {@code prefix}. */
    private static Set<String> live(String prefix) {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith(prefix)).collect(Collectors.toSet());
    }

    /**
     * Every platform thread that ran a task is dead when {@code close()} returns: executors and pools join
     * their threads (a backend reports itself terminated a few instructions before its last thread is dead,
     * so waiting for termination alone is not enough). Virtual threads (GREEN_THREAD) are not joined, since
     * tracking each would cost a set entry per worker: {@code close()} waits until every task has ended, and the
     * join here covers the virtual thread's last instructions only.
     */
    private static void assertAllDead(Set<Thread> threads) throws InterruptedException {
        assertThat(threads).isNotEmpty();
        for (Thread t : threads) {
            if (t.isVirtual()) {
                t.join(Duration.ofSeconds(1));
            }
            assertThat(t.isAlive()).as("%s alive after close()", t).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(RunningMode.class)
    void executorThreadsEndAtClose(RunningMode mode) throws Exception {
        String name = "survive-ex-" + mode;
        assertThat(live(name)).isEmpty();
        Set<Thread> used = ConcurrentHashMap.newKeySet();
        SimpleExecutor ex = SimpleExecutor.builder(mode).withWorkers(8).withName(name).build();
        ex.run(() -> used.add(Thread.currentThread()));
        ex.map(x -> used.add(Thread.currentThread()), IntStream.range(0, 100).boxed().toList());
        ex.run(BatchPolicy.collectAll().withTimeout(Duration.ofMillis(100)), () -> {
            used.add(Thread.currentThread());
            Thread.sleep(30_000);
            return null;
        });
        ex.close();
        assertAllDead(used);
        assertThat(live(name)).isEmpty();
    }

    /**
     * A long-lived executor that ran many small batches: CONCURRENT keeps finished threads a while for the
     * next batch (up to 64, 1 s); close() must end those idle threads too, and not leave them to time out.
     */
    @ParameterizedTest
    @EnumSource(RunningMode.class)
    void executorThatRanManyBatchesLeavesNoThread(RunningMode mode) throws Exception {
        String name = "survive-many-" + mode;
        assertThat(live(name)).isEmpty();
        Set<Thread> used = ConcurrentHashMap.newKeySet();
        SimpleExecutor ex = SimpleExecutor.builder(mode).withWorkers(8).withName(name).build();
        for (int b = 0; b < 25; b++) {
            ex.run(() -> used.add(Thread.currentThread()));
            ex.map(x -> used.add(Thread.currentThread()), IntStream.range(0, 20).boxed().toList());
            ex.mapWithFunction(List.of(() -> used.add(Thread.currentThread()), () -> used.add(Thread.currentThread())));
        }
        ex.run(BatchPolicy.failFast(), () -> used.add(Thread.currentThread()));
        ex.close();
        assertAllDead(used);
        assertThat(live(name)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(RunningMode.class)
    void poolThreadsEndAtCloseAndAtShutdownNow(RunningMode mode) throws Exception {
        for (boolean now : new boolean[] {false, true}) {
            String name = "survive-pool-" + mode + "-" + now;
            Set<Thread> used = ConcurrentHashMap.newKeySet();
            SimplePool pool = SimplePool.builder(mode).withWorkers(4).withName(name).build();
            pool.map(x -> used.add(Thread.currentThread()), IntStream.range(0, 100).boxed().toList());
            pool.map(BatchPolicy.collectAll().withTimeout(Duration.ofMillis(100)), x -> {
                used.add(Thread.currentThread());
                Thread.sleep(30_000);
                return null;
            }, List.of(1, 2));
            if (now) {
                pool.shutdownNow();
            }
            pool.close();
            assertAllDead(used);
            assertThat(live(name)).isEmpty();
        }
    }
}
