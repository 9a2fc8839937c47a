package io.multirunnable.core.internal.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multirunnable.sync.Acquirable;
import io.multirunnable.sync.Guard;
import io.multirunnable.sync.RunWith;
import io.multirunnable.sync.SyncTimeoutException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** White-box tests of the local primitives: exact messages, guards, timeouts, interruption. */
class LocalPrimitivesTest {
    private static final Duration SHORT = Duration.ofMillis(20);
    private final LocalSyncProvider sync = new LocalSyncProvider();

    /** Runs {@code body} on another platform thread and returns what it threw (or null). */
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
    void lockReleasedWhenNotHeldSaysSo() {
        LocalLock lock = (LocalLock) sync.newLock("orders");
        assertThatThrownBy(lock::release).isInstanceOf(IllegalStateException.class)
                .hasMessage("Lock 'orders' is not held: release() without a matching acquire");
        assertThat(lock.isLocked()).isFalse();
    }

    @Test
    void lockMayBeReleasedByAnotherThreadAndIsNotReentrant() throws Exception {
        LocalLock lock = (LocalLock) sync.newLock("handover");
        assertThat(lock.tryAcquire()).isTrue();
        assertThat(lock.tryAcquire()).isFalse();
        assertThat(lock.tryAcquire(SHORT)).isFalse();
        assertThat(onOtherThread(() -> {
            lock.release();
            return null;
        })).isNull();
        assertThat(lock.isLocked()).isFalse();
        assertThat(lock).hasToString("Lock 'handover' [unlocked]");
    }

    @Test
    void rlockCountsReentriesAndOnlyTheOwnerReleases() throws Exception {
        LocalRLock rlock = (LocalRLock) sync.newRLock("tree");
        assertThatThrownBy(rlock::release).isInstanceOf(IllegalStateException.class)
                .hasMessage("RLock 'tree' is not held by the current thread '" + Thread.currentThread().getName()
                        + "': only its owner may release it");
        try (Guard outer = rlock.acquire(); Guard inner = rlock.acquire()) {
            assertThat(rlock.tryAcquire()).isTrue();
            assertThat(rlock.holdCount()).isEqualTo(3);
            Throwable fromOther = onOtherThread(() -> {
                rlock.release();
                return null;
            });
            assertThat(fromOther).isInstanceOf(IllegalStateException.class)
                    .hasMessage("RLock 'tree' is not held by the current thread 'other': only its owner may release it");
            assertThat(onOtherThread(() -> rlock.tryAcquire(SHORT) ? null : "busy")).isNull();
            rlock.release();
            assertThat(rlock.holdCount()).isEqualTo(2);
        }
        assertThat(rlock.holdCount()).isZero();
        assertThat(rlock.isLocked()).isFalse();
    }

    @Test
    void guardOfAnRLockClosedByANonOwnerStaysOpenForTheOwner() throws Exception {
        LocalRLock rlock = (LocalRLock) sync.newRLock("g");
        Guard guard = rlock.acquire();
        assertThat(onOtherThread(() -> {
            guard.close();
            return null;
        })).isInstanceOf(IllegalStateException.class);
        assertThat(guard.isReleased()).isFalse();
        guard.close();
        assertThat(guard.isReleased()).isTrue();
        assertThat(rlock.isLocked()).isFalse();
    }

    @Test
    void semaphoreOverflowAndBoundedOverRelease() {
        LocalSemaphore s = (LocalSemaphore) sync.newSemaphore("s", 2);
        s.release();
        assertThat(s.availablePermits()).isEqualTo(3);
        LocalSemaphore.Bounded b = (LocalSemaphore.Bounded) sync.newBoundedSemaphore("pool", 2);
        assertThatThrownBy(b::release).isInstanceOf(IllegalStateException.class)
                .hasMessage("BoundedSemaphore 'pool' released too many times: it would exceed its 2 initial permits");
        assertThat(b.tryAcquire()).isTrue();
        b.release();
        assertThatThrownBy(b::release).isInstanceOf(IllegalStateException.class);
        assertThat(b.availablePermits()).isEqualTo(2);
        assertThat(b.initialPermits()).isEqualTo(2);
        assertThat(b).hasToString("BoundedSemaphore 'pool' [2 free]");
    }

    @Test
    void badArgumentsHaveExactMessages() {
        assertThatThrownBy(() -> sync.newSemaphore("s", 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("permits must be > 0 but was 0");
        assertThatThrownBy(() -> sync.newBoundedSemaphore("b", -3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("permits must be > 0 but was -3");
        assertThatThrownBy(() -> sync.newLock(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("name must not be blank");
        assertThatThrownBy(() -> sync.newEvent(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("name must not be null");
        Acquirable lock = sync.newLock("l");
        assertThatThrownBy(() -> lock.tryAcquire(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("timeout must be >= 0 but was PT-0.001S");
        assertThatThrownBy(() -> lock.acquire(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("timeout must not be null");
        assertThatThrownBy(() -> RunWith.lock(lock, (Runnable) null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("task must not be null");
        assertThatThrownBy(() -> RunWith.lock(lock, (Callable<Integer>) null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("task must not be null");
        assertThatThrownBy(() -> RunWith.lockSupplier(lock, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("task must not be null");
        assertThatThrownBy(() -> RunWith.semaphore(sync.newSemaphore("s", 1), (Function<Integer, Integer>) null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("task must not be null");
        assertThatThrownBy(() -> sync.newEvent("e").await(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("timeout must be >= 0 but was PT-1S");
        assertThatThrownBy(() -> sync.newCondition("c").awaitUntil(null, SHORT)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("predicate must not be null");
    }

    @Test
    void timedGuardThrowsTypedTimeoutAndTryAcquireReturnsFalse() throws Exception {
        LocalSemaphore s = (LocalSemaphore) sync.newSemaphore("slots", 1);
        try (Guard held = s.acquire(SHORT)) {
            assertThat(s.tryAcquire(Duration.ZERO)).isFalse();
            assertThat(s.tryAcquire(SHORT)).isFalse();
            assertThatThrownBy(() -> s.acquire(Duration.ofMillis(5))).isInstanceOf(SyncTimeoutException.class)
                    .hasMessage("timed out after PT0.005S waiting for Semaphore 'slots'");
            assertThat(held.isReleased()).isFalse();
        }
        assertThat(s.availablePermits()).isEqualTo(1);
        // a huge timeout saturates instead of overflowing
        assertThat(s.tryAcquire(Duration.ofSeconds(Long.MAX_VALUE))).isTrue();
    }

    @Test
    void guardReleasesExactlyOnce() throws Exception {
        LocalSemaphore s = (LocalSemaphore) sync.newSemaphore("once", 3);
        Guard g = s.acquire();
        assertThat(s.availablePermits()).isEqualTo(2);
        g.close();
        g.close();
        g.close();
        assertThat(s.availablePermits()).isEqualTo(3);
        assertThat(g.primitive()).isSameAs(s);
        assertThat(g).hasToString("Guard[once, released]");
    }

    @Test
    void waitingIsInterruptible() throws Exception {
        for (Acquirable busy : new Acquirable[] {sync.newLock("l"), sync.newRLock("r"), sync.newSemaphore("s", 1),
                sync.newBoundedSemaphore("b", 1), sync.newCondition("c")}) {
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
            for (Callable<?> wait : java.util.List.<Callable<?>>of(busy::acquire, () -> busy.tryAcquire(Duration.ofHours(1)),
                    () -> busy.acquire(Duration.ofHours(1)))) {
                CompletableFuture<Throwable> outcome = new CompletableFuture<>();
                Thread waiter = Thread.ofVirtual().start(() -> {
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
                assertThat(outcome.get(10, TimeUnit.SECONDS)).as(busy.name()).isInstanceOf(InterruptedException.class);
            }
            // already interrupted: throws at once, even when the primitive is free
            done.countDown();
            holder.join();
            Thread.currentThread().interrupt();
            assertThatThrownBy(busy::acquire).isInstanceOf(InterruptedException.class);
            assertThat(Thread.interrupted()).isFalse();
        }
    }

    @Test
    void eventAndConditionWaitsAreInterruptible() throws Exception {
        LocalEvent event = (LocalEvent) sync.newEvent("never");
        LocalCondition condition = (LocalCondition) sync.newCondition("never");
        for (Callable<?> wait : java.util.List.<Callable<?>>of(
                () -> { event.await(); return null; },
                () -> event.await(Duration.ofHours(1)),
                () -> { try (Guard g = condition.acquire()) { condition.await(); return condition.holdCount(); } },
                () -> { try (Guard g = condition.acquire()) { return condition.awaitUntil(() -> false, Duration.ofHours(1)); } })) {
            CompletableFuture<Throwable> outcome = new CompletableFuture<>();
            AtomicInteger holdWhenInterrupted = new AtomicInteger(-1);
            Thread waiter = Thread.ofVirtual().start(() -> {
                try {
                    wait.call();
                    outcome.complete(null);
                } catch (Throwable e) {
                    holdWhenInterrupted.set(condition.holdCount());
                    outcome.complete(e);
                }
            });
            while (waiter.getState() != Thread.State.WAITING && waiter.getState() != Thread.State.TIMED_WAITING) {
                Thread.onSpinWait();
            }
            waiter.interrupt();
            assertThat(outcome.get(10, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
            waiter.join();
            assertThat(holdWhenInterrupted).hasValue(0); // the guard released the condition's lock on the way out
        }
        assertThat(condition.isLocked()).isFalse();
        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> event.await(Duration.ZERO)).isInstanceOf(InterruptedException.class);
    }

    @Test
    void plainSemaphoreRefusesToOverflow() {
        LocalSemaphore s = (LocalSemaphore) sync.newSemaphore("huge", Integer.MAX_VALUE);
        assertThatThrownBy(s::release).isInstanceOf(IllegalStateException.class)
                .hasMessage("Semaphore 'huge' cannot hold more than 2147483647 permits");
    }

    @Test
    void runWithWrapperRestoresInterruptAndThrowsCancellation() throws Exception {
        LocalLock lock = (LocalLock) sync.newLock("w");
        AtomicInteger ran = new AtomicInteger();
        Runnable r = RunWith.lock(lock, (Runnable) ran::incrementAndGet);
        Supplier<Integer> s = RunWith.lockSupplier(lock, ran::incrementAndGet);
        Callable<Integer> c = RunWith.lock(lock, ran::incrementAndGet);
        r.run();
        assertThat(s.get()).isEqualTo(2);
        assertThat(c.call()).isEqualTo(3);
        assertThat(lock.isLocked()).isFalse();
        Thread.currentThread().interrupt();
        assertThatThrownBy(r::run).isInstanceOf(CancellationException.class)
                .hasMessage("interrupted while waiting for 'w'").hasCauseInstanceOf(InterruptedException.class);
        assertThat(Thread.interrupted()).isTrue();
        Thread.currentThread().interrupt();
        assertThatThrownBy(c::call).isInstanceOf(InterruptedException.class);
        assertThat(ran).hasValue(3);
        RuntimeException boom = new IllegalArgumentException("boom");
        assertThatThrownBy(() -> RunWith.lock(lock, (Runnable) () -> {
            throw boom;
        }).run()).isSameAs(boom);
        assertThat(lock.isLocked()).isFalse();
    }

    @Test
    void conditionRequiresItsLockAndWakesWaiters() throws Exception {
        LocalCondition ready = (LocalCondition) sync.newCondition("ready");
        String me = Thread.currentThread().getName();
        assertThatThrownBy(ready::signal).isInstanceOf(IllegalStateException.class)
                .hasMessage("Condition 'ready' must be held by the current thread '" + me + "' to await or signal");
        assertThatThrownBy(ready::await).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(ready::release).isInstanceOf(IllegalStateException.class)
                .hasMessage("Condition 'ready' is not held by the current thread '" + me + "': only its owner may release it");
        AtomicInteger state = new AtomicInteger();
        Thread waiter = Thread.ofVirtual().start(() -> {
            try (Guard g = ready.acquire()) {
                if (ready.awaitUntil(() -> state.get() == 1, Duration.ofSeconds(30))) {
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
        waiter.join();
        assertThat(state).hasValue(2);
    }

    @Test
    void eventReleasesEveryWaiterOfASetEvenIfClearedAtOnce() throws Exception {
        LocalEvent event = (LocalEvent) sync.newEvent("go");
        assertThat(event.await(Duration.ofMillis(5))).isFalse();
        int n = 50;
        CountDownLatch passed = new CountDownLatch(n);
        for (int i = 0; i < n; i++) {
            Thread.ofVirtual().start(() -> {
                try {
                    event.await();
                    passed.countDown();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        // wait until all of them wait, then set and clear at once
        while (waiting(event) < n) {
            Thread.sleep(1);
        }
        event.set();
        event.clear();
        assertThat(passed.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(event.isSet()).isFalse();
        event.set();
        assertThat(event.await(Duration.ZERO)).isTrue();
        assertThat(event).hasToString("Event 'go' [set]");
    }

    private static int waiting(LocalEvent event) throws Exception {
        var field = LocalEvent.class.getDeclaredField("lock");
        field.setAccessible(true);
        var lock = (java.util.concurrent.locks.ReentrantLock) field.get(event);
        var cond = LocalEvent.class.getDeclaredField("changed");
        cond.setAccessible(true);
        lock.lock();
        try {
            return lock.getWaitQueueLength((java.util.concurrent.locks.Condition) cond.get(event));
        } finally {
            lock.unlock();
        }
    }

    @Test
    void providerIsLocal() throws ExecutionException {
        assertThat(sync.name()).isEqualTo("local");
        assertThat(sync.newLock("n").name()).isEqualTo("n");
    }

    /** Each primitive is an instance of its own API type only, so feature(Type.class) look-ups are unambiguous. */
    @Test
    void primitivesImplementOnlyTheirOwnApiType() {
        assertThat(sync.newCondition("c")).isNotInstanceOf(io.multirunnable.sync.RLock.class)
                .isNotInstanceOf(io.multirunnable.sync.Lock.class);
        assertThat(sync.newRLock("r")).isNotInstanceOf(io.multirunnable.sync.Condition.class)
                .isNotInstanceOf(io.multirunnable.sync.Lock.class);
        assertThat(sync.newLock("l")).isNotInstanceOf(io.multirunnable.sync.RLock.class)
                .isNotInstanceOf(io.multirunnable.sync.Semaphore.class);
        assertThat(sync.newSemaphore("s", 1)).isNotInstanceOf(io.multirunnable.sync.BoundedSemaphore.class);
    }
}
