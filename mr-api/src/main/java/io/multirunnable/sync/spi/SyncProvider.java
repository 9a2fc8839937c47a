package io.multirunnable.sync.spi;

import io.multirunnable.sync.BoundedSemaphore;
import io.multirunnable.sync.Condition;
import io.multirunnable.sync.Event;
import io.multirunnable.sync.Lock;
import io.multirunnable.sync.RLock;
import io.multirunnable.sync.Semaphore;
import java.util.List;

/**
 * A source of synchronization primitives. {@code io.multirunnable.core} provides {@code "local"}
 * (this JVM, {@code java.util.concurrent}); a plugin may provide primitives shared by many JVMs.
 * Users reach providers through {@link io.multirunnable.sync.Sync}, which selects one as
 * described there (system property {@value #PROPERTY}).
 *
 * <p>Every factory takes a name: a distributed provider uses it to find the same primitive in
 * every JVM; the local provider records it for messages and {@code toString}. Factories
 * validate their arguments, which {@link io.multirunnable.sync.Sync} passes on unchecked, with the
 * standard messages ({@code "name must not be blank"}, {@code "permits must be > 0 but was 0"}):
 * primitives that extend {@link AbstractAcquirable} get those checks, and the acquire template,
 * from its constructor.
 *
 * <p>Implementations must be thread-safe and have a public no-argument constructor (or a public
 * static {@code provider()} method).
 *
 * @since 0.1
 */
public interface SyncProvider {
    /** System property naming the provider {@link io.multirunnable.sync.Sync} uses, e.g. {@code -Dmultirunnable.sync=local}. */
    String PROPERTY = "multirunnable.sync";

    /** A short unique name, e.g. {@code "local"}. */
    String name();

    /** A new {@link Lock} called {@code name}. */
    Lock newLock(String name);

    /** A new {@link RLock} called {@code name}. */
    RLock newRLock(String name);

    /** A new {@link Semaphore} called {@code name} with {@code permits > 0} permits. */
    Semaphore newSemaphore(String name, int permits);

    /** A new {@link BoundedSemaphore} called {@code name} with {@code permits > 0} permits. */
    BoundedSemaphore newBoundedSemaphore(String name, int permits);

    /** A new, unset {@link Event} called {@code name}. */
    Event newEvent(String name);

    /** A new {@link Condition} called {@code name}, bound to a new reentrant lock of its own. */
    Condition newCondition(String name);

    /**
     * Every provider found on the module path or class path, broken ones logged and skipped, ordered by name.
     *
     * @deprecated look-ups do not belong to the contract implementers read; use
     *             {@link io.multirunnable.sync.Sync#providers()}
     */
    @Deprecated(since = "0.2", forRemoval = true)
    static List<SyncProvider> all() {
        // Qualified, not imported: an import would tie the whole contract to the look-up (ImportCycleTest).
        return io.multirunnable.sync.Sync.providers();
    }
}
