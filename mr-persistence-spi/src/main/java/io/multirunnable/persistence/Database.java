package io.multirunnable.persistence;

import io.multirunnable.internal.Check;
import io.multirunnable.persistence.internal.Drivers;
import io.multirunnable.persistence.internal.Pools;
import io.multirunnable.persistence.internal.SingleConnectionStrategy;
import io.multirunnable.persistence.spi.DatabaseDriver;
import java.util.List;

/**
 * The entry point to persistence: installed driver plugins, and connection strategies.
 *
 * <pre>{@code
 * DatabaseConfig config = DatabaseConfig.builder("jdbc:postgresql://127.0.0.1:5432/app")
 *         .withUser("app").withPassword(secret).withPoolName("main").withPoolSize(8).build();
 * try (ConnectionStrategy pool = Database.pool(config)) {
 *     DatabaseOperator db = DatabaseOperator.of(pool);
 *     ...
 *     Database.pool("main");   // the same pool, found by name from anywhere
 * }
 * }</pre>
 *
 * <p>Driver plugins ({@link DatabaseDriver}) are found with {@link java.util.ServiceLoader}
 * once, on first use: put mr-persistence-mysql, -postgres, -sqlite or your own plugin on the
 * module path (or class path). A config picks its plugin by
 * {@linkplain DatabaseConfigBuilder#withDriver name} or else by URL. All methods are thread-safe.
 *
 * @since 0.1
 */
public final class Database {
    private Database() {
    }

    /** The installed driver plugins, sorted by name. */
    public static List<DatabaseDriver> drivers() {
        return Drivers.all();
    }

    /**
     * The installed driver called {@code name} (ignoring case).
     *
     * @throws IllegalArgumentException if none is, listing the installed ones
     */
    public static DatabaseDriver driver(String name) {
        return Drivers.byName(Check.notBlank(name, "name").trim());
    }

    /**
     * The first installed driver (by name) that accepts {@code jdbcUrl}.
     *
     * @throws IllegalArgumentException if none does, listing the installed ones
     */
    public static DatabaseDriver driverFor(String jdbcUrl) {
        return Drivers.byUrl(Check.notBlank(jdbcUrl, "jdbcUrl").trim());
    }

    /**
     * A strategy with one connection, opened on first use and handed to one thread at a time;
     * others wait up to the connection timeout. Suits one worker, or SQLite in-memory databases.
     *
     * @throws IllegalArgumentException if no installed driver fits the config
     */
    public static ConnectionStrategy singleConnection(DatabaseConfig config) {
        return new SingleConnectionStrategy(Check.notNull(config, "config"));
    }

    /**
     * Opens a HikariCP pool of {@link DatabaseConfig#poolSize()} connections named
     * {@link DatabaseConfig#poolName()}, registered under that name until closed. One
     * connection is opened at once so bad settings fail here; checkout waits at most
     * {@link DatabaseConfig#connectionTimeout()}, then throws {@link ConnectionTimeoutException}.
     *
     * @throws IllegalArgumentException if no installed driver fits the config
     * @throws IllegalStateException    if a pool of that name is already open
     * @throws DatabaseException        if the database refused or could not be reached (cause chain attached)
     */
    public static ConnectionStrategy pool(DatabaseConfig config) {
        return Pools.open(Check.notNull(config, "config"));
    }

    /**
     * The open pool called {@code name}.
     *
     * @throws IllegalArgumentException if no open pool has that name (the message lists the open ones)
     */
    public static ConnectionStrategy pool(String name) {
        return Pools.get(Check.notBlank(name, "name"));
    }

    /** The names of the open pools, sorted. */
    public static List<String> pools() {
        return Pools.names();
    }
}
