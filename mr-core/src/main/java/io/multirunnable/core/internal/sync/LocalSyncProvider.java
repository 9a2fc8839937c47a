package io.multirunnable.core.internal.sync;

import io.multirunnable.sync.BoundedSemaphore;
import io.multirunnable.sync.Condition;
import io.multirunnable.sync.Event;
import io.multirunnable.sync.Lock;
import io.multirunnable.sync.RLock;
import io.multirunnable.sync.Semaphore;
import io.multirunnable.sync.spi.SyncProvider;

/**
 * The JDK-only {@link SyncProvider}, named {@code "local"}: primitives shared by the threads of this
 * JVM. Names are recorded (messages, {@code toString}) but not shared: each call makes a new primitive.
 */
public final class LocalSyncProvider implements SyncProvider {

    /** Public for ServiceLoader. */
    public LocalSyncProvider() {
    }

    @Override
    public String name() {
        return "local";
    }

    @Override
    public Lock newLock(String name) {
        return new LocalLock(name);
    }

    @Override
    public RLock newRLock(String name) {
        return new LocalRLock(name);
    }

    @Override
    public Semaphore newSemaphore(String name, int permits) {
        return new LocalSemaphore(name, permits);
    }

    @Override
    public BoundedSemaphore newBoundedSemaphore(String name, int permits) {
        return new LocalSemaphore.Bounded(name, permits);
    }

    @Override
    public Event newEvent(String name) {
        return new LocalEvent(name);
    }

    @Override
    public Condition newCondition(String name) {
        return new LocalCondition(name);
    }

    @Override
    public String toString() {
        return "SyncProvider[local]";
    }
}
