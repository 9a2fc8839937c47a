package io.multirunnable.internal;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The one way MultiRunnable finds its plugins (runners, retry engines, sync providers, database
 * drivers, file formats). One instance per service:
 * <ul>
 *   <li>discovers on first use and caches the result; an empty result is not cached, so a
 *       "none found" error is raised again (not turned into a cached failure) on the next call;</li>
 *   <li>orders providers by name (case-insensitive, then by class name), so the choice does not
 *       depend on class-path order;</li>
 *   <li>warns once, through {@link System.Logger}, when two providers claim the same name (the
 *       first in that order wins);</li>
 *   <li>selects: the provider named by the system property, read on every call, else the
 *       preferred name if installed, else the first by name;</li>
 *   <li>keeps the standard messages: "No X found on the module path or class path: add the
 *       module M" and "Unknown X 'n' (from source); installed: [a, b]".</li>
 * </ul>
 *
 * <p>The discovery function is supplied by the caller, because only the module that declares
 * {@code uses} may create the {@link java.util.ServiceLoader}: pass
 * {@code () -> Plugins.loadAll(ServiceLoader.load(S.class), S.class)}.
 *
 * <p>Thread-safe: the first caller discovers under a lock, later callers read the cached list
 * without locking.
 *
 * @param <S> the service type
 */
public final class PluginRegistry<S> {
    private static final System.Logger LOG = System.getLogger(PluginRegistry.class.getName());

    private final Class<S> service;
    private final Function<S, String> nameOf;
    private final Supplier<List<S>> discover;
    private final String property;
    private final String preferred;
    private final String moduleHint;
    private final Consumer<String> warn;
    private final ReentrantLock discovering = new ReentrantLock();
    private volatile List<S> installed;

    /**
     * @param service    the service interface, named in messages by its simple name
     * @param nameOf     a provider's name
     * @param discover   finds every provider (broken ones skipped), in any order
     * @param property   the selection system property, or {@code null} when there is none
     * @param preferred  the name chosen when the property is unset, or {@code null} for "first by name"
     * @param moduleHint what to add when nothing is installed, e.g.
     *                   {@code "io.multirunnable.core (Maven artifact io.multirunnable:mr-core)"}
     */
    public PluginRegistry(Class<S> service, Function<S, String> nameOf, Supplier<List<S>> discover,
                          String property, String preferred, String moduleHint) {
        this(service, nameOf, discover, property, preferred, moduleHint, message -> LOG.log(Level.WARNING, message));
    }

    /** As the public constructor, with the warnings sent to {@code warn} (tests read them). */
    PluginRegistry(Class<S> service, Function<S, String> nameOf, Supplier<List<S>> discover,
                   String property, String preferred, String moduleHint, Consumer<String> warn) {
        this.warn = warn;
        this.service = Check.notNull(service, "service");
        this.nameOf = Check.notNull(nameOf, "nameOf");
        this.discover = Check.notNull(discover, "discover");
        this.property = property;
        this.preferred = preferred;
        this.moduleHint = Check.notBlank(moduleHint, "moduleHint");
    }

    /** Every installed provider, ordered by name; unmodifiable, possibly empty. */
    public List<S> all() {
        List<S> list = installed;
        if (list != null) {
            return list;
        }
        // Under a lock so that a name clash is reported once, not once per racing thread.
        discovering.lock();
        try {
            list = installed;
            if (list == null) {
                list = order(discover.get());
                if (!list.isEmpty()) {
                    installed = list;
                }
            }
            return list;
        } finally {
            discovering.unlock();
        }
    }

    /**
     * The provider to use: the one named by the system property if set, else the preferred one
     * if installed, else the first by name.
     *
     * @throws IllegalStateException    if none is installed (names the module to add)
     * @throws IllegalArgumentException if the property names a provider that is not installed
     */
    public S selected() {
        List<S> all = all();
        if (all.isEmpty()) {
            throw new IllegalStateException("No " + service.getSimpleName()
                    + " found on the module path or class path: add the module " + moduleHint);
        }
        String wanted = property == null ? null : System.getProperty(property);
        if (wanted != null && !wanted.isBlank()) {
            return byName(wanted.trim(), "system property " + property);
        }
        if (preferred != null) {
            for (S p : all) {
                if (preferred.equalsIgnoreCase(nameOf.apply(p))) {
                    return p;
                }
            }
        }
        return all.get(0);
    }

    /**
     * The provider called {@code name} (case-insensitive).
     *
     * @param source where the name came from, for the message, e.g. {@code "driver name"}
     * @throws IllegalArgumentException "Unknown X 'name' (from source); installed: [a, b]"
     */
    public S byName(String name, String source) {
        List<S> all = all();
        for (S p : all) {
            if (nameOf.apply(p).equalsIgnoreCase(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("Unknown " + service.getSimpleName() + " '" + name + "' (from " + source
                + "); installed: " + names());
    }

    /** The installed names, as {@code [a, b]}. */
    public String names() {
        return all().stream().map(nameOf).collect(Collectors.joining(", ", "[", "]"));
    }

    private List<S> order(List<S> found) {
        List<S> sorted = new ArrayList<>(found);
        sorted.sort(Comparator.comparing((S p) -> nameOf.apply(p).toLowerCase(Locale.ROOT))
                .thenComparing(p -> p.getClass().getName()));
        warnAboutClashes(sorted);
        return List.copyOf(sorted);
    }

    /** Discovery runs once per cached list, so each clash is reported once. */
    private void warnAboutClashes(List<S> sorted) {
        Map<String, List<String>> byName = new LinkedHashMap<>();
        for (S p : sorted) {
            byName.computeIfAbsent(nameOf.apply(p).toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(p.getClass().getName());
        }
        byName.forEach((name, classes) -> {
            if (classes.size() > 1) {
                warn.accept(classes.size() + " " + service.getSimpleName() + " plugins claim the name '" + name
                        + "': " + classes + "; using " + classes.get(0) + " (first by class name). Remove one of them.");
            }
        });
    }
}
