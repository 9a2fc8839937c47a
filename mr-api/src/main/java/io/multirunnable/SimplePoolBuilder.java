package io.multirunnable;

import io.multirunnable.internal.Check;
import io.multirunnable.internal.Providers;
import io.multirunnable.sync.SyncPrimitive;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds a {@link SimplePool}. Not thread-safe; the {@link PoolConfig} it makes is.
 *
 * <p>Defaults: size = number of available processors; name {@code "pool-N"}.
 *
 * @since 0.1
 */
public final class SimplePoolBuilder {
    private final RunningMode mode;
    private int size = Runtime.getRuntime().availableProcessors();
    private String name;
    private final Map<String, Object> features = new LinkedHashMap<>();

    SimplePoolBuilder(RunningMode mode) {
        this.mode = Check.notNull(mode, "mode");
    }

    /**
     * The number of workers (tasks running at once).
     *
     * @throws IllegalArgumentException if {@code size <= 0}
     */
    public SimplePoolBuilder withSize(int size) {
        this.size = Check.positive(size, "size");
        return this;
    }

    /**
     * The pool's name, the prefix of its worker names.
     *
     * @throws IllegalArgumentException if {@code name} is null or blank
     */
    public SimplePoolBuilder withName(String name) {
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
    public SimplePoolBuilder withFeature(SyncPrimitive primitive) {
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
    public SimplePoolBuilder withFeature(String name, Object feature) {
        Features.add(features, name, feature);
        return this;
    }

    /**
     * {@link #withFeature(SyncPrimitive)} for each of {@code primitives}.
     *
     * @throws IllegalArgumentException "primitives[i] must not be null", or a duplicate name
     */
    public SimplePoolBuilder withFeatures(SyncPrimitive... primitives) {
        Features.addAll(features, primitives);
        return this;
    }

    /** The immutable configuration these settings describe. */
    public PoolConfig toConfig() {
        return new PoolConfig(mode, size, name == null ? ExecutorConfig.nextName("pool") : name, features);
    }

    /** Builds the pool with the installed implementation. */
    public SimplePool build() {
        return Providers.newPool(toConfig());
    }
}
