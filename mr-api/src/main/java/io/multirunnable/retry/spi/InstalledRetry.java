package io.multirunnable.retry.spi;

import io.multirunnable.internal.Plugins;
import java.util.concurrent.locks.ReentrantLock;

/** Finds the {@link RetryProvider} on first use and caches it; a failed lookup is not cached. */
final class InstalledRetry {
    private static final ReentrantLock LOCK = new ReentrantLock();
    private static volatile RetryProvider instance;

    private InstalledRetry() {
    }

    static RetryProvider get() {
        RetryProvider p = instance;
        if (p == null) {
            LOCK.lock();
            try {
                p = instance;
                if (p == null) {
                    p = Plugins.select(RetryProvider.all(), RetryProvider.class, RetryProvider::name,
                            RetryProvider.PROPERTY, "io.multirunnable.core (Maven artifact io.multirunnable:mr-core)");
                    instance = p;
                }
            } finally {
                LOCK.unlock();
            }
        }
        return p;
    }
}
