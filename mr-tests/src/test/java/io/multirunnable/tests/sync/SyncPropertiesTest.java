package io.multirunnable.tests.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multirunnable.sync.Acquirable;
import io.multirunnable.sync.BoundedSemaphore;
import io.multirunnable.sync.Guard;
import io.multirunnable.sync.RLock;
import io.multirunnable.sync.RunWith;
import io.multirunnable.sync.Semaphore;
import io.multirunnable.sync.Sync;
import io.multirunnable.sync.SyncTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * The concurrency promises of the sync primitives, as jqwik properties over random permit counts,
 * worker counts and random interleavings of operations on real (platform) threads.
 *
 * <p>Tries per property: {@code jqwik.tries.default} (1,000 from the build; raise it with
 * {@code mvn ... -Djqwik.tries=10000}). Generation is randomized even where the parameter space is
 * small, because every try also draws a new thread interleaving. Each try starts a handful of threads and waits at most a
 * millisecond or two, so 1,000 tries of every property take seconds.
 */
class SyncPropertiesTest {
    /** A try that does not finish in this time has deadlocked: that fails the property. */
    private static final long DEADLOCK_SECONDS = 20;

    /** The second thread the RLock property asks "can you take it now?". */
    private static final ExecutorService OTHER = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("other").factory());

    @AfterContainer
    static void stopOther() {
        OTHER.shutdownNow();
    }

    /** One way a worker tries to take a permit. */
    enum Op { ACQUIRE, TRY, TRY_TIMEOUT, GUARD_TIMEOUT, RUN_WITH }

    /** Runs every body on its own platform thread, all released at once; fails on a deadlock or an escaped error. */
    private static void race(List<Runnable> bodies) throws InterruptedException {
        CountDownLatch start = new CountDownLatch(1);
        ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        for (Runnable body : bodies) {
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                    body.run();
                } catch (Throwable e) {
                    errors.add(e);
                }
            }));
        }
        start.countDown();
        for (Thread t : threads) {
            if (!t.join(Duration.ofSeconds(DEADLOCK_SECONDS))) {
                threads.forEach(Thread::interrupt);
                throw new AssertionError("deadlock: a worker did not finish in " + DEADLOCK_SECONDS + " s");
            }
        }
        if (!errors.isEmpty()) {
            AssertionError failure = new AssertionError("a worker failed: " + errors.peek(), errors.peek());
            errors.stream().skip(1).forEach(failure::addSuppressed);
            throw failure;
        }
    }

    private static Duration smallTimeout(int salt) {
        return Duration.ofNanos((salt % 3) * 500_000L); // 0, 0.5 or 1 ms
    }

    /**
     * Semaphore and BoundedSemaphore: whatever the interleaving, never more holders than permits,
     * a bounded one never shows more free permits than it started with, every permit taken is given
     * back, and afterwards an extra release of a bounded one throws.
     */
    @Property(generation = GenerationMode.RANDOMIZED)
    void holdersNeverExceedPermitsAndEveryPermitIsReleased(
            @ForAll @IntRange(min = 1, max = 4) int permits,
            @ForAll boolean bounded,
            @ForAll @Size(min = 2, max = 5) List<@Size(min = 1, max = 6) List<Op>> workers) throws Exception {
        Semaphore sem = bounded ? Sync.boundedSemaphore(permits) : Sync.semaphore(permits);
        AtomicInteger holders = new AtomicInteger();
        AtomicInteger maxHolders = new AtomicInteger();
        AtomicInteger maxFree = new AtomicInteger();
        AtomicInteger acquired = new AtomicInteger();
        AtomicInteger released = new AtomicInteger();
        Runnable critical = () -> {
            int now = holders.incrementAndGet();
            maxHolders.accumulateAndGet(now, Math::max);
            acquired.incrementAndGet();
            Thread.yield();
            holders.decrementAndGet();
            released.incrementAndGet();
        };
        List<Runnable> bodies = new ArrayList<>();
        for (List<Op> ops : workers) {
            bodies.add(() -> {
                try {
                    int salt = 0;
                    for (Op op : ops) {
                        salt++;
                        switch (op) {
                            case ACQUIRE -> {
                                try (Guard g = sem.acquire()) {
                                    critical.run();
                                }
                            }
                            case TRY -> {
                                if (sem.tryAcquire()) {
                                    try {
                                        critical.run();
                                    } finally {
                                        sem.release();
                                    }
                                }
                            }
                            case TRY_TIMEOUT -> {
                                if (sem.tryAcquire(smallTimeout(salt))) {
                                    try {
                                        critical.run();
                                    } finally {
                                        sem.release();
                                    }
                                }
                            }
                            case GUARD_TIMEOUT -> {
                                try (Guard g = sem.acquire(smallTimeout(salt))) {
                                    critical.run();
                                } catch (SyncTimeoutException timedOut) {
                                    assertThat(timedOut.timeout()).isEqualTo(smallTimeout(salt));
                                }
                            }
                            case RUN_WITH -> RunWith.semaphore(sem, critical).run();
                        }
                        maxFree.accumulateAndGet(sem.availablePermits(), Math::max);
                    }
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        race(bodies);
        assertThat(maxHolders.get()).isBetween(1, permits);
        assertThat(acquired.get()).isEqualTo(released.get());
        assertThat(sem.availablePermits()).isEqualTo(permits);
        if (bounded) {
            assertThat(maxFree.get()).isLessThanOrEqualTo(permits);
            assertThatThrownBy(sem::release).isInstanceOf(IllegalStateException.class)
                    .hasMessage("BoundedSemaphore '" + sem.name() + "' released too many times: it would exceed its "
                            + permits + " initial permits");
            assertThat(sem.availablePermits()).isEqualTo(permits);
        }
    }

    /**
     * BoundedSemaphore over-release under contention: with {@code held} permits taken, {@code held + extra}
     * threads each releasing once at the same moment: exactly {@code held} succeed, every other one throws,
     * and the count ends at the initial permits.
     */
    @Property(generation = GenerationMode.RANDOMIZED)
    void boundedOverReleaseAlwaysThrows(@ForAll @IntRange(min = 1, max = 5) int permits,
                                        @ForAll @IntRange(min = 0, max = 5) int heldWanted,
                                        @ForAll @IntRange(min = 1, max = 4) int extra) throws Exception {
        int held = Math.min(heldWanted, permits);
        BoundedSemaphore sem = Sync.boundedSemaphore("bounded", permits);
        for (int i = 0; i < held; i++) {
            assertThat(sem.tryAcquire()).isTrue();
        }
        AtomicInteger ok = new AtomicInteger();
        ConcurrentLinkedQueue<String> refusals = new ConcurrentLinkedQueue<>();
        List<Runnable> bodies = new ArrayList<>();
        for (int i = 0; i < held + extra; i++) {
            bodies.add(() -> {
                try {
                    sem.release();
                    ok.incrementAndGet();
                } catch (IllegalStateException e) {
                    refusals.add(e.getMessage());
                }
            });
        }
        race(bodies);
        assertThat(ok.get()).isEqualTo(held);
        assertThat(refusals).hasSize(extra).allMatch(m -> m.equals(
                "BoundedSemaphore 'bounded' released too many times: it would exceed its " + permits + " initial permits"));
        assertThat(sem.availablePermits()).isEqualTo(permits);
    }

    /** How a worker holds the lock for one increment. */
    enum Style { GUARD, RUN_WITH, MANUAL, TIMED_GUARD, TRY_LOOP }

    @Provide
    Arbitrary<String> mutexKinds() {
        return Arbitraries.of("Lock", "RLock", "Condition");
    }

    /**
     * Lock, RLock and a Condition's lock give mutual exclusion: a plain (non-atomic) counter incremented
     * under the lock by racing workers, each in its own style, ends equal to the number of increments,
     * and no two workers are ever inside at once.
     */
    @Property(generation = GenerationMode.RANDOMIZED)
    void lockGivesMutualExclusion(@ForAll("mutexKinds") String kind,
                                  @ForAll @Size(min = 2, max = 5) List<Style> styles,
                                  @ForAll @IntRange(min = 1, max = 40) int incrementsEach) throws Exception {
        Acquirable lock = switch (kind) {
            case "Lock" -> Sync.lock();
            case "RLock" -> Sync.rlock();
            default -> Sync.condition();
        };
        int[] counter = {0};
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        Runnable increment = () -> {
            if (inside.incrementAndGet() != 1) {
                overlaps.incrementAndGet();
            }
            int read = counter[0];
            if ((read & 7) == 0) {
                Thread.yield();
            }
            counter[0] = read + 1;
            inside.decrementAndGet();
        };
        List<Runnable> bodies = new ArrayList<>();
        for (Style style : styles) {
            bodies.add(() -> {
                try {
                    for (int i = 0; i < incrementsEach; i++) {
                        switch (style) {
                            case GUARD -> {
                                try (Guard g = lock.acquire()) {
                                    increment.run();
                                }
                            }
                            case RUN_WITH -> RunWith.lock(lock, increment).run();
                            case MANUAL -> {
                                lock.acquire();
                                try {
                                    increment.run();
                                } finally {
                                    lock.release();
                                }
                            }
                            case TIMED_GUARD -> {
                                while (true) {
                                    try (Guard g = lock.acquire(Duration.ofNanos(200_000))) {
                                        increment.run();
                                        break;
                                    } catch (SyncTimeoutException busy) {
                                        // someone else holds it: try again
                                    }
                                }
                            }
                            case TRY_LOOP -> {
                                while (!lock.tryAcquire(Duration.ofNanos(100_000))) {
                                    Thread.onSpinWait();
                                }
                                try {
                                    increment.run();
                                } finally {
                                    lock.release();
                                }
                            }
                        }
                    }
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        race(bodies);
        assertThat(overlaps.get()).isZero();
        assertThat(counter[0]).isEqualTo(styles.size() * incrementsEach);
        assertThat(lock.tryAcquire()).isTrue();
        lock.release();
    }

    /**
     * RLock counts re-entries: after any sequence of acquires (true) and releases (false) on one thread,
     * the hold count equals the model's depth, a release at depth 0 is refused with the owner message,
     * and another thread can take the lock exactly when the depth is 0.
     */
    @Property(generation = GenerationMode.RANDOMIZED)
    void rlockCountsReentries(@ForAll @Size(max = 30) List<Boolean> acquires) throws Exception {
        RLock rlock = Sync.rlock("reentrant");
        int depth = 0;
        for (boolean acquire : acquires) {
            if (acquire) {
                if ((depth & 1) == 0) {
                    rlock.acquire();
                } else {
                    assertThat(rlock.tryAcquire()).isTrue();
                }
                depth++;
            } else if (depth > 0) {
                rlock.release();
                depth--;
            } else {
                assertThatThrownBy(rlock::release).isInstanceOf(IllegalStateException.class)
                        .hasMessage("RLock 'reentrant' is not held by the current thread '" + Thread.currentThread().getName()
                                + "': only its owner may release it");
            }
            assertThat(rlock.holdCount()).isEqualTo(depth);
            assertThat(rlock.isHeldByCurrentThread()).isEqualTo(depth > 0);
        }
        boolean freeForOthers = OTHER.submit(() -> {
            boolean got = rlock.tryAcquire();
            if (got) {
                rlock.release();
            }
            return got;
        }).get(DEADLOCK_SECONDS, TimeUnit.SECONDS);
        assertThat(freeForOthers).isEqualTo(depth == 0);
        for (; depth > 0; depth--) {
            rlock.release();
        }
        assertThat(rlock.isLocked()).isFalse();
    }

    /**
     * RLock re-entry under contention: racing workers each take the lock {@code depth} times nested,
     * see their own hold count and no one else inside, and unwind; the lock ends free.
     */
    @Property(generation = GenerationMode.RANDOMIZED)
    void rlockReentryIsExclusiveAcrossThreads(@ForAll @Size(min = 2, max = 4) List<@IntRange(min = 1, max = 4) Integer> depths,
                                              @ForAll @IntRange(min = 1, max = 15) int rounds) throws Exception {
        RLock rlock = Sync.rlock();
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger wrong = new AtomicInteger();
        int[] counter = {0};
        List<Runnable> bodies = new ArrayList<>();
        for (int depth : depths) {
            bodies.add(() -> {
                try {
                    for (int r = 0; r < rounds; r++) {
                        List<Guard> guards = new ArrayList<>();
                        for (int d = 1; d <= depth; d++) {
                            guards.add(rlock.acquire());
                            if (rlock.holdCount() != d) {
                                wrong.incrementAndGet();
                            }
                        }
                        if (inside.incrementAndGet() != 1) {
                            wrong.incrementAndGet();
                        }
                        counter[0]++;
                        inside.decrementAndGet();
                        for (int d = depth - 1; d >= 0; d--) {
                            guards.get(d).close();
                        }
                        if (rlock.holdCount() != 0) {
                            wrong.incrementAndGet();
                        }
                    }
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        race(bodies);
        assertThat(wrong.get()).isZero();
        assertThat(counter[0]).isEqualTo(depths.size() * rounds);
        assertThat(rlock.isLocked()).isFalse();
    }
}
