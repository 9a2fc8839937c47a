package io.multirunnable.persistence.internal;

import io.multirunnable.persistence.ConnectionStrategy;
import io.multirunnable.persistence.DatabaseConfig;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/** The registry of open pools by name. */
public final class Pools {
    private static final Map<String, HikariPoolStrategy> OPEN = new ConcurrentHashMap<>();
    private static final ReentrantLock OPENING = new ReentrantLock();

    private Pools() {
    }

    /** Opens and registers a pool; a name already open is an error. */
    public static ConnectionStrategy open(DatabaseConfig config) {
        OPENING.lock();
        try {
            String name = config.poolName();
            if (OPEN.containsKey(name)) {
                throw new IllegalStateException("a pool named '" + name + "' is already open; look it up with "
                        + "Database.pool(\"" + name + "\") or close it first");
            }
            HikariPoolStrategy pool = new HikariPoolStrategy(config);
            OPEN.put(name, pool);
            return pool;
        } finally {
            OPENING.unlock();
        }
    }

    /** The open pool called {@code name}; unknown → IllegalArgumentException listing the open ones. */
    public static ConnectionStrategy get(String name) {
        ConnectionStrategy p = OPEN.get(name);
        if (p == null) {
            throw new IllegalArgumentException("no open pool named '" + name + "'; open pools: " + names());
        }
        return p;
    }

    /** Names of the open pools, sorted. */
    public static List<String> names() {
        return OPEN.keySet().stream().sorted().toList();
    }

    static void remove(HikariPoolStrategy pool) {
        OPEN.remove(pool.name(), pool);
    }
}
