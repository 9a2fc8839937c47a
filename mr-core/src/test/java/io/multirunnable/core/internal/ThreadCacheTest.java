package io.multirunnable.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The CONCURRENT executor's platform thread cache: reuse, the idle bound, close() and shutdownNow(), and a
 * many-thread stress run where keep-alive expiry races with hand-off. No timing assertions: waits are for
 * states ({@code idleCount()}), with the test timeout as the only clock.
 */
@Timeout(60)
class ThreadCacheTest {
    private static final long HOUR = TimeUnit.HOURS.toNanos(1);

    private static void awaitIdle(ThreadCache cache, int n) throws InterruptedException {
        while (cache.idleCount() != n) {
            Thread.sleep(1);
        }
    }

    private static Thread runOne(ThreadCache cache) throws InterruptedException {
        Thread[] ran = new Thread[1];
        CountDownLatch done = new CountDownLatch(1);
        cache.execute(() -> {
            ran[0] = Thread.currentThread();
            done.countDown();
        });
        done.await();
        return ran[0];
    }

    @Test
    void anIdleThreadRunsTheNextTask() throws Exception {
        ThreadCache cache = new ThreadCache("tc-reuse-", 4, HOUR);
        Thread first = runOne(cache);
        awaitIdle(cache, 1);
        Thread second = runOne(cache);
        assertThat(second).isSameAs(first);
        assertThat(first.getName()).isEqualTo("tc-reuse-1");
        cache.close();
        assertThat(first.isAlive()).isFalse();
    }

    @Test
    void atMostMaxIdleThreadsWaitAndCloseEndsThemAll() throws Exception {
        ThreadCache cache = new ThreadCache("tc-bound-", 3, HOUR);
        Set<Thread> used = ConcurrentHashMap.newKeySet();
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(10);
        for (int i = 0; i < 10; i++) {
            cache.execute(() -> {
                used.add(Thread.currentThread());
                started.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        started.await();
        assertThat(used).hasSize(10); // no bound on running threads: every task got one at once
        release.countDown();
        awaitIdle(cache, 3);
        assertThat(used.stream().filter(t -> t.getState() == Thread.State.WAITING
                || t.getState() == Thread.State.TIMED_WAITING).count()).isGreaterThanOrEqualTo(3);
        cache.close();
        assertThat(used).noneMatch(Thread::isAlive);
        assertThatThrownBy(() -> cache.execute(() -> { }))
                .isInstanceOf(RejectedExecutionException.class).hasMessageContaining("shut down");
    }

    @Test
    void anIdleThreadEndsAfterItsKeepAlive() throws Exception {
        ThreadCache cache = new ThreadCache("tc-expire-", 4, TimeUnit.MILLISECONDS.toNanos(5));
        Thread t = runOne(cache);
        t.join(); // no task comes: it ends by itself
        assertThat(cache.idleCount()).isZero();
        assertThat(runOne(cache)).isNotSameAs(t);
        cache.close();
    }

    /**
     * Regression: a thread whose keep-alive ran out used to drop itself from the set close() joins a moment
     * before it died, so close() could return with it still alive. Threads here time out almost at once, so
     * close() often meets one on its way out.
     */
    @Test
    void closeWaitsForAThreadThatIsEndingByItself() throws Exception {
        for (int round = 0; round < 10_000; round++) {
            ThreadCache cache = new ThreadCache("tc-ending-", 4, round % 50 * 1_000L);
            Thread t = runOne(cache);
            if (round % 3 == 0) {
                Thread.onSpinWait();
            }
            cache.close();
            assertThat(t.isAlive()).as("round %d: thread alive after close()", round).isFalse();
        }
    }

    @Test
    void shutdownNowInterruptsRunningTasksAndCloseWaitsForThem() throws Exception {
        ThreadCache cache = new ThreadCache("tc-now-", 4, HOUR);
        CountDownLatch started = new CountDownLatch(2);
        List<Throwable> seen = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            cache.execute(() -> {
                started.countDown();
                try {
                    Thread.sleep(Duration.ofHours(1));
                } catch (InterruptedException e) {
                    synchronized (seen) {
                        seen.add(e);
                    }
                }
            });
        }
        started.await();
        cache.shutdownNow();
        cache.close();
        assertThat(seen).hasSize(2);
    }

    /**
     * 8 submitters x 2,000 tasks with a 50-microsecond keep-alive, so threads time out while tasks are
     * handed to them: every task runs exactly once, and after close() no thread of the cache is alive.
     */
    @Test
    void stressEveryTaskRunsOnceAndNoThreadSurvives() throws Exception {
        ThreadCache cache = new ThreadCache("tc-stress-", 8, TimeUnit.MICROSECONDS.toNanos(50));
        int submitters = 8;
        int each = 2_000;
        AtomicIntegerArray runs = new AtomicIntegerArray(submitters * each);
        Set<Thread> used = ConcurrentHashMap.newKeySet();
        CountDownLatch all = new CountDownLatch(submitters * each);
        List<Thread> threads = new ArrayList<>();
        for (int s = 0; s < submitters; s++) {
            int base = s * each;
            Thread t = new Thread(() -> {
                for (int i = 0; i < each; i++) {
                    int k = base + i;
                    cache.execute(() -> {
                        used.add(Thread.currentThread());
                        runs.incrementAndGet(k);
                        all.countDown();
                    });
                }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        all.await();
        cache.close();
        for (int k = 0; k < runs.length(); k++) {
            assertThat(runs.get(k)).as("runs of task %d", k).isEqualTo(1);
        }
        assertThat(used).noneMatch(Thread::isAlive);
        assertThat(cache.idleCount()).isZero();
    }
}
