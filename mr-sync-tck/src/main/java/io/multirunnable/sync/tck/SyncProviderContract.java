package io.multirunnable.sync.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multirunnable.sync.Acquirable;
import io.multirunnable.sync.BoundedSemaphore;
import io.multirunnable.sync.Condition;
import io.multirunnable.sync.Event;
import io.multirunnable.sync.Guard;
import io.multirunnable.sync.Lock;
import io.multirunnable.sync.RLock;
import io.multirunnable.sync.RunWith;
import io.multirunnable.sync.Semaphore;
import io.multirunnable.sync.SyncTimeoutException;
import io.multirunnable.sync.spi.SyncProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The contract of a {@link SyncProvider}, as a jqwik suite to extend in the provider's own tests.
 * Our {@code local} provider (mr-core) and {@code redis} provider (mr-sync-redis) run it; a
 * third-party provider runs exactly the same checks:
 *
 * <pre>{@code
 * class MySyncContractTest extends SyncProviderContract {
 *     protected SyncProvider provider() { return MySync.shared(); }
 * }
 * }</pre>
 *
 * <p>The semantics ({@code @Example}s): exact messages of a release without a hold, RLock and
 * Condition ownership, a BoundedSemaphore's over-release, typed timeouts, guards that release once,
 * interruptible waits that take nothing, a waiter interrupted as the holder releases (it gets the
 * primitive and gives it back, or throws; either way the primitive ends free, no permit lost), Event
 * and Condition wake-ups. The bounds ({@code @Property}s,
 * over random permit counts, worker counts, usage styles and thread interleavings): never more
 * holders than permits, every permit given back, over-releases that always throw, mutual exclusion
 * of Lock, RLock and a Condition's lock, and RLock re-entry counting.
 *
 * <p>A distributed provider returns a second client of the same backend from
 * {@link #otherClient()}; workers then alternate between handles of both clients, so every try
 * also mixes "processes". An in-process provider's workers share one handle. A provider that gives back
 * what an interrupted waiter's attempt took only after its acquire has thrown (a remote command already
 * sent) says how long that may take in {@link #interruptedAttemptGiveBack()}.
 * Names are unique per test ({@link #unique(String)}), so a shared backend is fine.
 *
 * <p>Tries per property: jqwik's {@code jqwik.tries.default} (the default is 1,000; a provider whose
 * every call is a network round trip may lower it in its build). Each try starts a few platform
 * threads; a try that does not finish in {@value #DEADLOCK_SECONDS} s fails as a deadlock. jqwik
 * makes one instance per property; the provider may be shared by all of them.
 *
 * @since 0.2
 */
public abstract class SyncProviderContract {
    /** A try that does not finish in this time has deadlocked: that fails the property. */
    protected static final long DEADLOCK_SECONDS = 60;
    private static final Duration SHORT = Duration.ofMillis(20);
    private static final AtomicInteger COUNTER = new AtomicInteger();

    /** For subclasses. */
    protected SyncProviderContract() {
    }

    /**
     * The provider under test; called for every property and example, so return a shared instance
     * when making one is expensive.
     *
     * @return the provider
     */
    protected abstract SyncProvider provider();

    /**
     * A second client of the same backend, for a provider whose primitives are identified by name
     * (a distributed one): a primitive made here and one of the same name made by
     * {@link #provider()} must be the same primitive, and the kit then gives half of the workers
     * handles from this client. Default: {@code null}, for an in-process provider whose every
     * {@code newX} call makes a new primitive; the workers then share one handle.
     *
     * @return another client, or null
     */
    protected SyncProvider otherClient() {
        return null;
    }

    /**
     * The handle worker {@code worker} uses for the primitive {@code first} (made by
     * {@link #provider()}): {@code first} itself, or for odd workers one of the same name from
     * {@link #otherClient()} when there is one.
     */
    private <T> T handle(int worker, T first, Function<SyncProvider, T> sameName) {
        SyncProvider other = otherClient();
        return worker % 2 == 0 || other == null ? first : sameName.apply(other);
    }

    /**
     * A name no other test of this JVM has used, for a primitive of this test.
     *
     * @param what a readable prefix
     * @return {@code what} with a unique suffix
     */
    protected String unique(String what) {
        return what + "-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet();
    }

    /** One way a worker tries to take a permit. */
    public enum Op { ACQUIRE, TRY, TRY_TIMEOUT, GUARD_TIMEOUT, RUN_WITH }

    /**
     * Semaphore and BoundedSemaphore: whatever the interleaving, never more holders than permits, a bounded
     * one never shows more free permits than it started with, every permit taken is given back, and
     * afterwards an extra release of a bounded one throws.
     *
     * @param permits the primitive's permits
     * @param bounded BoundedSemaphore or Semaphore
     * @param workers each worker's sequence of ways to take a permit
     * @throws Exception if a worker fails or deadlocks
     */
    @Property(generation = GenerationMode.RANDOMIZED)
    public void holdersNeverExceedPermitsAndEveryPermitIsReleased(
            @ForAll @IntRange(min = 1, max = 3) int permits,
            @ForAll boolean bounded,
            @ForAll @Size(min = 2, max = 4) List<@Size(min = 1, max = 4) List<Op>> workers) throws Exception {
        String name = unique("prop-sem");
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
        Function<SyncProvider, Semaphore> make = p -> bounded ? p.newBoundedSemaphore(name, permits) : p.newSemaphore(name, permits);
        Semaphore first = make.apply(provider());
        for (int w = 0; w < workers.size(); w++) {
            List<Op> ops = workers.get(w);
            Semaphore sem = handle(w, first, make);
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
     *
     * @param permits the initial permits
     * @param heldWanted how many to take first (at most {@code permits})
     * @param extra how many releases too many
     * @throws Exception if a worker fails or deadlocks
     */
    @Property(generation = GenerationMode.RANDOMIZED)
    public void boundedOverReleaseAlwaysThrows(@ForAll @IntRange(min = 1, max = 4) int permits,
                                        @ForAll @IntRange(min = 0, max = 4) int heldWanted,
                                        @ForAll @IntRange(min = 1, max = 3) int extra) throws Exception {
        int held = Math.min(heldWanted, permits);
        String name = unique("prop-bounded");
        BoundedSemaphore sem = provider().newBoundedSemaphore(name, permits);
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
        assertThat(handle(1, sem, p -> p.newBoundedSemaphore(name, permits)).availablePermits()).isEqualTo(permits);
    }

    /** How a worker holds the lock for one increment. */
    public enum Style { GUARD, RUN_WITH, MANUAL, TIMED_GUARD, TRY_LOOP }

    /**
     * The mutual-exclusion primitives.
     *
     * @return Lock, RLock or Condition
     */
    @Provide
    public Arbitrary<String> mutexKinds() {
        return Arbitraries.of("Lock", "RLock", "Condition");
    }

    private static Acquirable mutex(SyncProvider sync, String kind, String name) {
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
     *
     * @param kind Lock, RLock or Condition
     * @param styles each worker's way of holding the lock
     * @param incrementsEach increments per worker
     * @throws Exception if a worker fails or deadlocks
     */
    @Property(generation = GenerationMode.RANDOMIZED)
    public void lockGivesMutualExclusion(@ForAll("mutexKinds") String kind,
                                  @ForAll @Size(min = 2, max = 4) List<Style> styles,
                                  @ForAll @IntRange(min = 1, max = 8) int incrementsEach) throws Exception {
        String name = unique("prop-mutex");
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
        Acquirable first = mutex(provider(), kind, name);
        for (int w = 0; w < styles.size(); w++) {
            Style style = styles.get(w);
            Acquirable lock = handle(w, first, p -> mutex(p, kind, name));
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
        Acquirable after = handle(1, first, p -> mutex(p, kind, name));
        assertThat(after.tryAcquire()).isTrue();
        after.release();
    }

    /**
     * RLock counts re-entries: after any sequence of acquires (true) and releases (false) on one thread,
     * the hold count equals the model's depth, a release at depth 0 is refused with the owner message,
     * and another thread can take the lock exactly when the depth is 0.
     *
     * @param acquires the sequence
     * @throws Exception if the other thread fails
     */
    @Property(generation = GenerationMode.RANDOMIZED)
    public void rlockCountsReentries(@ForAll @Size(max = 30) List<Boolean> acquires) throws Exception {
        String name = unique("reentrant");
        RLock rlock = provider().newRLock(name);
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
                        .hasMessage("RLock '" + name + "' is not held by the current thread '" + Thread.currentThread().getName()
                                + "': only its owner may release it");
            }
            assertThat(rlock.holdCount()).isEqualTo(depth);
            assertThat(rlock.isHeldByCurrentThread()).isEqualTo(depth > 0);
        }
        RLock seenByOther = handle(1, rlock, p -> p.newRLock(name));
        AtomicReference<Boolean> freeForOthers = new AtomicReference<>();
        assertThat(onOtherThread(() -> {
            boolean got = seenByOther.tryAcquire();
            if (got) {
                seenByOther.release();
            }
            freeForOthers.set(got);
            return null;
        })).isNull();
        assertThat(freeForOthers.get()).isEqualTo(depth == 0);
        for (; depth > 0; depth--) {
            rlock.release();
        }
        assertThat(rlock.isLocked()).isFalse();
    }

    /**
     * RLock re-entry under contention: racing workers each take the lock {@code depth} times nested,
     * see their own hold count and no one else inside, and unwind; the lock ends free.
     *
     * @param depths each worker's nesting depth
     * @param rounds rounds per worker
     * @throws Exception if a worker fails or deadlocks
     */
    @Property(generation = GenerationMode.RANDOMIZED)
    public void rlockReentryIsExclusiveAcrossThreads(@ForAll @Size(min = 2, max = 4) List<@IntRange(min = 1, max = 4) Integer> depths,
                                                     @ForAll @IntRange(min = 1, max = 6) int rounds) throws Exception {
        String name = unique("rlock-race");
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger wrong = new AtomicInteger();
        int[] counter = {0};
        List<Runnable> bodies = new ArrayList<>();
        RLock first = provider().newRLock(name);
        for (int w = 0; w < depths.size(); w++) {
            int depth = depths.get(w);
            RLock rlock = handle(w, first, p -> p.newRLock(name));
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
        assertThat(first.isLocked()).isFalse();
    }

    /**
     * A Lock released without a hold says so exactly; a Lock is not re-entrant, another client
     * sees it taken, and another thread may release it through the same handle.
     *
     * @throws Exception if the other thread fails
     */
    @Example
    public void lockReleasedWhenNotHeldSaysSoAndAnyThreadMayReleaseIt() throws Exception {
        String name = unique("orders");
        Lock lock = provider().newLock(name);
        assertThatThrownBy(lock::release).isInstanceOf(IllegalStateException.class)
                .hasMessage("Lock '" + name + "' is not held: release() without a matching acquire");
        assertThat(lock.isLocked()).isFalse();
        assertThat(lock.tryAcquire()).isTrue();
        assertThat(lock.tryAcquire()).isFalse();
        assertThat(lock.tryAcquire(SHORT)).isFalse();
        assertThat(handle(1, lock, p -> p.newLock(name)).isLocked()).isTrue();
        assertThat(onOtherThread(() -> {
            lock.release();
            return null;
        })).isNull();
        assertThat(lock.isLocked()).isFalse();
        assertThat(handle(1, lock, p -> p.newLock(name)).isLocked()).isFalse();
    }

    /**
     * An RLock counts re-entries and only its owner thread may release it, with an exact message.
     *
     * @throws Exception if the other thread fails unexpectedly
     */
    @Example
    public void rlockCountsReentriesAndOnlyTheOwnerReleases() throws Exception {
        String name = unique("tree");
        RLock rlock = provider().newRLock(name);
        assertThatThrownBy(rlock::release).isInstanceOf(IllegalStateException.class)
                .hasMessage("RLock '" + name + "' is not held by the current thread '" + Thread.currentThread().getName()
                        + "': only its owner may release it");
        try (Guard outer = rlock.acquire(); Guard inner = rlock.acquire()) {
            assertThat(rlock.tryAcquire()).isTrue();
            assertThat(rlock.holdCount()).isEqualTo(3);
            Throwable fromOther = onOtherThread(() -> {
                rlock.release();
                return null;
            });
            assertThat(fromOther).isInstanceOf(IllegalStateException.class)
                    .hasMessage("RLock '" + name + "' is not held by the current thread 'other': only its owner may release it");
            assertThat(onOtherThread(() -> rlock.tryAcquire(SHORT) ? "a non-owner took a held RLock" : null)).isNull();
            rlock.release();
            assertThat(rlock.holdCount()).isEqualTo(2);
        }
        assertThat(rlock.holdCount()).isZero();
        assertThat(rlock.isLocked()).isFalse();
    }

    /**
     * A BoundedSemaphore refuses a release beyond its initial permits with an exact message and
     * keeps its count; its handles report the initial permits.
     */
    @Example
    public void boundedSemaphoreRefusesOverRelease() {
        String name = unique("pool");
        BoundedSemaphore b = provider().newBoundedSemaphore(name, 2);
        assertThatThrownBy(b::release).isInstanceOf(IllegalStateException.class)
                .hasMessage("BoundedSemaphore '" + name + "' released too many times: it would exceed its 2 initial permits");
        assertThat(b.tryAcquire()).isTrue();
        assertThat(b.availablePermits()).isEqualTo(1);
        b.release();
        assertThatThrownBy(b::release).isInstanceOf(IllegalStateException.class);
        assertThat(b.availablePermits()).isEqualTo(2);
        assertThat(b.initialPermits()).isEqualTo(2);
    }

    /**
     * A timed guard throws a {@link SyncTimeoutException} naming the timeout and the primitive;
     * {@code tryAcquire} returns false instead; nothing is taken by either.
     *
     * @throws Exception if waiting is interrupted
     */
    @Example
    public void timedGuardThrowsTypedTimeoutAndTryAcquireReturnsFalse() throws Exception {
        String name = unique("slots");
        Semaphore s = provider().newSemaphore(name, 1);
        try (Guard held = s.acquire(SHORT)) {
            assertThat(s.tryAcquire(Duration.ZERO)).isFalse();
            assertThat(s.tryAcquire(SHORT)).isFalse();
            assertThatThrownBy(() -> s.acquire(Duration.ofMillis(5))).isInstanceOfSatisfying(SyncTimeoutException.class,
                    e -> assertThat(e.timeout()).isEqualTo(Duration.ofMillis(5)))
                    .hasMessage("timed out after PT0.005S waiting for Semaphore '" + name + "'");
            assertThat(held.isReleased()).isFalse();
        }
        assertThat(s.availablePermits()).isEqualTo(1);
    }

    /**
     * A guard releases its primitive exactly once, however often it is closed.
     *
     * @throws Exception if waiting is interrupted
     */
    @Example
    public void guardReleasesExactlyOnce() throws Exception {
        Semaphore s = provider().newSemaphore(unique("once"), 3);
        Guard g = s.acquire();
        assertThat(s.availablePermits()).isEqualTo(2);
        g.close();
        g.close();
        g.close();
        assertThat(g.isReleased()).isTrue();
        assertThat(s.availablePermits()).isEqualTo(3);
        assertThat(g.primitive()).isSameAs(s);
    }

    /**
     * A waiting acquire (untimed, timed, guard) on a busy Lock, RLock, Semaphore, BoundedSemaphore
     * or Condition throws {@link InterruptedException} when interrupted, and takes nothing.
     *
     * @throws Exception if the holder fails
     */
    @Example
    public void waitingIsInterruptibleAndTakesNothing() throws Exception {
        SyncProvider sync = provider();
        for (Acquirable busy : new Acquirable[] {sync.newLock(unique("l")), sync.newRLock(unique("r")),
                sync.newSemaphore(unique("s"), 1), sync.newBoundedSemaphore(unique("b"), 1), sync.newCondition(unique("c"))}) {
            CountDownLatch held = new CountDownLatch(1);
            CountDownLatch done = new CountDownLatch(1);
            Thread holder = Thread.ofPlatform().start(() -> {
                try (Guard g = busy.acquire()) {
                    held.countDown();
                    done.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            held.await();
            for (Callable<?> wait : List.<Callable<?>>of(busy::acquire, () -> busy.tryAcquire(Duration.ofHours(1)),
                    () -> busy.acquire(Duration.ofHours(1)))) {
                CompletableFuture<Throwable> outcome = new CompletableFuture<>();
                Thread waiter = Thread.ofPlatform().start(() -> {
                    try {
                        wait.call();
                        outcome.complete(null);
                    } catch (Throwable e) {
                        outcome.complete(e);
                    }
                });
                while (waiter.getState() != Thread.State.WAITING && waiter.getState() != Thread.State.TIMED_WAITING) {
                    Thread.onSpinWait();
                }
                waiter.interrupt();
                assertThat(outcome.get(DEADLOCK_SECONDS, TimeUnit.SECONDS)).as(busy.name()).isInstanceOf(InterruptedException.class);
                waiter.join();
            }
            done.countDown();
            holder.join();
            // the interrupted waiters took nothing: the primitive is free for another thread at once, or within
            // the provider's give-back time; not merely after a lease (30 s by default) has run out
            Duration giveBack = interruptedAttemptGiveBack();
            assertThat(onOtherThread(() -> {
                if (!(giveBack.isZero() ? busy.tryAcquire() : busy.tryAcquire(giveBack))) {
                    return "still taken";
                }
                busy.release();
                return null;
            })).as(busy.name()).isNull();
        }
    }

    /**
     * When the interrupt lands in each round of {@link #waiterInterruptedWhileTheHolderReleasesLeavesItFree()},
     * in microseconds after the holder starts releasing; a negative value means the holder starts releasing
     * that long after the interrupt. Spread over the time a release and a woken waiter's attempt take (a few
     * round trips for a remote provider), so the interrupt lands before, during and after the waiter's
     * attempt. One round per value and kind of primitive.
     */
    private static final long[] INTERRUPT_AFTER_RELEASE_MICROS = {
        -100, 0, 20, 50, 100, 200, 300, 500, 700, 1_000, 1_300, 1_600, 2_000, 2_500, 3_000, 4_000, 5_000, 6_500, 8_000, 10_000};

    /**
     * How long a primitive may still be taken after an interrupted waiter's acquire has thrown, while the
     * provider gives back what an attempt already under way took: a remote provider's command may already
     * be on the wire when the interrupt lands, its reply then takes the primitive, and the provider gives it
     * back a round trip or two later. Keep it well below the provider's lease (or lock watchdog), so that a
     * hold left behind, freed only when its lease runs out, still fails
     * {@link #waiterInterruptedWhileTheHolderReleasesLeavesItFree()} and
     * {@link #waitingIsInterruptibleAndTakesNothing()}.
     *
     * @return the longest give-back; default zero: nothing is left taken once an acquire has thrown
     * @since 0.2
     */
    protected Duration interruptedAttemptGiveBack() {
        return Duration.ZERO;
    }

    /**
     * A waiter interrupted at about the moment the holder releases, on a Lock, RLock, Semaphore and
     * BoundedSemaphore (2 permits, both held), and Condition, 20 rounds each with the interrupt landing
     * from just before to 10 ms after the release starts, each round one of the three waits
     * ({@code acquire()}, {@code tryAcquire(1 h)}, {@code acquire(1 h)}): the waiter either acquires it,
     * and then releases it (the interrupt flag possibly set, as in a cancelled worker's guard), or throws
     * {@link InterruptedException}; nothing else. Either way the primitive then ends entirely free: a new
     * thread takes every permit with {@code tryAcquire()} at once (or, with a non-zero
     * {@link #interruptedAttemptGiveBack()}, within it), through each client. A provider whose interrupted
     * attempt keeps what it took as the interrupt landed, until a lease runs out or for ever, fails here.
     *
     * @throws Exception if a thread fails or deadlocks
     */
    @Example
    public void waiterInterruptedWhileTheHolderReleasesLeavesItFree() throws Exception {
        for (String kind : List.of("Lock", "RLock", "Semaphore", "BoundedSemaphore", "Condition")) {
            int permits = kind.endsWith("Semaphore") ? 2 : 1;
            for (int round = 0; round < INTERRUPT_AFTER_RELEASE_MICROS.length; round++) {
                String name = unique("race-" + kind);
                Function<SyncProvider, Acquirable> sameName = p -> switch (kind) {
                    case "Semaphore" -> p.newSemaphore(name, permits);
                    case "BoundedSemaphore" -> p.newBoundedSemaphore(name, permits);
                    default -> mutex(p, kind, name);
                };
                interruptAsTheHolderReleases(sameName, permits, round,
                        kind + " '" + name + "' (round " + round + ": interrupt " + INTERRUPT_AFTER_RELEASE_MICROS[round]
                                + " us after the release starts)");
            }
        }
    }

    /** One round of {@link #waiterInterruptedWhileTheHolderReleasesLeavesItFree()}. */
    private void interruptAsTheHolderReleases(Function<SyncProvider, Acquirable> sameName, int permits, int round,
                                              String what) throws Exception {
        Acquirable mine = sameName.apply(provider());
        Acquirable waiterHandle = handle(round, mine, sameName);
        long interruptAfter = TimeUnit.MICROSECONDS.toNanos(INTERRUPT_AFTER_RELEASE_MICROS[round]);
        // the holder and the interrupter (this thread) leave the barrier together, then each waits its offset
        CyclicBarrier go = new CyclicBarrier(2);
        CountDownLatch held = new CountDownLatch(1);
        CompletableFuture<Throwable> holderDone = new CompletableFuture<>();
        Thread holder = Thread.ofPlatform().name("holder").start(() -> {
            try {
                for (int i = 0; i < permits; i++) {
                    mine.acquire();
                }
                held.countDown();
                go.await(DEADLOCK_SECONDS, TimeUnit.SECONDS);
                spin(-interruptAfter);
                for (int i = 0; i < permits; i++) {
                    mine.release();
                }
                holderDone.complete(null);
            } catch (Throwable e) {
                holderDone.complete(e);
            }
        });
        assertThat(held.await(DEADLOCK_SECONDS, TimeUnit.SECONDS)).as(() -> what + ": the holder acquired (holder: " + holderDone.getNow(null) + ")").isTrue();
        CompletableFuture<String> outcome = new CompletableFuture<>();
        Thread waiter = Thread.ofPlatform().name("waiter").start(() -> {
            try {
                boolean acquired = switch (round % 3) {
                    case 0 -> waiterHandle.acquire() != null;
                    case 1 -> waiterHandle.tryAcquire(Duration.ofHours(1));
                    default -> waiterHandle.acquire(Duration.ofHours(1)) != null;
                };
                if (!acquired) {
                    outcome.complete("returned without acquiring and without an InterruptedException");
                    return;
                }
                waiterHandle.release();
                outcome.complete("acquired and released");
            } catch (InterruptedException e) {
                outcome.complete("interrupted");
            } catch (Throwable e) {
                outcome.complete("failed: " + e);
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLOCK_SECONDS);
        while (waiter.getState() != Thread.State.WAITING && waiter.getState() != Thread.State.TIMED_WAITING
                && !outcome.isDone() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        go.await(DEADLOCK_SECONDS, TimeUnit.SECONDS);
        spin(interruptAfter);
        waiter.interrupt();
        assertThat(outcome.get(DEADLOCK_SECONDS, TimeUnit.SECONDS)).as(what + ": the waiter")
                .isIn("acquired and released", "interrupted");
        waiter.join();
        assertThat(holderDone.get(DEADLOCK_SECONDS, TimeUnit.SECONDS)).as(what + ": the holder").isNull();
        holder.join();
        // nothing is left taken: a new thread takes every permit, through each client's handle
        Duration giveBack = interruptedAttemptGiveBack();
        for (Acquirable fresh : List.of(mine, handle(1, mine, sameName))) {
            assertThat(onOtherThread(() -> {
                int taken = 0;
                try {
                    while (taken < permits && (giveBack.isZero() ? fresh.tryAcquire() : fresh.tryAcquire(giveBack))) {
                        taken++;
                    }
                } finally {
                    for (int i = 0; i < taken; i++) {
                        fresh.release();
                    }
                }
                return taken == permits ? null : "only " + taken + " of " + permits + " permits free";
            })).as(what + ": free afterwards").isNull();
        }
    }

    /** Busy-waits {@code nanos} (nothing if not positive): finer than a sleep, for short offsets. */
    private static void spin(long nanos) {
        long end = System.nanoTime() + nanos;
        while (nanos > 0 && System.nanoTime() - end < 0) {
            Thread.onSpinWait();
        }
    }

    /**
     * A Condition must be held to await or signal (exact messages), times out with false, and a
     * waiter wakes when signalled with its predicate true.
     *
     * @throws Exception if waiting is interrupted
     */
    @Example
    public void conditionRequiresItsLockAndWakesWaiters() throws Exception {
        String name = unique("ready");
        Condition ready = provider().newCondition(name);
        String me = Thread.currentThread().getName();
        assertThatThrownBy(ready::signal).isInstanceOf(IllegalStateException.class)
                .hasMessage("Condition '" + name + "' must be held by the current thread '" + me + "' to await or signal");
        assertThatThrownBy(ready::await).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(ready::release).isInstanceOf(IllegalStateException.class)
                .hasMessage("Condition '" + name + "' is not held by the current thread '" + me + "': only its owner may release it");
        AtomicInteger state = new AtomicInteger();
        Condition seenByWaiter = handle(1, ready, p -> p.newCondition(name));
        Thread waiter = Thread.ofPlatform().start(() -> {
            try (Guard g = seenByWaiter.acquire()) {
                if (seenByWaiter.awaitUntil(() -> state.get() == 1, Duration.ofSeconds(DEADLOCK_SECONDS))) {
                    state.set(2);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try (Guard g = ready.acquire()) {
            assertThat(ready.await(Duration.ofMillis(5))).isFalse();
            assertThat(ready.awaitUntil(() -> false, Duration.ofMillis(5))).isFalse();
            state.set(1);
            ready.signalAll();
        }
        assertThat(waiter.join(Duration.ofSeconds(DEADLOCK_SECONDS))).isTrue();
        assertThat(state).hasValue(2);
    }

    /**
     * An Event times out with false while clear, releases its waiters when set, stays set until
     * cleared, and is the same event for another client.
     *
     * @throws Exception if waiting is interrupted
     */
    @Example
    public void eventReleasesWaitersWhenSet() throws Exception {
        String name = unique("go");
        Event event = provider().newEvent(name);
        assertThat(event.isSet()).isFalse();
        assertThat(event.await(Duration.ofMillis(5))).isFalse();
        int n = 8;
        CountDownLatch passed = new CountDownLatch(n);
        for (int i = 0; i < n; i++) {
            Event seen = handle(i, event, p -> p.newEvent(name));
            Thread.ofPlatform().start(() -> {
                try {
                    if (seen.await(Duration.ofSeconds(DEADLOCK_SECONDS))) {
                        passed.countDown();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        event.set();
        assertThat(passed.await(DEADLOCK_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(handle(1, event, p -> p.newEvent(name)).isSet()).isTrue();
        assertThat(event.await(Duration.ZERO)).isTrue();
        event.clear();
        assertThat(event.isSet()).isFalse();
        assertThat(event.await(Duration.ofMillis(5))).isFalse();
    }

    /** Each primitive is an instance of its own API type only, so {@code feature(Type.class)} look-ups are unambiguous. */
    @Example
    public void primitivesImplementOnlyTheirOwnApiType() {
        SyncProvider sync = provider();
        assertThat(sync.newCondition(unique("c"))).isNotInstanceOf(RLock.class).isNotInstanceOf(Lock.class);
        assertThat(sync.newRLock(unique("r"))).isNotInstanceOf(Condition.class).isNotInstanceOf(Lock.class);
        assertThat(sync.newLock(unique("l"))).isNotInstanceOf(RLock.class).isNotInstanceOf(Semaphore.class);
        assertThat(sync.newSemaphore(unique("s"), 1)).isNotInstanceOf(BoundedSemaphore.class);
    }

    /** Runs {@code body} on a platform thread named "other" and returns what it threw (or null). */
    private static Throwable onOtherThread(Callable<?> body) throws InterruptedException {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Object> returned = new AtomicReference<>();
        Thread t = Thread.ofPlatform().name("other").start(() -> {
            try {
                returned.set(body.call());
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        if (!t.join(Duration.ofSeconds(DEADLOCK_SECONDS))) {
            t.interrupt();
            throw new AssertionError("deadlock: the other thread did not finish in " + DEADLOCK_SECONDS + " s");
        }
        if (thrown.get() == null && returned.get() != null) {
            return new AssertionError("the other thread returned " + returned.get());
        }
        return thrown.get();
    }

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
}
