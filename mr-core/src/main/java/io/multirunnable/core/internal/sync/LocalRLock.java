package io.multirunnable.core.internal.sync;

import io.multirunnable.sync.RLock;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/** {@link RLock} on a {@link ReentrantLock}; also the lock of a {@link LocalCondition}. */
class LocalRLock extends LocalAcquirable implements RLock {
    final ReentrantLock lock = new ReentrantLock();

    LocalRLock(String name) {
        this("RLock", name);
    }

    LocalRLock(String kind, String name) {
        super(kind, name);
    }

    @Override
    void acquireInterruptibly() throws InterruptedException {
        lock.lockInterruptibly();
    }

    @Override
    boolean tryAcquireNanos(long nanos) throws InterruptedException {
        return lock.tryLock(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public boolean tryAcquire() {
        return lock.tryLock();
    }

    @Override
    public void release() {
        if (!lock.isHeldByCurrentThread()) {
            throw new IllegalStateException(describe() + " is not held by the current thread '"
                    + Thread.currentThread().getName() + "': only its owner may release it");
        }
        lock.unlock();
    }

    @Override
    public int holdCount() {
        return lock.getHoldCount();
    }

    @Override
    public boolean isHeldByCurrentThread() {
        return lock.isHeldByCurrentThread();
    }

    @Override
    public boolean isLocked() {
        return lock.isLocked();
    }

    @Override
    public String toString() {
        return describe() + (lock.isLocked() ? " [locked]" : " [unlocked]");
    }
}
