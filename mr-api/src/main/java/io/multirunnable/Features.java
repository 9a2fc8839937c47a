package io.multirunnable;

import io.multirunnable.internal.Check;
import io.multirunnable.sync.SyncPrimitive;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The features handed to an executor or pool (the Python original's {@code features=}): checks and look-ups. */
final class Features {
    private Features() {
    }

    /** Adds {@code feature} under {@code name}; a duplicate name is an error. */
    static void add(Map<String, Object> features, String name, Object feature) {
        Check.notBlank(name, "feature name");
        Check.notNull(feature, "feature");
        Check.argument(!features.containsKey(name), "feature '" + name + "' is already set; give each feature its own name");
        features.put(name, feature);
    }

    /** Adds each primitive under its own name. */
    static void addAll(Map<String, Object> features, SyncPrimitive... primitives) {
        Check.notNull(primitives, "primitives");
        for (int i = 0; i < primitives.length; i++) {
            SyncPrimitive p = Check.notNull(primitives[i], "primitives[" + i + "]");
            add(features, p.name(), p);
        }
    }

    /** An unmodifiable copy keeping insertion order; null names or values are rejected. */
    static Map<String, Object> copy(Map<String, Object> features) {
        Check.notNull(features, "features");
        Map<String, Object> copy = new LinkedHashMap<>();
        features.forEach((k, v) -> {
            Check.notBlank(k, "feature name");
            Check.notNull(v, "feature '" + k + "'");
            copy.put(k, v);
        });
        return Collections.unmodifiableMap(copy);
    }

    static <T> T byType(WorkerContext worker, Class<T> type) {
        Check.notNull(type, "type");
        Map<String, Object> features = worker.features();
        List<String> matching = features.entrySet().stream()
                .filter(e -> type.isInstance(e.getValue())).map(Map.Entry::getKey).toList();
        if (matching.isEmpty()) {
            throw new IllegalStateException("worker '" + worker.name() + "' has no feature of type " + type.getSimpleName()
                    + " (features: " + features.keySet() + "); give one to its executor or pool with withFeature(...)");
        }
        if (matching.size() > 1) {
            throw new IllegalStateException("worker '" + worker.name() + "' has " + matching.size() + " features of type "
                    + type.getSimpleName() + " " + matching + "; ask for one by name with feature(name, "
                    + type.getSimpleName() + ".class)");
        }
        return type.cast(features.get(matching.get(0)));
    }

    static <T> T byName(WorkerContext worker, String name, Class<T> type) {
        Check.notNull(name, "name");
        Check.notNull(type, "type");
        Map<String, Object> features = worker.features();
        Object feature = features.get(name);
        if (feature == null) {
            throw new IllegalStateException("worker '" + worker.name() + "' has no feature named '" + name
                    + "' (features: " + features.keySet() + ")");
        }
        if (!type.isInstance(feature)) {
            throw new IllegalStateException("feature '" + name + "' of worker '" + worker.name() + "' is not a "
                    + type.getSimpleName() + " but " + feature);
        }
        return type.cast(feature);
    }
}
