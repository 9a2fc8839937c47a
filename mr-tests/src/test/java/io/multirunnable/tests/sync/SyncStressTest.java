package io.multirunnable.tests.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.multirunnable.sync.Acquirable;
import io.multirunnable.sync.Condition;
import io.multirunnable.sync.Event;
import io.multirunnable.sync.Guard;
import io.multirunnable.sync.RunWith;
import io.multirunnable.sync.Semaphore;
import io.multirunnable.sync.Sync;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every primitive under 64 contending platform threads and under 10,000 contending virtual threads. */
class SyncStressTest {
    private static final int PLATFORM_THREADS = 64;
    private static final int PLATFORM_ROUNDS = 300;
    private static final int VIRTUAL_THREADS = 10_000;
    private static final int VIRTUAL_ROUNDS = 3;
    private static final int PERMITS = 4;

    enum Kind { LOCK, RLOCK, SEMAPHORE, BOUNDED_SEMAPHORE, CONDITION, EVENT }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void sixtyFourPlatformThreads(Kind kind) throws Exception {
        contend(kind, Thread.ofPlatform().name("stress-", 1).factory(), PLATFORM_THREADS, PLATFORM_ROUNDS);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void tenThousandVirtualThreads(Kind kind) throws Exception {
        contend(kind, Thread.ofVirtual().name("vstress-", 1).factory(), VIRTUAL_THREADS, VIRTUAL_ROUNDS);
    }

    private static void contend(Kind kind, ThreadFactory factory, int threads, int rounds) throws Exception {
        switch (kind) {
            case LOCK -> exclusive(Sync.lock("stress"), 1, factory, threads, rounds);
            case RLOCK -> exclusive(Sync.rlock("stress"), 1, factory, threads, rounds);
            case SEMAPHORE -> exclusive(Sync.semaphore("stress", PERMITS), PERMITS, factory, threads, rounds);
            case BOUNDED_SEMAPHORE -> exclusive(Sync.boundedSemaphore("stress", PERMITS), PERMITS, factory, threads, rounds);
            case CONDITION -> producersAndConsumers(Sync.condition("stress"), factory, threads, rounds);
            case EVENT -> waitersOfAnEvent(Sync.event("stress"), factory, threads);
        }
    }

    /** Runs {@code body(i)} on {@code threads} new threads and waits for all; fails on any error or a hang. */
    private static void runAll(ThreadFactory factory, int threads, ThrowingIntConsumer body) throws Exception {
        ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
        ExecutorService service = Executors.newThreadPerTaskExecutor(factory);
        for (int i = 0; i < threads; i++) {
            int n = i;
            service.execute(() -> {
                try {
                    body.accept(n);
                } catch (Throwable e) {
                    errors.add(e);
                }
            });
        }
        service.shutdown();
        boolean finished = service.awaitTermination(120, TimeUnit.SECONDS);
        if (!finished) {
            service.shutdownNow();
        }
        assertThat(finished).as("all threads finished (no deadlock)").isTrue();
        assertThat(errors).isEmpty();
    }

    @FunctionalInterface
    interface ThrowingIntConsumer {
        void accept(int i) throws Exception;
    }

    /** Every thread takes the primitive {@code rounds} times in three styles; never more than {@code limit} inside. */
    private static void exclusive(Acquirable primitive, int limit, ThreadFactory factory, int threads, int rounds)
            throws Exception {
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger maxInside = new AtomicInteger();
        AtomicLong entries = new AtomicLong();
        long[] plainCounter = {0}; // only meaningful for mutual exclusion (limit 1)
        Runnable critical = () -> {
            maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
            plainCounter[0]++;
            entries.incrementAndGet();
            inside.decrementAndGet();
        };
        Runnable wrapped = primitive instanceof Semaphore s ? RunWith.semaphore(s, critical) : RunWith.lock(primitive, critical);
        runAll(factory, threads, n -> {
            for (int r = 0; r < rounds; r++) {
                switch ((n + r) % 3) {
                    case 0 -> {
                        try (Guard g = primitive.acquire()) {
                            critical.run();
                        }
                    }
                    case 1 -> wrapped.run();
                    default -> {
                        while (!primitive.tryAcquire(Duration.ofMillis(1))) {
                            Thread.yield();
                        }
                        try {
                            critical.run();
                        } finally {
                            primitive.release();
                        }
                    }
                }
            }
        });
        long total = (long) threads * rounds;
        assertThat(entries.get()).isEqualTo(total);
        assertThat(maxInside.get()).isBetween(1, limit);
        if (limit == 1) {
            assertThat(plainCounter[0]).isEqualTo(total);
        } else {
            assertThat(((Semaphore) primitive).availablePermits()).isEqualTo(limit);
        }
        assertThat(primitive.tryAcquire()).isTrue();
        primitive.release();
    }

    /**
     * Half the threads produce {@code rounds} items each, half consume as many, through a buffer
     * guarded by the condition. With platform threads the buffer is small, so both sides wait
     * (signalAll); with thousands of virtual threads only consumers wait and each item signals one.
     */
    private static void producersAndConsumers(Condition condition, ThreadFactory factory, int threads, int rounds)
            throws Exception {
        boolean small = threads <= PLATFORM_THREADS;
        int capacity = small ? 4 : Integer.MAX_VALUE;
        ArrayDeque<Integer> buffer = new ArrayDeque<>();
        AtomicLong consumedSum = new AtomicLong();
        AtomicInteger timeouts = new AtomicInteger();
        Duration patience = Duration.ofSeconds(60);
        runAll(factory, threads, n -> {
            boolean producer = n % 2 == 0;
            for (int r = 0; r < rounds; r++) {
                try (Guard g = condition.acquire()) {
                    if (producer) {
                        if (!condition.awaitUntil(() -> buffer.size() < capacity, patience)) {
                            timeouts.incrementAndGet();
                            return;
                        }
                        buffer.add(n * rounds + r);
                    } else {
                        if (!condition.awaitUntil(() -> !buffer.isEmpty(), patience)) {
                            timeouts.incrementAndGet();
                            return;
                        }
                        consumedSum.addAndGet(buffer.poll());
                    }
                    if (small) {
                        condition.signalAll();
                    } else if (producer) {
                        condition.signal();
                    }
                }
            }
        });
        long expected = 0;
        for (int n = 0; n < threads; n += 2) {
            for (int r = 0; r < rounds; r++) {
                expected += (long) n * rounds + r;
            }
        }
        assertThat(timeouts.get()).isZero();
        assertThat(buffer).isEmpty();
        assertThat(consumedSum.get()).isEqualTo(expected);
    }

    /** Every thread waits for one event; the last thread to start sets it; all pass. */
    private static void waitersOfAnEvent(Event event, ThreadFactory factory, int threads) throws Exception {
        AtomicInteger started = new AtomicInteger();
        AtomicInteger passed = new AtomicInteger();
        runAll(factory, threads, n -> {
            if (started.incrementAndGet() == threads) {
                event.set();
            }
            if (event.await(Duration.ofSeconds(60))) {
                passed.incrementAndGet();
            }
        });
        assertThat(passed.get()).isEqualTo(threads);
        assertThat(event.isSet()).isTrue();
    }
}
