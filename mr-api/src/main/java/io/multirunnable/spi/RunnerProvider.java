package io.multirunnable.spi;

import io.multirunnable.ExecutorConfig;
import io.multirunnable.PoolConfig;
import io.multirunnable.SimpleExecutor;
import io.multirunnable.SimplePool;
import io.multirunnable.WorkerContext;
import java.util.List;
import java.util.ServiceLoader;

/**
 * The service that implements executors, pools and worker contexts. {@code io.multirunnable.core}
 * provides the JDK-only implementation; the API finds it with {@link ServiceLoader}.
 *
 * <p>Selection ({@link io.multirunnable.MultiRunnable#runnerProvider()}): the provider named by the
 * system property {@value #PROPERTY} if set, else {@code "local"} if installed, else the first by
 * name. A provider that fails to load is logged and skipped; two providers with the same name
 * are reported once as a warning.
 *
 * <p>Implementations must be thread-safe and have a public no-argument constructor (or a
 * public static {@code provider()} method).
 *
 * @since 0.1
 */
public interface RunnerProvider {
    /** System property naming the provider to use when several are installed. */
    String PROPERTY = "multirunnable.runner";

    /** A short unique name, e.g. {@code "local"}. */
    String name();

    /** A new executor for {@code config}. */
    SimpleExecutor newExecutor(ExecutorConfig config);

    /** A new pool for {@code config}. */
    SimplePool newPool(PoolConfig config);

    /** The context of the worker running the calling code (or of the plain thread outside a worker). */
    WorkerContext currentWorker();

    /**
     * The provider in use.
     *
     * @throws IllegalStateException    if none is installed (names the module to add)
     * @throws IllegalArgumentException if {@value #PROPERTY} names one that is not installed
     * @deprecated look-ups do not belong to the contract implementers read; use
     *             {@link io.multirunnable.MultiRunnable#runnerProvider()}
     */
    @Deprecated(since = "0.2", forRemoval = true)
    static RunnerProvider installed() {
        // Qualified, not imported: an import would tie the whole contract to the look-up (ImportCycleTest).
        return io.multirunnable.MultiRunnable.runnerProvider();
    }

    /**
     * Every provider found on the module path or class path, broken ones skipped, ordered by name.
     *
     * @deprecated use {@link io.multirunnable.MultiRunnable#runnerProviders()}
     */
    @Deprecated(since = "0.2", forRemoval = true)
    static List<RunnerProvider> all() {
        return io.multirunnable.MultiRunnable.runnerProviders();
    }
}
