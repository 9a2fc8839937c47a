package io.multirunnable.core.internal.sync;

import io.multirunnable.sync.BoundedSemaphore;
import io.multirunnable.sync.Semaphore;
import io.multirunnable.sync.spi.AbstractAcquirable;
import java.util.concurrent.locks.AbstractQueuedSynchronizer;

/**
 * {@link Semaphore} and {@link BoundedSemaphore}: an {@link AbstractQueuedSynchronizer} in shared
 * mode whose state is the free permits. The bound is checked and applied in one compare-and-set,
 * so concurrent over-releases can never push the count past it.
 */
class LocalSemaphore extends AbstractAcquirable implements Semaphore {
    private final Permits permits;

    LocalSemaphore(String name, int permits) {
        this("Semaphore", name, permits, Integer.MAX_VALUE);
    }

    LocalSemaphore(String kind, String name, int permits, int max) {
        super(kind, name);
        this.permits = new Permits(checkPermits(permits), max);
    }

    private final class Permits extends AbstractQueuedSynchronizer {
        private static final long serialVersionUID = 1L;
        private final int max;

        Permits(int initial, int max) {
            this.max = max;
            setState(initial);
        }

        @Override
        protected int tryAcquireShared(int ignored) {
            while (true) {
                int free = getState();
                int left = free - 1;
                if (left < 0 || compareAndSetState(free, left)) {
                    return left;
                }
            }
        }

        @Override
        protected boolean tryReleaseShared(int ignored) {
            while (true) {
                int free = getState();
                if (free >= max) {
                    throw overRelease(max);
                }
                if (compareAndSetState(free, free + 1)) {
                    return true;
                }
            }
        }

        int free() {
            return getState();
        }
    }

    IllegalStateException overRelease(int max) {
        return new IllegalStateException(describe() + " cannot hold more than " + max + " permits");
    }

    @Override
    protected void acquireForever() throws InterruptedException {
        permits.acquireSharedInterruptibly(1);
    }

    @Override
    protected boolean tryAcquireNanos(long nanos) throws InterruptedException {
        return permits.tryAcquireSharedNanos(1, nanos);
    }

    @Override
    public boolean tryAcquire() {
        return permits.tryAcquireShared(1) >= 0;
    }

    @Override
    public void release() {
        permits.releaseShared(1);
    }

    @Override
    public int availablePermits() {
        return permits.free();
    }

    @Override
    public String toString() {
        return describe() + " [" + availablePermits() + " free]";
    }

    /** {@link BoundedSemaphore}: never more free permits than it started with. */
    static final class Bounded extends LocalSemaphore implements BoundedSemaphore {
        private final int initial;

        Bounded(String name, int permits) {
            super("BoundedSemaphore", name, permits, permits);
            this.initial = permits;
        }

        @Override
        IllegalStateException overRelease(int max) {
            return releasedTooOften(max);
        }

        @Override
        public int initialPermits() {
            return initial;
        }
    }
}
