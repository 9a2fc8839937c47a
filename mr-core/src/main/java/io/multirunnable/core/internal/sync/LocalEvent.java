package io.multirunnable.core.internal.sync;

import io.multirunnable.internal.Check;
import io.multirunnable.sync.Event;
import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@link Event}: a flag under a {@link ReentrantLock}. Each {@link #set()} that turns the flag on
 * starts a new generation, so every thread waiting at that moment returns even if the flag is
 * cleared before it wakes.
 */
final class LocalEvent implements Event {
    private final String name;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private volatile boolean flag;
    private long generation; // guarded by lock

    LocalEvent(String name) {
        this.name = Check.notBlank(name, "name");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void set() {
        lock.lock();
        try {
            if (!flag) {
                flag = true;
                generation++;
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void clear() {
        lock.lock();
        try {
            flag = false;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean isSet() {
        return flag;
    }

    @Override
    public void await() throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        if (flag) {
            return;
        }
        lock.lockInterruptibly();
        try {
            long seen = generation;
            while (!flag && generation == seen) {
                changed.await();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean await(Duration timeout) throws InterruptedException {
        long remaining = Check.timeoutNanos(timeout);
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        if (flag) {
            return true;
        }
        lock.lockInterruptibly();
        try {
            long seen = generation;
            while (!flag && generation == seen) {
                if (remaining <= 0) {
                    return false;
                }
                remaining = changed.awaitNanos(remaining);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "Event '" + name + "' [" + (flag ? "set" : "clear") + "]";
    }
}
