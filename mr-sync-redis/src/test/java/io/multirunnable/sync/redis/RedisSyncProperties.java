package io.multirunnable.sync.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multirunnable.sync.Acquirable;
import io.multirunnable.sync.BoundedSemaphore;
import io.multirunnable.sync.Guard;
import io.multirunnable.sync.RunWith;
import io.multirunnable.sync.Semaphore;
import io.multirunnable.sync.SyncTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The local primitives' concurrency properties (mr-tests {@code io.multirunnable.tests.sync.SyncProperties}),
 * run against the Redis provider. Workers alternate between two clients of the same Redis, so every try
 * mixes "processes" as well as threads.
 *
 * <p>Tries per property: {@code jqwik.tries.default}, which this module's build sets from
 * {@code jqwik.redis.tries} (100: every operation is a Redis round trip); raise it with
 * {@code mvn ... -Djqwik.redis.tries=500}. Sizes are smaller than the local properties' for the same reason.
 */
@AddLifecycleHook(SkipWithoutRedis.class)
class RedisSyncProperties {
    private static final long DEADLOCK_SECONDS = 60;
    private static RedisSync one;
    private static RedisSync two;

    @BeforeContainer
    static void connect() {
        one = RedisTestSupport.connect(RedisSync.DEFAULT_LEASE);
        two = RedisTestSupport.connect(RedisSync.DEFAULT_LEASE);
    }

    @AfterContainer
    static void close() {
        RedisTestSupport.cleanUpAndClose(one, two);
    }

    private static RedisSync client(int worker) {
        return worker % 2 == 0 ? one : two;
    }

    /** One way a worker tries to take a permit. */
    enum Op { ACQUIRE, TRY, TRY_TIMEOUT, GUARD_TIMEOUT, RUN_WITH }

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
     * Semaphore and BoundedSemaphore: whatever the interleaving, never more holders than permits, a bounded
     * one never shows more free permits than it started with, every permit taken is given back, and
     * afterwards an extra release of a bounded one throws.
     */
    @Property
    void holdersNeverExceedPermitsAndEveryPermitIsReleased(
            @ForAll @IntRange(min = 1, max = 3) int permits,
            @ForAll boolean bounded,
            @ForAll @Size(min = 2, max = 4) List<@Size(min = 1, max = 4) List<Op>> workers) throws Exception {
        String name = RedisTestSupport.unique("prop-sem");
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
        List<Semaphore> handles = new ArrayList<>();
        for (int w = 0; w < workers.size(); w++) {
            List<Op> ops = workers.get(w);
            RedisSync sync = client(w);
            Semaphore sem = bounded ? sync.newBoundedSemaphore(name, permits) : sync.newSemaphore(name, permits);
            handles.add(sem);
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
        Semaphore sem = handles.get(0);
        assertThat(maxHolders.get()).isBetween(1, permits);
        assertThat(acquired.get()).isEqualTo(released.get());
        assertThat(sem.availablePermits()).isEqualTo(permits);
        if (bounded) {
            assertThat(maxFree.get()).isLessThanOrEqualTo(permits);
            assertThatThrownBy(sem::release).isInstanceOf(IllegalStateException.class)
                    .hasMessage("BoundedSemaphore '" + name + "' released too many times: it would exceed its "
                            + permits + " initial permits");
            assertThat(sem.availablePermits()).isEqualTo(permits);
        }
    }

    /**
     * BoundedSemaphore over-release under contention: with {@code held} permits taken through one handle,
     * {@code held + extra} threads each releasing once through it at the same moment: exactly {@code held}
     * succeed, every other one throws, and the count ends at the initial permits.
     */
    @Property
    void boundedOverReleaseAlwaysThrows(@ForAll @IntRange(min = 1, max = 4) int permits,
                                        @ForAll @IntRange(min = 0, max = 4) int heldWanted,
                                        @ForAll @IntRange(min = 1, max = 3) int extra) throws Exception {
        int held = Math.min(heldWanted, permits);
        String name = RedisTestSupport.unique("prop-bounded");
        BoundedSemaphore sem = one.newBoundedSemaphore(name, permits);
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
                "BoundedSemaphore '" + name + "' released too many times: it would exceed its " + permits + " initial permits"));
        assertThat(two.newBoundedSemaphore(name, permits).availablePermits()).isEqualTo(permits);
    }

    /** How a worker holds the lock for one increment. */
    enum Style { GUARD, RUN_WITH, MANUAL, TIMED_GUARD, TRY_LOOP }

    @Provide
    Arbitrary<String> mutexKinds() {
        return Arbitraries.of("Lock", "RLock", "Condition");
    }

    private static Acquirable mutex(RedisSync sync, String kind, String name) {
        return switch (kind) {
            case "Lock" -> sync.newLock(name);
            case "RLock" -> sync.newRLock(name);
            default -> sync.newCondition(name);
        };
    }

    /**
     * Lock, RLock and a Condition's lock give mutual exclusion across threads and clients: a plain
     * (non-atomic) counter incremented under the lock by racing workers, each in its own style, ends equal
     * to the number of increments, and no two workers are ever inside at once.
     */
    @Property
    void lockGivesMutualExclusion(@ForAll("mutexKinds") String kind,
                                  @ForAll @Size(min = 2, max = 4) List<Style> styles,
                                  @ForAll @IntRange(min = 1, max = 8) int incrementsEach) throws Exception {
        String name = RedisTestSupport.unique("prop-mutex");
        int[] counter = {0};
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        Runnable increment = () -> {
            if (inside.incrementAndGet() != 1) {
                overlaps.incrementAndGet();
            }
            int read = counter[0];
            if ((read & 3) == 0) {
                Thread.yield();
            }
            counter[0] = read + 1;
            inside.decrementAndGet();
        };
        List<Runnable> bodies = new ArrayList<>();
        for (int w = 0; w < styles.size(); w++) {
            Style style = styles.get(w);
            Acquirable lock = mutex(client(w), kind, name);
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
        Acquirable after = mutex(one, kind, name);
        assertThat(after.tryAcquire()).isTrue();
        after.release();
    }
}
