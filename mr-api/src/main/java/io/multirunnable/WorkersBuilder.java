package io.multirunnable;

import io.multirunnable.internal.Check;
import io.multirunnable.sync.SyncPrimitive;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The settings {@link SimpleExecutorBuilder} and {@link SimplePoolBuilder} share: worker count, name and
 * features. Package-private on purpose: users only ever see the two public builders, whose javadoc shows
 * these methods as their own, each returning the concrete builder so calls chain.
 *
 * @param <B> the concrete builder
 */
abstract class WorkersBuilder<B extends WorkersBuilder<B>> {
    final RunningMode mode;
    int workers;
    String name;
    final Map<String, Object> features = new LinkedHashMap<>();

    WorkersBuilder(RunningMode mode, int defaultWorkers) {
        this.mode = Check.notNull(mode, "mode");
        this.workers = defaultWorkers;
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /**
     * The number of workers: in an executor, how many run each batch; in a pool, how many tasks run at once.
     *
     * @throws IllegalArgumentException "workers must be > 0 but was N"
     * @since 0.2 on pools (was {@code withSize})
     */
    public B withWorkers(int workers) {
        this.workers = Check.positive(workers, "workers");
        return self();
    }

    /**
     * The name, the prefix of worker names ({@code name-worker-3}).
     *
     * @throws IllegalArgumentException if {@code name} is null or blank
     */
    public B withName(String name) {
        this.name = Check.notBlank(name, "name");
        return self();
    }

    /**
     * Shares {@code primitive} with every worker, under its own {@link SyncPrimitive#name()} (the Python
     * original's {@code features=}); a task reads it with {@code WorkerContext.current().feature(Lock.class)}.
     *
     * @throws IllegalArgumentException "feature must not be null", or "feature 'NAME' is already set; give
     *                                  each feature its own name"
     */
    public B withFeature(SyncPrimitive primitive) {
        Check.notNull(primitive, "feature");
        Features.add(features, primitive.name(), primitive);
        return self();
    }

    /**
     * Shares {@code feature} (any thread-safe object) with every worker under {@code name}; a task reads it
     * with {@code WorkerContext.current().feature(name, Type.class)}.
     *
     * @throws IllegalArgumentException "feature name must not be blank", "feature must not be null", or
     *                                  "feature 'NAME' is already set; give each feature its own name"
     */
    public B withFeature(String name, Object feature) {
        Features.add(features, name, feature);
        return self();
    }

    /**
     * {@link #withFeature(SyncPrimitive)} for each of {@code primitives}.
     *
     * @throws IllegalArgumentException "primitives[i] must not be null", or a duplicate name
     */
    public B withFeatures(SyncPrimitive... primitives) {
        Features.addAll(features, primitives);
        return self();
    }

    /** The name given, or the next {@code prefix-N} of a process-wide counter. */
    String nameOr(String prefix) {
        return name == null ? ExecutorConfig.nextName(prefix) : name;
    }
}
