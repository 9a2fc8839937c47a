package io.multirunnable.fao.internal;

import io.multirunnable.fao.spi.FileFormat;
import io.multirunnable.internal.Plugins;
import java.util.List;
import java.util.ServiceLoader;

/** The installed {@link FileFormat} plugins, found once with {@link ServiceLoader}. */
public final class Formats {
    private static volatile List<FileFormat> installed;

    private Formats() {
    }

    /** Every installed format (broken plugins are logged and skipped). */
    public static List<FileFormat> installed() {
        List<FileFormat> list = installed;
        if (list == null) {
            list = Plugins.loadAll(ServiceLoader.load(FileFormat.class), FileFormat.class);
            installed = list;
        }
        return list;
    }

    /** The installed format called {@code name}, else an error listing the installed names. */
    public static FileFormat byName(String name) {
        return Plugins.byName(installed(), FileFormat.class, FileFormat::name, name.trim(), "the format argument of save");
    }
}
