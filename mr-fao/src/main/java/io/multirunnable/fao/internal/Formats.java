package io.multirunnable.fao.internal;

import io.multirunnable.fao.spi.FileFormat;
import io.multirunnable.internal.PluginRegistry;
import io.multirunnable.internal.Plugins;
import java.util.List;
import java.util.ServiceLoader;

/** The installed {@link FileFormat} plugins, found once with {@link ServiceLoader} (see {@link PluginRegistry}). */
public final class Formats {
    // The loader is created here: this module declares `uses FileFormat`.
    private static final PluginRegistry<FileFormat> REGISTRY = new PluginRegistry<>(FileFormat.class,
            FileFormat::name, () -> Plugins.loadAll(ServiceLoader.load(FileFormat.class), FileFormat.class),
            null, null, "io.multirunnable.fao (Maven artifact io.multirunnable:mr-fao)");

    private Formats() {
    }

    /** Every installed format, ordered by name (broken plugins are logged and skipped). */
    public static List<FileFormat> installed() {
        return REGISTRY.all();
    }

    /** The installed format called {@code name}, else an error listing the installed names. */
    public static FileFormat byName(String name) {
        return REGISTRY.byName(name.trim(), "the format argument of save");
    }
}
