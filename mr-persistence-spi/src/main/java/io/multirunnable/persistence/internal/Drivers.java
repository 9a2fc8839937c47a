package io.multirunnable.persistence.internal;

import io.multirunnable.internal.PluginRegistry;
import io.multirunnable.internal.Plugins;
import io.multirunnable.persistence.spi.DatabaseDriver;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/** The installed driver plugins, found once with ServiceLoader and cached (see {@link PluginRegistry}). */
public final class Drivers {
    // The loader is created here: this module declares `uses DatabaseDriver`.
    private static final PluginRegistry<DatabaseDriver> REGISTRY = new PluginRegistry<>(DatabaseDriver.class,
            DatabaseDriver::name, () -> Plugins.loadAll(ServiceLoader.load(DatabaseDriver.class), DatabaseDriver.class),
            null, null, "of a driver plugin, e.g. io.multirunnable.persistence.sqlite");

    private Drivers() {
    }

    /** Every installed driver plugin, broken ones logged and skipped, sorted by name. */
    public static List<DatabaseDriver> all() {
        return REGISTRY.all();
    }

    /** The driver called {@code name}; unknown → IllegalArgumentException listing the installed ones. */
    public static DatabaseDriver byName(String name) {
        return REGISTRY.byName(name, "driver name");
    }

    /** The first driver accepting {@code url}; none → IllegalArgumentException listing the installed ones. */
    public static DatabaseDriver byUrl(String url) {
        for (DatabaseDriver d : all()) {
            if (d.accepts(url)) {
                return d;
            }
        }
        throw new IllegalArgumentException("No DatabaseDriver accepts the JDBC URL '" + Redact.url(url) + "'; installed: "
                + describe() + ". Add the driver plugin module (e.g. io.multirunnable.persistence.postgres) or choose one by name");
    }

    /** Installed drivers as {@code [mysql (jdbc:mysql:), ...]}. */
    public static String describe() {
        return all().stream().map(d -> d.name() + " " + d.urlPrefixes())
                .collect(Collectors.joining(", ", "[", "]"));
    }

    /** Names of the installed drivers, as {@code [a, b]}. */
    public static String names() {
        return REGISTRY.names();
    }
}
