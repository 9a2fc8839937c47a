package io.multirunnable.internal;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Plugin discovery shared by every MultiRunnable SPI, in the manner of SLF4J 2: a broken
 * plugin is reported and skipped, never fatal to the others; an explicit choice by name wins;
 * when none is found the error says which module to add.
 *
 * <p>The {@link ServiceLoader} is created by the caller, because only the module that
 * declares {@code uses} may load a service.
 */
public final class Plugins {
    private static final System.Logger LOG = System.getLogger(Plugins.class.getName());

    private Plugins() {
    }

    /**
     * Instantiates every provider the loader finds, skipping (and logging) those that fail to
     * load or instantiate.
     */
    public static <S> List<S> loadAll(ServiceLoader<S> loader, Class<S> service) {
        List<S> found = new ArrayList<>();
        Iterator<ServiceLoader.Provider<S>> it = loader.stream().iterator();
        while (true) {
            ServiceLoader.Provider<S> provider;
            try {
                if (!it.hasNext()) {
                    break;
                }
                provider = it.next();
            } catch (ServiceConfigurationError e) {
                LOG.log(Level.WARNING, "Skipping a broken " + service.getSimpleName() + " plugin: " + e.getMessage(), e);
                continue;
            }
            try {
                found.add(provider.get());
            } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                LOG.log(Level.WARNING, "Skipping " + service.getSimpleName() + " plugin " + provider.type().getName()
                        + " that failed to start: " + e, e);
            }
        }
        return List.copyOf(found);
    }

    /**
     * Chooses one provider: the one named by the system property {@code property} if set
     * (unknown name → error listing the installed ones), else the first found.
     *
     * @param moduleHint what to add when nothing is installed, e.g.
     *                   {@code "io.multirunnable.core (Maven artifact io.multirunnable:mr-core)"}
     */
    public static <S> S select(List<S> providers, Class<S> service, Function<S, String> nameOf,
                               String property, String moduleHint) {
        String wanted = System.getProperty(property);
        if (providers.isEmpty()) {
            throw new IllegalStateException("No " + service.getSimpleName()
                    + " found on the module path or class path: add the module " + moduleHint);
        }
        if (wanted == null || wanted.isBlank()) {
            return providers.get(0);
        }
        return byName(providers, service, nameOf, wanted.trim(), "system property " + property);
    }

    /** The provider called {@code name}, else an error naming {@code source} and listing the installed names. */
    public static <S> S byName(List<S> providers, Class<S> service, Function<S, String> nameOf,
                               String name, String source) {
        for (S p : providers) {
            if (nameOf.apply(p).equalsIgnoreCase(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("Unknown " + service.getSimpleName() + " '" + name + "' (from " + source
                + "); installed: " + names(providers, nameOf));
    }

    /** The names of the providers, as {@code [a, b]}. */
    public static <S> String names(List<S> providers, Function<S, String> nameOf) {
        return providers.stream().map(nameOf).collect(Collectors.joining(", ", "[", "]"));
    }
}
