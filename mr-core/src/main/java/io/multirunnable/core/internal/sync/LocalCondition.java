package io.multirunnable.core.internal.sync;

import io.multirunnable.internal.Check;
import io.multirunnable.sync.Condition;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** {@link Condition}: a {@link java.util.concurrent.locks.Condition} of its own reentrant lock. */
final class LocalCondition extends OwnedLock implements Condition {
    private final java.util.concurrent.locks.Condition condition = lock.newCondition();

    LocalCondition(String name) {
        super("Condition", name);
    }

    private void checkHeld() {
        if (!lock.isHeldByCurrentThread()) {
            throw mustBeHeld();
        }
    }

    @Override
    public void await() throws InterruptedException {
        checkHeld();
        condition.await();
    }

    @Override
    public boolean await(Duration timeout) throws InterruptedException {
        long nanos = Check.timeoutNanos(timeout);
        checkHeld();
        return condition.await(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public boolean awaitUntil(BooleanSupplier predicate, Duration timeout) throws InterruptedException {
        Check.notNull(predicate, "predicate");
        long remaining = Check.timeoutNanos(timeout);
        checkHeld();
        while (!predicate.getAsBoolean()) {
            if (remaining <= 0) {
                return false;
            }
            remaining = condition.awaitNanos(remaining);
        }
        return true;
    }

    @Override
    public void signal() {
        checkHeld();
        condition.signal();
    }

    @Override
    public void signalAll() {
        checkHeld();
        condition.signalAll();
    }
}
