package io.multirunnable.sync;

/**
 * Any synchronization primitive made by a {@link io.multirunnable.sync.spi.SyncProvider}.
 * Implementations are thread-safe.
 *
 * @since 0.1
 */
public interface SyncPrimitive {
    /**
     * The primitive's name: the one given to the provider, or a generated one such as {@code "lock-3"}.
     * A distributed provider uses it to find the same primitive in every JVM; the local provider
     * only records it (two local primitives with the same name are still two primitives).
     */
    String name();
}
