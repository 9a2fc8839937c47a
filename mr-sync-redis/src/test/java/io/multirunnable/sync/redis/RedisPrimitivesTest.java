package io.multirunnable.sync.redis;

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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Redis primitives against the local Redis: the local primitives' messages, timeouts and
 * interruption; sharing between two clients (as two processes would); leases; fencing tokens.
 */
class RedisPrimitivesTest {
    private static final Duration SHORT = Duration.ofMillis(50);
    private static RedisSync one;
    private static RedisSync two;

    @BeforeAll
    static void connect() {
        one = RedisTestSupport.connect(RedisSync.DEFAULT_LEASE);
        two = RedisTestSupport.connect(RedisSync.DEFAULT_LEASE);
    }

    @AfterAll
    static void close() {
        RedisTestSupport.cleanUpAndClose(one, two);
    }

    private static Throwable onOtherThread(Callable<?> body) throws Exception {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread t = Thread.ofPlatform().name("other").start(() -> {
            try {
                body.call();
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        t.join();
        return thrown.get();
    }

    @Test
    void lockReleasedWhenNotHeldSaysSoAndIsSharedBetweenClients() throws Exception {
        String name = RedisTestSupport.unique("orders");
        Lock a = one.newLock(name);
        Lock b = two.newLock(name);
        assertThatThrownBy(a::release).isInstanceOf(IllegalStateException.class)
                .hasMessage("Lock '" + name + "' is not held: release() without a matching acquire");
        assertThat(a.tryAcquire()).isTrue();
        assertThat(b.isLocked()).isTrue();
        assertThat(b.tryAcquire()).isFalse();
        assertThat(b.tryAcquire(SHORT)).isFalse();
        assertThat(a.tryAcquire()).as("not reentrant").isFalse();
        assertThatThrownBy(() -> b.acquire(SHORT)).isInstanceOf(SyncTimeoutException.class)
                .hasMessage("timed out after PT0.05S waiting for Lock '" + name + "'");
        assertThat(onOtherThread(() -> {
            a.release();   // any thread may release a Lock
            return null;
        })).isNull();
        assertThat(a.isLocked()).isFalse();
        try (Guard g = b.acquire(Duration.ofSeconds(5))) {
            assertThat(a.isLocked()).isTrue();
        }
        assertThat(b.isLocked()).isFalse();
    }

    @Test
    void fencingTokensGrowWithEveryAcquisitionAcrossClients() throws Exception {
        String name = RedisTestSupport.unique("fenced");
        Lock a = one.newLock(name);
        Lock b = two.newLock(name);
        assertThatThrownBy(() -> ((Fenced) a).fencingToken()).isInstanceOf(IllegalStateException.class)
                .hasMessage("Lock '" + name + "' is not held through this handle: there is no fencing token");
        List<Long> tokens = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Lock l = (i % 2 == 0) ? a : b;
            try (Guard g = l.acquire()) {
                tokens.add(((Fenced) l).fencingToken());
            }
        }
        assertThat(tokens).isSorted().doesNotHaveDuplicates();
        assertThat(tokens.get(0)).isPositive();

        RLock r = one.newRLock(RedisTestSupport.unique("fenced-r"));
        r.acquire();
        long outer = ((Fenced) r).fencingToken();
        r.acquire();
        assertThat(((Fenced) r).fencingToken()).as("re-entry keeps the token").isEqualTo(outer);
        r.release();
        r.release();
        try (Guard g = r.acquire()) {
            assertThat(((Fenced) r).fencingToken()).isGreaterThan(outer);
        }
    }

    @Test
    void rlockIsOwnedAndReentrantAcrossThreadsAndClients() throws Exception {
        String name = RedisTestSupport.unique("reentrant");
        RLock a = one.newRLock(name);
        RLock b = two.newRLock(name);
        assertThatThrownBy(a::release).isInstanceOf(IllegalStateException.class)
                .hasMessage("RLock '" + name + "' is not held by the current thread '" + Thread.currentThread().getName()
                        + "': only its owner may release it");
        a.acquire();
        assertThat(a.tryAcquire()).isTrue();
        assertThat(a.holdCount()).isEqualTo(2);
        assertThat(a.isHeldByCurrentThread()).isTrue();
        assertThat(b.tryAcquire(SHORT)).isFalse();
        assertThat(onOtherThread(() -> a.tryAcquire(SHORT))).isNull();
        Throwable refused = onOtherThread(() -> {
            a.release();
            return null;
        });
        assertThat(refused).isInstanceOf(IllegalStateException.class)
                .hasMessage("RLock '" + name + "' is not held by the current thread 'other': only its owner may release it");
        a.release();
        assertThat(b.isLocked()).isTrue();
        a.release();
        assertThat(b.isLocked()).isFalse();
        assertThat(a.holdCount()).isZero();
    }

    @Test
    void semaphoresShareTheirPermitsAndBoundedRefusesOverRelease() throws Exception {
        String name = RedisTestSupport.unique("slots");
        Semaphore a = one.newSemaphore(name, 2);
        Semaphore b = two.newSemaphore(name, 2);
        assertThat(a.tryAcquire()).isTrue();
        assertThat(b.tryAcquire()).isTrue();
        assertThat(a.availablePermits()).isZero();
        assertThat(b.tryAcquire(SHORT)).isFalse();
        a.release();
        assertThat(b.availablePermits()).isEqualTo(1);
        b.release();
        b.release(); // no hold: adds a permit, as Python's Semaphore does
        assertThat(a.availablePermits()).isEqualTo(3);

        String bname = RedisTestSupport.unique("bounded");
        BoundedSemaphore bounded = one.newBoundedSemaphore(bname, 2);
        assertThat(bounded.initialPermits()).isEqualTo(2);
        assertThatThrownBy(bounded::release).isInstanceOf(IllegalStateException.class)
                .hasMessage("BoundedSemaphore '" + bname + "' released too many times: it would exceed its 2 initial permits");
        assertThat(RunWith.semaphore(bounded, () -> bounded.availablePermits()).call()).isEqualTo(1);
        assertThat(bounded.availablePermits()).isEqualTo(2);
        assertThatThrownBy(() -> two.newBoundedSemaphore(bname, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("BoundedSemaphore '" + bname + "' already exists in Redis at " + RedisTestSupport.url()
                        + " with 2 permits, not 3: use the same permits in every process, or another name");
    }

    private static void interruptedWaiterAcquiresNothing(Acquirable held, Acquirable waiter, boolean timed) throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread t = Thread.ofPlatform().start(() -> {
            started.countDown();
            try {
                if (timed) {
                    waiter.tryAcquire(Duration.ofSeconds(30));
                } else {
                    waiter.acquire();
                }
            } catch (Throwable e) {
                thrown.set(Thread.currentThread().isInterrupted() ? new AssertionError("flag still set", e) : e);
            }
        });
        started.await();
        Thread.sleep(200);
        t.interrupt();
        t.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(t.isAlive()).isFalse();
        assertThat(thrown.get()).as("thrown, with the interrupt flag cleared").isInstanceOf(InterruptedException.class);
        held.release();
        // An attempt already on the wire when the interrupt came may take it for a round trip before giving it back.
        assertThat(waiter.tryAcquire(Duration.ofSeconds(5))).as("the interrupted waiter took nothing").isTrue();
        waiter.release();
    }

    @Test
    void interruptedWaitersThrowAndTakeNothing() throws Exception {
        for (boolean timed : new boolean[] {false, true}) {
            String l = RedisTestSupport.unique("int-lock");
            Lock lock = one.newLock(l);
            lock.acquire();
            interruptedWaiterAcquiresNothing(lock, two.newLock(l), timed);

            String r = RedisTestSupport.unique("int-rlock");
            RLock rlock = one.newRLock(r);
            rlock.acquire();
            interruptedWaiterAcquiresNothing(rlock, rlock, timed);

            String s = RedisTestSupport.unique("int-sem");
            Semaphore sem = one.newSemaphore(s, 1);
            sem.acquire();
            interruptedWaiterAcquiresNothing(sem, two.newSemaphore(s, 1), timed);
        }
        Lock lock = one.newLock(RedisTestSupport.unique("int-flag"));
        Thread.currentThread().interrupt();
        assertThatThrownBy(lock::acquire).isInstanceOf(InterruptedException.class);
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
        Thread.currentThread().interrupt();
        assertThat(lock.tryAcquire()).as("tryAcquire() ignores the flag").isTrue();
        assertThat(Thread.interrupted()).as("and keeps it").isTrue();
        lock.release();
    }

    @Test
    void aCrashedHoldersPermitComesBackAfterTheLeaseWhileALiveHolderKeepsItsOwn() throws Exception {
        Duration lease = Duration.ofMillis(600);
        String name = RedisTestSupport.unique("leased");
        RedisSync live = RedisTestSupport.connect(lease);
        RedisSync crashing = RedisTestSupport.connect(lease);
        try {
            Semaphore mine = live.newSemaphore(name, 2);
            Semaphore theirs = crashing.newSemaphore(name, 2);
            assertThat(mine.tryAcquire()).isTrue();
            assertThat(theirs.tryAcquire()).isTrue();
            crashing.close(); // stops renewing without releasing, like a killed process
            Semaphore other = one.newSemaphore(name, 2);
            assertThat(other.tryAcquire(Duration.ofSeconds(10))).as("the crashed holder's permit came back").isTrue();
            // the live holder has been renewing for longer than its lease: its permit is still taken
            assertThat(other.tryAcquire(Duration.ofMillis(3 * lease.toMillis()))).isFalse();
            other.release();
            mine.release();
            assertThat(other.availablePermits()).isEqualTo(2);
        } finally {
            live.close();
            crashing.close();
        }
    }

    @Test
    void eventWakesWaitersOfAnotherClient() throws Exception {
        String name = RedisTestSupport.unique("ready");
        Event mine = one.newEvent(name);
        Event theirs = two.newEvent(name);
        assertThat(theirs.isSet()).isFalse();
        assertThat(theirs.await(SHORT)).isFalse();
        AtomicReference<Object> woke = new AtomicReference<>();
        Thread waiter = Thread.ofPlatform().start(() -> {
            try {
                woke.set(theirs.await(Duration.ofSeconds(20)));
            } catch (InterruptedException e) {
                woke.set(e);
            }
        });
        Thread.sleep(100);
        mine.set();
        mine.clear(); // a waiter woken by set() returns even if cleared at once
        waiter.join(TimeUnit.SECONDS.toMillis(20));
        assertThat(woke.get()).isEqualTo(true);
        assertThat(theirs.isSet()).isFalse();
        mine.set();
        mine.set();
        assertThat(theirs.isSet()).isTrue();
        theirs.await();
        assertThat(mine.toString()).isEqualTo("Event '" + name + "' [redis]");
    }

    @Test
    void interruptedEventAndConditionWaitersThrow() throws Exception {
        Event event = one.newEvent(RedisTestSupport.unique("never"));
        Condition condition = two.newCondition(RedisTestSupport.unique("quiet"));
        for (int kind = 0; kind < 2; kind++) {
            boolean isEvent = kind == 0;
            AtomicReference<Object> outcome = new AtomicReference<>();
            CountDownLatch started = new CountDownLatch(1);
            Thread t = Thread.ofPlatform().start(() -> {
                try {
                    if (isEvent) {
                        started.countDown();
                        event.await();
                    } else {
                        try (Guard g = condition.acquire()) {
                            started.countDown();
                            try {
                                condition.await(Duration.ofSeconds(30));
                            } catch (InterruptedException e) {
                                outcome.set(List.of(e, condition.holdCount(), Thread.currentThread().isInterrupted()));
                                return;
                            }
                        }
                    }
                    outcome.set("returned");
                } catch (InterruptedException e) {
                    outcome.set(e);
                } catch (Throwable e) {
                    outcome.set(e);
                }
            });
            started.await();
            Thread.sleep(300);
            t.interrupt();
            t.join(TimeUnit.SECONDS.toMillis(10));
            assertThat(t.isAlive()).isFalse();
            if (isEvent) {
                assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
            } else {
                // await throws with the lock held again (hold count 1 inside the guard), flag cleared
                assertThat(outcome.get()).asList().element(0).isInstanceOf(InterruptedException.class);
                assertThat((List<?>) outcome.get()).element(1).isEqualTo(1);
                assertThat((List<?>) outcome.get()).element(2).isEqualTo(false);
            }
        }
        assertThat(condition.tryAcquire()).as("the guard released the lock").isTrue();
        condition.release();
    }

    @Test
    void conditionWaitersAreSignalledFromAnotherClient() throws Exception {
        String name = RedisTestSupport.unique("cond");
        Condition mine = one.newCondition(name);
        Condition theirs = two.newCondition(name);
        DistributedCounter state = one.counter(RedisTestSupport.unique("cond-state"));
        assertThatThrownBy(mine::signal).isInstanceOf(IllegalStateException.class)
                .hasMessage("Condition '" + name + "' must be held by the current thread '" + Thread.currentThread().getName()
                        + "' to await or signal");
        AtomicReference<Object> result = new AtomicReference<>();
        Thread waiter = Thread.ofPlatform().start(() -> {
            try (Guard g = theirs.acquire()) {
                boolean ok = theirs.awaitUntil(() -> state.get() > 0, Duration.ofSeconds(20));
                result.set(ok && theirs.holdCount() == 1);
            } catch (Throwable e) {
                result.set(e);
            }
        });
        Thread.sleep(300);
        try (Guard g = mine.acquire(Duration.ofSeconds(10))) {
            state.incrementAndGet();
            mine.signalAll();
        }
        waiter.join(TimeUnit.SECONDS.toMillis(20));
        assertThat(result.get()).isEqualTo(true);
        try (Guard g = mine.acquire()) {
            assertThat(mine.await(SHORT)).as("no signal: times out").isFalse();
            assertThat(mine.holdCount()).isEqualTo(1);
        }
    }

    @Test
    void counterIsSharedAndAtomic() throws Exception {
        String name = RedisTestSupport.unique("done");
        DistributedCounter a = one.counter(name);
        DistributedCounter b = two.counter(name);
        assertThat(a.get()).isZero();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            DistributedCounter c = i % 2 == 0 ? a : b;
            threads.add(Thread.ofPlatform().start(() -> {
                for (int k = 0; k < 50; k++) {
                    c.incrementAndGet();
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(b.get()).isEqualTo(200);
        assertThat(a.addAndGet(-10)).isEqualTo(190);
        assertThat(b.compareAndSet(190, 7)).isTrue();
        assertThat(a.decrementAndGet()).isEqualTo(6);
        a.set(42);
        assertThat(b.get()).isEqualTo(42);
        assertThat(a.name()).isEqualTo(name);
    }
}
