package io.multirunnable.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The thread cache's hand-off rule under random load: batches mixing tiny tasks with tasks that can only
 * finish when every blocking task of their batch runs at the same time (a barrier), submitted by several
 * threads, with random idle bounds and keep-alives (from "expires during the hand-off" to "never"). Every
 * task must run exactly once, every barrier must trip (a queued task never waits for a busy thread), and no
 * thread may be alive after {@code close()}.
 */
class ThreadCachePropertiesTest {

    @Property(tries = 150, generation = GenerationMode.RANDOMIZED)
    void everyTaskRunsOnceAndBlockingTasksNeverWaitForABusyThread(
            @ForAll @Size(min = 1, max = 12) List<@IntRange(min = 0, max = 12) Integer> blockingPerBatch,
            @ForAll @IntRange(min = 0, max = 16) int tinyPerBatch,
            @ForAll @IntRange(min = 1, max = 8) int maxIdle,
            @ForAll @IntRange(min = 0, max = 2) int keepAliveKind,
            @ForAll @IntRange(min = 1, max = 3) int submitters) throws Exception {
        long keepAlive = switch (keepAliveKind) {
            case 0 -> TimeUnit.MICROSECONDS.toNanos(20);
            case 1 -> TimeUnit.MILLISECONDS.toNanos(2);
            default -> TimeUnit.HOURS.toNanos(1);
        };
        ThreadCache cache = new ThreadCache("tc-prop-", maxIdle, keepAlive);
        Set<Thread> used = ConcurrentHashMap.newKeySet();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        int batches = blockingPerBatch.size();
        AtomicIntegerArray runs = new AtomicIntegerArray(batches * (12 + tinyPerBatch) * submitters);
        List<Thread> threads = new ArrayList<>();
        for (int s = 0; s < submitters; s++) {
            int sub = s;
            Thread t = new Thread(() -> {
                for (int b = 0; b < batches; b++) {
                    int blocking = blockingPerBatch.get(b);
                    CyclicBarrier all = blocking == 0 ? null : new CyclicBarrier(blocking);
                    CountDownLatch done = new CountDownLatch(blocking + tinyPerBatch);
                    int base = ((sub * batches) + b) * (12 + tinyPerBatch);
                    for (int k = 0; k < blocking + tinyPerBatch; k++) {
                        int slot = base + k;
                        boolean blocks = k < blocking;
                        cache.execute(() -> {
                            used.add(Thread.currentThread());
                            runs.incrementAndGet(slot);
                            try {
                                if (blocks) {
                                    all.await(20, TimeUnit.SECONDS);
                                }
                            } catch (Exception e) {
                                failure.compareAndSet(null, e);
                            } finally {
                                done.countDown();
                            }
                        });
                    }
                    try {
                        done.await();
                    } catch (InterruptedException e) {
                        failure.compareAndSet(null, e);
                        return;
                    }
                }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        cache.close();
        assertThat(failure.get()).as("a task failed (a barrier that did not trip means a task waited for a busy thread)").isNull();
        for (int s = 0; s < submitters; s++) {
            for (int b = 0; b < batches; b++) {
                int base = ((s * batches) + b) * (12 + tinyPerBatch);
                for (int k = 0; k < 12 + tinyPerBatch; k++) {
                    int expected = k < blockingPerBatch.get(b) + tinyPerBatch ? 1 : 0;
                    assertThat(runs.get(base + k)).as("runs of submitter %d batch %d task %d", s, b, k).isEqualTo(expected);
                }
            }
        }
        assertThat(used).noneMatch(Thread::isAlive);
        assertThat(cache.idleCount()).isZero();
    }
}
