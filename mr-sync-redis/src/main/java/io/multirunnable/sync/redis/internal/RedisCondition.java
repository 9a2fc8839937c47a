package io.multirunnable.sync.redis.internal;

import io.multirunnable.internal.Check;
import io.multirunnable.sync.Condition;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.redisson.api.RBlockingQueue;
import org.redisson.api.RDeque;
import org.redisson.client.RedisException;

/**
 * {@link Condition} on a Redis {@link RedisReentrantLock}: a waiter puts a unique id in a Redis list of waiters,
 * releases the lock and blocks on a queue of its own; {@link #signal()} pops one id and posts to that
 * waiter's queue, {@link #signalAll()} pops them all. A waiter that times out takes its id back; if it
 * cannot, a signal was sent to it, and it counts as woken.
 *
 * <p>Limit: a waiter whose process crashed leaves its id behind, and one {@link #signal()} may go to it
 * and be lost. Wait with a timeout in a loop ({@link #awaitUntil}) where that matters.
 */
final class RedisCondition extends RedisReentrantLock implements Condition {
    private final String key;
    private final RDeque<String> waiters;

    RedisCondition(RedisBackend backend, String name) {
        super(backend, "Condition", "condition", name);
        this.key = backend.key("condition", name);
        this.waiters = backend.client().getDeque(key + ":waiters");
    }

    private void checkHeld() {
        if (!isHeldByCurrentThread()) {
            throw mustBeHeld();
        }
    }

    private RBlockingQueue<String> wakeQueue(String waiter) {
        return backend.client().getBlockingQueue(key + ":wake:" + waiter);
    }

    @Override
    public void await() throws InterruptedException {
        awaitNanos(-1);
    }

    @Override
    public boolean await(Duration timeout) throws InterruptedException {
        long nanos = Check.timeoutNanos(timeout);
        return awaitNanos(nanos);
    }

    /** Waits for a signal, at most {@code nanos} ({@code -1}: no limit); the lock is held again on return. */
    private boolean awaitNanos(long nanos) throws InterruptedException {
        checkHeld();
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        String waiter = UUID.randomUUID().toString();
        RBlockingQueue<String> wake = wakeQueue(waiter);
        waiters.addLast(waiter);
        int count = releaseAll();
        boolean signalled = false;
        InterruptedException interrupted = null;
        try {
            signalled = (nanos < 0 ? wake.take() : wake.poll(ceilMillis(nanos), TimeUnit.MILLISECONDS)) != null;
        } catch (InterruptedException e) {
            interrupted = e;
        } catch (RedisException e) {
            interrupted = interruptedOr(e);
            if (interrupted == null) {
                reacquire(count);
                throw failureUnchecked("await", e);
            }
        }
        try {
            if (!signalled && !waiters.remove(waiter)) {
                // Someone popped our id: its signal is (or is about to be) in our queue; it counts as a wake-up.
                signalled = true;
            }
            wake.delete();
        } finally {
            reacquire(count);
        }
        if (interrupted != null) {
            throw interrupted;
        }
        return signalled;
    }

    @Override
    public boolean awaitUntil(BooleanSupplier predicate, Duration timeout) throws InterruptedException {
        Check.notNull(predicate, "predicate");
        long remaining = Check.timeoutNanos(timeout);
        checkHeld();
        long deadline = System.nanoTime() + remaining;
        while (!predicate.getAsBoolean()) {
            if (remaining <= 0) {
                return false;
            }
            awaitNanos(remaining);
            remaining = deadline - System.nanoTime();
        }
        return true;
    }

    @Override
    public void signal() {
        checkHeld();
        backend.run(() -> "signal of " + describe(), () -> {
            String waiter = waiters.pollFirst();
            if (waiter != null) {
                post(waiter);
            }
        });
    }

    @Override
    public void signalAll() {
        checkHeld();
        backend.run(() -> "signalAll of " + describe(), () -> {
            for (String waiter = waiters.pollFirst(); waiter != null; waiter = waiters.pollFirst()) {
                post(waiter);
            }
        });
    }

    private void post(String waiter) {
        RBlockingQueue<String> wake = wakeQueue(waiter);
        wake.offer("signal");
        // A waiter that died never deletes its queue: let Redis drop it.
        wake.expire(Duration.ofMillis(Math.max(60_000L, 4 * backend.leaseMillis())));
    }
}
