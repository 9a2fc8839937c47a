package io.multirunnable.fao.internal;

import io.multirunnable.fao.spi.FileFormat;
import io.multirunnable.internal.PluginRegistry;
import io.multirunnable.internal.Plugins;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The installed {@link FileFormat} plugins, found once with {@link ServiceLoader} (see {@link PluginRegistry}).
 *
 * <p>Families: a format named {@code family-implementation} (e.g. {@code xlsx-fastexcel}) also
 * answers to {@code family} when no format has that exact name. Among a family's installed
 * implementations, the system property {@code io.multirunnable.fao.<family>} chooses (read on
 * every call), else the preferred one ({@code xlsx-fastexcel} for {@code xlsx}: the faster
 * writer), else the first by name.
 */
public final class Formats {
    /** The implementation a family name means when several are installed and no property says. */
    private static final Map<String, String> PREFERRED = Map.of("xlsx", "xlsx-fastexcel");
    // The loader is created here: this module declares `uses FileFormat`.
    private static final PluginRegistry<FileFormat> REGISTRY = new PluginRegistry<>(FileFormat.class,
            FileFormat::name, () -> Plugins.loadAll(ServiceLoader.load(FileFormat.class), FileFormat.class),
            null, null, "io.multirunnable.fao (Maven artifact io.multirunnable:mr-fao)");
    private static final Map<String, PluginRegistry<FileFormat>> FAMILIES = new ConcurrentHashMap<>();

    private Formats() {
    }

    /** Every installed format, ordered by name (broken plugins are logged and skipped). */
    public static List<FileFormat> installed() {
        return REGISTRY.all();
    }

    /** The names users may pass: every installed format's, and each family name, sorted. */
    public static List<String> names() {
        TreeSet<String> names = new TreeSet<>();
        for (FileFormat f : installed()) {
            names.add(f.name());
            String family = familyOf(f.name());
            if (family != null) {
                names.add(family);
            }
        }
        return List.copyOf(names);
    }

    /** The installed format called {@code name}, or the chosen one of family {@code name}; else an error listing the names. */
    public static FileFormat byName(String name) {
        String n = name.trim();
        String family = n.toLowerCase(Locale.ROOT);
        boolean exact = installed().stream().anyMatch(f -> f.name().equalsIgnoreCase(n));
        if (!exact && installed().stream().anyMatch(f -> family.equals(familyOf(f.name())))) {
            return FAMILIES.computeIfAbsent(family, Formats::family).selected();
        }
        try {
            return REGISTRY.byName(n, "the format argument of save");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Unknown FileFormat '" + n + "' (from the format argument of save); installed: "
                    + names(), e);
        }
    }

    private static PluginRegistry<FileFormat> family(String family) {
        return new PluginRegistry<>(FileFormat.class, FileFormat::name, () -> {
            List<FileFormat> members = new ArrayList<>();
            for (FileFormat f : installed()) {
                if (family.equals(familyOf(f.name()))) {
                    members.add(f);
                }
            }
            return members;
        }, "io.multirunnable.fao." + family, PREFERRED.get(family), "io.multirunnable.fao (Maven artifact io.multirunnable:mr-fao)");
    }

    private static String familyOf(String name) {
        int dash = name.indexOf('-');
        return dash > 0 ? name.substring(0, dash).toLowerCase(Locale.ROOT) : null;
    }
}
