package io.multirunnable.internal;

import io.multirunnable.spi.RunnerProvider;

/** Finds the {@link RunnerProvider} on first use and caches it; a failed lookup is not cached. */
public final class InstalledRunner {
    private static volatile RunnerProvider instance;

    private InstalledRunner() {
    }

    /** The selected provider; a lookup error is thrown again on the next call, not turned into NoClassDefFoundError. */
    public static RunnerProvider get() {
        RunnerProvider p = instance;
        if (p == null) {
            synchronized (InstalledRunner.class) {
                p = instance;
                if (p == null) {
                    p = Plugins.select(RunnerProvider.all(), RunnerProvider.class, RunnerProvider::name,
                            RunnerProvider.PROPERTY, "io.multirunnable.core (Maven artifact io.multirunnable:mr-core)");
                    instance = p;
                }
            }
        }
        return p;
    }
}
