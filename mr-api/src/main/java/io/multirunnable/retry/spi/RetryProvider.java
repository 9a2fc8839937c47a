package io.multirunnable.retry.spi;

import io.multirunnable.retry.Retry;
import io.multirunnable.retry.RetryPolicy;
import java.util.List;
import java.util.ServiceLoader;

/**
 * The retry engine: turns a {@link RetryPolicy} into a {@link Retry}. {@code io.multirunnable.core}
 * provides the JDK-only engine, named {@code "local"}; the API finds it with {@link ServiceLoader}.
 *
 * <p>Selection ({@link io.multirunnable.MultiRunnable#retryProvider()}): the provider named by the
 * system property {@value #PROPERTY} if set, else {@code "local"} if installed, else the first by
 * name. A provider that fails to load is logged and skipped; two providers with the same name
 * are reported once as a warning.
 *
 * <p>Implementations must be thread-safe, honour every rule documented on {@link Retry} and
 * {@link io.multirunnable.retry.ErrorHandler}, and have a public no-argument constructor (or a
 * public static {@code provider()} method).
 *
 * @since 0.1
 */
public interface RetryProvider {
    /** System property naming the provider to use when several are installed. */
    String PROPERTY = "multirunnable.retry";

    /** A short unique name, e.g. {@code "local"}. */
    String name();

    /** A retry applying {@code policy} (never null). */
    <T> Retry<T> newRetry(RetryPolicy<T> policy);

    /**
     * The provider in use.
     *
     * @throws IllegalStateException    if none is installed (names the module to add)
     * @throws IllegalArgumentException if {@value #PROPERTY} names one that is not installed
     * @deprecated look-ups do not belong to the contract implementers read; use
     *             {@link io.multirunnable.MultiRunnable#retryProvider()}
     */
    @Deprecated(since = "0.2", forRemoval = true)
    static RetryProvider installed() {
        // Qualified, not imported: an import would tie the whole contract to the look-up (ImportCycleTest).
        return io.multirunnable.MultiRunnable.retryProvider();
    }

    /**
     * Every provider found on the module path or class path, broken ones skipped, ordered by name.
     *
     * @deprecated use {@link io.multirunnable.MultiRunnable#retryProviders()}
     */
    @Deprecated(since = "0.2", forRemoval = true)
    static List<RetryProvider> all() {
        return io.multirunnable.MultiRunnable.retryProviders();
    }
}
