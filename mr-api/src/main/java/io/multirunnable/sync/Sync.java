package io.multirunnable.sync;

import io.multirunnable.internal.Check;
import io.multirunnable.internal.Providers;
import io.multirunnable.sync.spi.SyncProvider;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes synchronization primitives with the selected {@link SyncProvider}:
 *
 * <pre>{@code
 * Lock lock = Sync.lock();                          // default provider: "local" (this JVM)
 * Semaphore slots = Sync.semaphore("downloads", 4);
 * Lock shared = Sync.provider("redis").newLock("orders");   // a named provider, when installed
 * }</pre>
 *
 * <p>Provider selection: the one named by the system property {@value SyncProvider#PROPERTY} if it
 * is set; else {@code "local"} (module {@code io.multirunnable.core}) if installed; else the first
 * by name. Providers are discovered once; the property is read on every call. Two providers
 * claiming the same name are reported once as a warning; the first by class name wins.
 *
 * <p>Names: methods without a name generate one ({@code "lock-1"}, {@code "semaphore-2"}, ...).
 * Arguments are checked once, by the provider the call reaches ("name must not be blank",
 * "permits must be > 0 but was 0"; see {@link io.multirunnable.sync.spi.AbstractAcquirable}), so
 * with no provider installed the "add the module" error comes first.
 * Thread-safe.
 *
 * @since 0.1
 */
public final class Sync {
    /** The name of the provider preferred when {@value SyncProvider#PROPERTY} is unset. */
    public static final String DEFAULT_PROVIDER = Providers.LOCAL;

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private Sync() {
    }

    /**
     * The provider in use: the one named by {@value SyncProvider#PROPERTY}, else {@code "local"}, else the first.
     *
     * @throws IllegalStateException    if no provider is installed (names the module to add)
     * @throws IllegalArgumentException if the property names a provider that is not installed (lists the installed ones)
     */
    public static SyncProvider provider() {
        return Providers.syncs().selected();
    }

    /**
     * The installed provider called {@code name} (case-insensitive), e.g. {@code "local"}.
     *
     * @throws IllegalArgumentException if {@code name} is blank or no such provider is installed (lists the installed ones)
     */
    public static SyncProvider provider(String name) {
        Check.notBlank(name, "name");
        return Providers.syncs().byName(name.trim(), "Sync.provider(name)");
    }

    /** Every installed provider, ordered by name, broken ones skipped. Unmodifiable. */
    public static List<SyncProvider> providers() {
        return Providers.syncs().all();
    }

    /** A new {@link Lock} with a generated name. */
    public static Lock lock() {
        return provider().newLock(nextName("lock"));
    }

    /**
     * A new {@link Lock} called {@code name}.
     *
     * @throws IllegalArgumentException "name must not be blank"
     */
    public static Lock lock(String name) {
        return provider().newLock(name);
    }

    /** A new {@link RLock} with a generated name. */
    public static RLock rlock() {
        return provider().newRLock(nextName("rlock"));
    }

    /** A new {@link RLock} called {@code name}. */
    public static RLock rlock(String name) {
        return provider().newRLock(name);
    }

    /**
     * A new {@link Semaphore} with {@code permits} permits and a generated name.
     *
     * @throws IllegalArgumentException "permits must be > 0 but was 0"
     */
    public static Semaphore semaphore(int permits) {
        return provider().newSemaphore(nextName("semaphore"), permits);
    }

    /** A new {@link Semaphore} called {@code name} with {@code permits > 0} permits. */
    public static Semaphore semaphore(String name, int permits) {
        return provider().newSemaphore(name, permits);
    }

    /**
     * A new {@link BoundedSemaphore} with {@code permits} permits and a generated name.
     *
     * @throws IllegalArgumentException "permits must be > 0 but was 0"
     */
    public static BoundedSemaphore boundedSemaphore(int permits) {
        return provider().newBoundedSemaphore(nextName("bounded-semaphore"), permits);
    }

    /** A new {@link BoundedSemaphore} called {@code name} with {@code permits > 0} permits. */
    public static BoundedSemaphore boundedSemaphore(String name, int permits) {
        return provider().newBoundedSemaphore(name, permits);
    }

    /** A new, unset {@link Event} with a generated name. */
    public static Event event() {
        return provider().newEvent(nextName("event"));
    }

    /** A new, unset {@link Event} called {@code name}. */
    public static Event event(String name) {
        return provider().newEvent(name);
    }

    /** A new {@link Condition} (with its own lock) and a generated name. */
    public static Condition condition() {
        return provider().newCondition(nextName("condition"));
    }

    /** A new {@link Condition} (with its own lock) called {@code name}. */
    public static Condition condition(String name) {
        return provider().newCondition(name);
    }

    private static String nextName(String kind) {
        return kind + "-" + COUNTER.incrementAndGet();
    }
}
