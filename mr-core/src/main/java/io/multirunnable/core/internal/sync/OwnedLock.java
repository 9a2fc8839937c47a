package io.multirunnable.core.internal.sync;

import io.multirunnable.sync.spi.AbstractAcquirable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A thread-owned reentrant lock on a {@link ReentrantLock}: the body of {@link LocalRLock} and the lock
 * of a {@link LocalCondition}. It does not implement {@link io.multirunnable.sync.RLock} itself, so a
 * Condition is never mistaken for an RLock (e.g. by {@code WorkerContext.feature(RLock.class)}).
 */
abstract class OwnedLock extends AbstractAcquirable {
    final ReentrantLock lock = new ReentrantLock();

    OwnedLock(String kind, String name) {
        super(kind, name);
    }

    @Override
    protected void acquireForever() throws InterruptedException {
        lock.lockInterruptibly();
    }

    @Override
    protected boolean tryAcquireNanos(long nanos) throws InterruptedException {
        return lock.tryLock(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public boolean tryAcquire() {
        return lock.tryLock();
    }

    @Override
    public void release() {
        if (!lock.isHeldByCurrentThread()) {
            throw notOwner();
        }
        lock.unlock();
    }

    public int holdCount() {
        return lock.getHoldCount();
    }

    public boolean isHeldByCurrentThread() {
        return lock.isHeldByCurrentThread();
    }

    public boolean isLocked() {
        return lock.isLocked();
    }

    @Override
    public String toString() {
        return describe() + (lock.isLocked() ? " [locked]" : " [unlocked]");
    }
}
