package io.multirunnable.sync.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.multirunnable.sync.Acquirable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.redisson.client.codec.StringCodec;

/**
 * Regression for "an interrupted waiter can leave a Redis lock held for ever" (issue 12: cancelling
 * a worker blocked in an acquire must not leave the primitive taken). Waiters of every acquirable
 * Redis primitive are interrupted while another thread holds it: one after the other, all at once,
 * and while the holder is releasing; some wait through the holder's handle, some through another
 * client's. Once the holder has released, the primitive must be acquirable again within
 * {@link #FREE_WITHIN} (far below the 30 s lease, so a hold left behind is caught whether or not it
 * is renewed) and Redis must hold nothing for it. And a release made with the interrupt flag set
 * (a cancelled worker's guard) must release.
 *
 * <p>Timing is random (seeded; the seed is in every failure message) because the failure is a race:
 * an interrupt landing while Redisson's attempt is in flight. Rounds per primitive and scenario:
 * system property {@code mr.redis.interruptRounds} (default 4).
 */
class InterruptedWaitersTest {
    private static final int ROUNDS = Integer.getInteger("mr.redis.interruptRounds", 4);
    private static final Duration FREE_WITHIN = Duration.ofSeconds(5);
    private static final long SEED = Long.getLong("mr.redis.interruptSeed", System.nanoTime());
    private static final Random RANDOM = new Random(SEED);
    private static RedisSync one;
    private static RedisSync two;

    /** The acquirable Redis primitives, with the key kind of their Redis key. */
    enum Kind {
        LOCK("lock"), RLOCK("rlock"), CONDITION("condition"), SEMAPHORE("semaphore"), BOUNDED_SEMAPHORE("bounded-semaphore");

        final String keyKind;

        Kind(String keyKind) {
            this.keyKind = keyKind;
        }

        Acquirable make(RedisSync sync, String name) {
            return switch (this) {
                case LOCK -> sync.newLock(name);
                case RLOCK -> sync.newRLock(name);
                case CONDITION -> sync.newCondition(name);
                case SEMAPHORE -> sync.newSemaphore(name, 1);
                case BOUNDED_SEMAPHORE -> sync.newBoundedSemaphore(name, 1);
            };
        }

        boolean isRedissonLock() {
            return this == RLOCK || this == CONDITION;
        }
    }

    @BeforeAll
    static void connect() {
        one = RedisTestSupport.connect(RedisSync.DEFAULT_LEASE);
        two = RedisTestSupport.connect(RedisSync.DEFAULT_LEASE);
    }

    @AfterAll
    static void close() {
        RedisTestSupport.cleanUpAndClose(one, two);
    }

    /** The kit's scenario, repeated: three waiters in turn, one per kind of wait, each interrupted while it waits. */
    @ParameterizedTest
    @EnumSource(Kind.class)
    void waitersInterruptedOneAfterTheOtherTakeNothing(Kind kind) throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            Scene scene = new Scene(kind, "seq");
            for (int i = 0; i < 3; i++) {
                Waiter w = scene.startWaiter(i);
                w.awaitBlocked();
                pause(RANDOM.nextInt(30));
                w.thread.interrupt();
                assertThat(w.outcome()).as(scene.what() + " waiter " + i).isEqualTo("interrupted");
            }
            scene.holderReleasesAndPrimitiveIsFree();
        }
    }

    /** Four waiters at once, interrupted in random order with random gaps while the holder holds. */
    @ParameterizedTest
    @EnumSource(Kind.class)
    void concurrentWaitersInterruptedTakeNothing(Kind kind) throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            Scene scene = new Scene(kind, "conc");
            List<Waiter> waiters = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                waiters.add(scene.startWaiter(i));
            }
            // some are interrupted before they block, some while blocked
            for (Waiter w : shuffled(waiters)) {
                if (RANDOM.nextBoolean()) {
                    w.awaitBlocked();
                }
                pause(RANDOM.nextInt(15));
                w.thread.interrupt();
            }
            for (Waiter w : waiters) {
                assertThat(w.outcome()).as(scene.what() + " waiter " + w.index).isEqualTo("interrupted");
            }
            scene.holderReleasesAndPrimitiveIsFree();
        }
    }

    /**
     * Four waiters interrupted while the holder releases, so interrupts land while an attempt may be
     * taking the primitive: each waiter either gets it (and releases it) or is interrupted, never both.
     */
    @ParameterizedTest
    @EnumSource(Kind.class)
    void waitersInterruptedWhileTheHolderReleasesLeaveItFree(Kind kind) throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            Scene scene = new Scene(kind, "race");
            List<Waiter> waiters = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                waiters.add(scene.startWaiter(i));
            }
            for (Waiter w : waiters) {
                w.awaitBlocked();
            }
            scene.releaseHolder();
            for (Waiter w : shuffled(waiters)) {
                pause(RANDOM.nextInt(8));
                w.thread.interrupt();
            }
            for (Waiter w : waiters) {
                assertThat(w.outcome()).as(scene.what() + " waiter " + w.index).isIn("interrupted", "acquired and released");
            }
            scene.holderJoinedAndPrimitiveIsFree();
        }
    }

    /**
     * A cancelled worker releases in its guard with the interrupt flag set: the release must happen
     * (not fail with an InterruptedException from Redisson), and the flag must stay set.
     */
    @ParameterizedTest
    @EnumSource(Kind.class)
    void releaseWithTheInterruptFlagSetReleasesAndKeepsTheFlag(Kind kind) throws Exception {
        String name = RedisTestSupport.unique("flagged-" + kind.keyKind);
        Acquirable mine = kind.make(one, name);
        mine.acquire();
        Thread.currentThread().interrupt();
        try {
            mine.release();
            assertThat(Thread.currentThread().isInterrupted()).as("the flag stays set").isTrue();
        } finally {
            Thread.interrupted();
        }
        AtomicReference<Object> got = new AtomicReference<>();
        Thread t = Thread.ofPlatform().start(() -> {
            try {
                Acquirable theirs = kind.make(two, name);
                boolean acquired = theirs.tryAcquire();
                got.set(acquired);
                if (acquired) {
                    theirs.release();
                }
            } catch (Throwable e) {
                got.set(e);
            }
        });
        t.join();
        assertThat(got.get()).as(kind + " free after a release with the flag set").isEqualTo(true);
    }

    /** One primitive, a holder thread that holds it, and its waiters. */
    private static final class Scene {
        final Kind kind;
        final String name;
        final Acquirable mine;
        final Acquirable theirs;
        final CompletableFuture<Void> release = new CompletableFuture<>();
        final CompletableFuture<Throwable> holderDone = new CompletableFuture<>();
        final List<Waiter> waiters = new ArrayList<>();

        Scene(Kind kind, String scenario) throws Exception {
            this.kind = kind;
            this.name = RedisTestSupport.unique("interrupted-" + scenario + "-" + kind.keyKind);
            this.mine = kind.make(one, name);
            this.theirs = kind.make(two, name);
            CompletableFuture<Void> held = new CompletableFuture<>();
            Thread.ofPlatform().name("holder-" + name).start(() -> {
                try {
                    mine.acquire();
                    held.complete(null);
                    release.join();
                    mine.release();
                    holderDone.complete(null);
                } catch (Throwable e) {
                    held.completeExceptionally(e);
                    holderDone.complete(e);
                }
            });
            held.get(10, TimeUnit.SECONDS);
        }

        String what() {
            return kind + " '" + name + "' (seed " + SEED + ")";
        }

        /** Waiter {@code i}: even ones wait through the holder's handle, odd ones through the other client's. */
        Waiter startWaiter(int i) {
            Waiter w = new Waiter(i, i % 2 == 0 ? mine : theirs);
            waiters.add(w);
            return w;
        }

        void releaseHolder() {
            release.complete(null);
        }

        void holderJoinedAndPrimitiveIsFree() throws Exception {
            assertThat(holderDone.get(10, TimeUnit.SECONDS)).as(what() + ": the holder's release").isNull();
            // A new thread of either client gets it within a short wait: nothing is left taken.
            for (Acquirable handle : List.of(mine, theirs)) {
                AtomicReference<Object> got = new AtomicReference<>();
                Thread t = Thread.ofPlatform().start(() -> {
                    try {
                        boolean acquired = handle.tryAcquire(FREE_WITHIN);
                        if (acquired) {
                            handle.release();
                        }
                        got.set(acquired);
                    } catch (Throwable e) {
                        got.set(e);
                    }
                });
                t.join();
                assertThat(got.get()).as(what() + " free again after the holder released; Redis: " + redisState()
                        + "; waiter threads " + waiterIds()).isEqualTo(true);
            }
            assertThat(redisState()).as(what() + ": Redis holds nothing for it").isEqualTo(freeState());
            assertThat(one.backend().trackedPermits() + two.backend().trackedPermits())
                    .as(what() + ": no permit is being renewed").isZero();
        }

        void holderReleasesAndPrimitiveIsFree() throws Exception {
            releaseHolder();
            holderJoinedAndPrimitiveIsFree();
        }

        private String key() {
            return one.backend().key(kind.keyKind, name);
        }

        /** What Redis holds for the primitive: a Redisson lock's hash, or a semaphore's free permits and leased permit ids. */
        String redisState() {
            var client = one.backend().client();
            if (kind.isRedissonLock()) {
                Map<String, String> hash = client.<String, String>getMap(key(), StringCodec.INSTANCE).readAllMap();
                return "lock hash " + hash;
            }
            var semaphore = client.getPermitExpirableSemaphore(key());
            return "available permits " + semaphore.availablePermits();
        }

        String freeState() {
            return kind.isRedissonLock() ? "lock hash {}" : "available permits 1";
        }

        List<Long> waiterIds() {
            return waiters.stream().map(w -> w.thread.threadId()).toList();
        }
    }

    /** A thread waiting for the primitive with one of the three waits (acquire(), tryAcquire(1h), acquire(1h)). */
    private static final class Waiter {
        final int index;
        final Thread thread;
        final CompletableFuture<String> outcome = new CompletableFuture<>();

        Waiter(int index, Acquirable handle) {
            this.index = index;
            int style = RANDOM.nextInt(3);
            this.thread = Thread.ofPlatform().name("waiter-" + index).start(() -> {
                try {
                    boolean acquired = switch (style) {
                        case 0 -> handle.acquire() != null;
                        case 1 -> handle.tryAcquire(Duration.ofHours(1));
                        default -> handle.acquire(Duration.ofHours(1)) != null;
                    };
                    if (!acquired) {
                        outcome.complete("not acquired, not interrupted");
                        return;
                    }
                    // interrupted or not, a waiter that got it gives it back (as a cancelled worker's guard does)
                    handle.release();
                    outcome.complete("acquired and released");
                } catch (InterruptedException e) {
                    outcome.complete(Thread.currentThread().isInterrupted() ? "interrupted, flag still set" : "interrupted");
                } catch (Throwable e) {
                    outcome.complete("failed: " + e);
                }
            });
        }

        /** Waits until the thread is parked (inside a wait; not necessarily in Redisson's). */
        void awaitBlocked() throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (thread.getState() != Thread.State.WAITING && thread.getState() != Thread.State.TIMED_WAITING
                    && !outcome.isDone() && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
        }

        String outcome() throws Exception {
            String result = outcome.get(20, TimeUnit.SECONDS);
            thread.join();
            return result;
        }
    }

    private static List<Waiter> shuffled(List<Waiter> waiters) {
        List<Waiter> copy = new ArrayList<>(waiters);
        java.util.Collections.shuffle(copy, RANDOM);
        return copy;
    }

    private static void pause(int millis) throws InterruptedException {
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }
}
