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

/**
 * White-box tests of the local primitives (their toString, internals, RunWith wrappers). The
 * provider-independent semantics and bound properties are the SyncProvider contract
 * ({@link LocalSyncProviderContractTest}).
 */
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


    /** What the contract cannot see: the local primitives' toString, and a huge timeout that saturates. */
    @Test
    void localToStringsAndSaturatingTimeout() throws Exception {
        LocalLock lock = (LocalLock) sync.newLock("handover");
        assertThat(lock).hasToString("Lock 'handover' [unlocked]");
        LocalSemaphore s = (LocalSemaphore) sync.newSemaphore("once", 3);
        Guard g = s.acquire();
        g.close();
        assertThat(g).hasToString("Guard[once, released]");
        assertThat(s.tryAcquire(Duration.ofSeconds(Long.MAX_VALUE))).isTrue();
        assertThat(s.availablePermits()).isEqualTo(2);
    }
}
