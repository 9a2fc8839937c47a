package io.multirunnable.retry.spi;

import io.multirunnable.internal.Plugins;
import io.multirunnable.retry.Retry;
import io.multirunnable.retry.RetryPolicy;
import java.util.List;
import java.util.ServiceLoader;

/**
 * The retry engine: turns a {@link RetryPolicy} into a {@link Retry}. {@code io.multirunnable.core}
 * provides the JDK-only engine, named {@code "local"}; the API finds it with {@link ServiceLoader}.
 *
 * <p>Selection: the provider named by the system property {@value #PROPERTY} if set, else the
 * first one found. A provider that fails to load is logged and skipped.
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
     * The provider in use, found once and cached.
     *
     * @throws IllegalStateException    if none is installed (names the module to add)
     * @throws IllegalArgumentException if {@value #PROPERTY} names one that is not installed
     */
    static RetryProvider installed() {
        return InstalledRetry.get();
    }

    /** Every provider found on the module path or class path, broken ones skipped. */
    static List<RetryProvider> all() {
        return Plugins.loadAll(ServiceLoader.load(RetryProvider.class), RetryProvider.class);
    }
}
