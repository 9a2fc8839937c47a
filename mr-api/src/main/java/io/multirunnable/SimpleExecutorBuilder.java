package io.multirunnable;

import io.multirunnable.internal.Check;
import io.multirunnable.internal.Providers;
import io.multirunnable.sync.SyncPrimitive;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds a {@link SimpleExecutor}. Not thread-safe; the {@link ExecutorConfig} it makes is.
 *
 * <p>Defaults: 1 worker; name {@code "executor-N"} with N a process-wide counter.
 *
 * @since 0.1
 */
public final class SimpleExecutorBuilder {
    private final RunningMode mode;
    private int workers = 1;
    private String name;
    private final Map<String, Object> features = new LinkedHashMap<>();

    SimpleExecutorBuilder(RunningMode mode) {
        this.mode = Check.notNull(mode, "mode");
    }

    /**
     * The number of workers.
     *
     * @throws IllegalArgumentException if {@code workers <= 0}
     */
    public SimpleExecutorBuilder withWorkers(int workers) {
        this.workers = Check.positive(workers, "workers");
        return this;
    }

    /**
     * The executor's name, the prefix of its worker names ({@code name-worker-3}).
     *
     * @throws IllegalArgumentException if {@code name} is null or blank
     */
    public SimpleExecutorBuilder withName(String name) {
        this.name = Check.notBlank(name, "name");
        return this;
    }

    /**
     * Shares {@code primitive} with every worker, under its own {@link SyncPrimitive#name()} (the Python
     * original's {@code features=}); a task reads it with {@code WorkerContext.current().feature(Lock.class)}.
     *
     * @throws IllegalArgumentException "feature must not be null", or "feature 'NAME' is already set; give
     *                                  each feature its own name"
     */
    public SimpleExecutorBuilder withFeature(SyncPrimitive primitive) {
        Check.notNull(primitive, "feature");
        Features.add(features, primitive.name(), primitive);
        return this;
    }

    /**
     * Shares {@code feature} (any thread-safe object) with every worker under {@code name}; a task reads it
     * with {@code WorkerContext.current().feature(name, Type.class)}.
     *
     * @throws IllegalArgumentException "feature name must not be blank", "feature must not be null", or
     *                                  "feature 'NAME' is already set; give each feature its own name"
     */
    public SimpleExecutorBuilder withFeature(String name, Object feature) {
        Features.add(features, name, feature);
        return this;
    }

    /**
     * {@link #withFeature(SyncPrimitive)} for each of {@code primitives}.
     *
     * @throws IllegalArgumentException "primitives[i] must not be null", or a duplicate name
     */
    public SimpleExecutorBuilder withFeatures(SyncPrimitive... primitives) {
        Features.addAll(features, primitives);
        return this;
    }

    /** The immutable configuration these settings describe. */
    public ExecutorConfig toConfig() {
        return new ExecutorConfig(mode, workers, name == null ? ExecutorConfig.nextName("executor") : name, features);
    }

    /** Builds the executor with the installed implementation. */
    public SimpleExecutor build() {
        return Providers.newExecutor(toConfig());
    }
}
