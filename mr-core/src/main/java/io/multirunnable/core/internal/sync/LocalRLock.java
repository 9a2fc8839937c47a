package io.multirunnable.core.internal.sync;

import io.multirunnable.sync.RLock;

/** {@link RLock} on a {@link java.util.concurrent.locks.ReentrantLock}. */
final class LocalRLock extends OwnedLock implements RLock {

    LocalRLock(String name) {
        super("RLock", name);
    }
}
