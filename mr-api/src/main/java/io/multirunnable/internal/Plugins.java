package io.multirunnable.internal;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Plugin loading shared by every MultiRunnable SPI, in the manner of SLF4J 2: a broken plugin
 * is reported and skipped, never fatal to the others. Selection and caching are
 * {@link PluginRegistry}'s job.
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
}
