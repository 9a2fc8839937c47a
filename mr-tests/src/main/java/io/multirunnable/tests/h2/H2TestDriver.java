package io.multirunnable.tests.h2;

import io.multirunnable.persistence.spi.DatabaseDriver;
import java.util.List;
import java.util.Map;

/**
 * A driver plugin for a database MultiRunnable does not ship (H2), written the way a third
 * party would: implement {@link DatabaseDriver}, declare it with {@code provides} in
 * module-info. It reaches H2 through {@link java.sql.DriverManager}, so this module needs H2
 * only at run time (test scope), not to compile.
 */
public final class H2TestDriver implements DatabaseDriver {

    /** For ServiceLoader. */
    public H2TestDriver() {
    }

    @Override
    public String name() {
        return "h2";
    }

    @Override
    public List<String> urlPrefixes() {
        return List.of("jdbc:h2:");
    }

    @Override
    public Map<String, String> defaultProperties() {
        // Keep in-memory databases alive between connections of a pool.
        return Map.of("DB_CLOSE_DELAY", "-1");
    }
}
