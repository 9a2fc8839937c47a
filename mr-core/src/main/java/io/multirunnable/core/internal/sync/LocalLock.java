package io.multirunnable.core.internal.sync;

import io.multirunnable.sync.Lock;
import io.multirunnable.sync.spi.AbstractAcquirable;
import java.util.concurrent.locks.AbstractQueuedSynchronizer;

/**
 * {@link Lock}: a non-reentrant mutex not bound to a thread (Python's {@code threading.Lock}),
 * an {@link AbstractQueuedSynchronizer} in exclusive mode with state 0 (free) or 1 (held).
 */
final class LocalLock extends AbstractAcquirable implements Lock {
    private final Mutex mutex = new Mutex();

    LocalLock(String name) {
        super("Lock", name);
    }

    private final class Mutex extends AbstractQueuedSynchronizer {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean tryAcquire(int ignored) {
            return compareAndSetState(0, 1);
        }

        @Override
        protected boolean tryRelease(int ignored) {
            if (!compareAndSetState(1, 0)) {
                throw notHeld();
            }
            return true;
        }

        boolean held() {
            return getState() == 1;
        }
    }

    @Override
    protected void acquireForever() throws InterruptedException {
        mutex.acquireInterruptibly(1);
    }

    @Override
    protected boolean tryAcquireNanos(long nanos) throws InterruptedException {
        return mutex.tryAcquireNanos(1, nanos);
    }

    @Override
    public boolean tryAcquire() {
        return mutex.tryAcquire(1);
    }

    @Override
    public void release() {
        mutex.release(1);
    }

    @Override
    public boolean isLocked() {
        return mutex.held();
    }

    @Override
    public String toString() {
        return describe() + (isLocked() ? " [locked]" : " [unlocked]");
    }
}
