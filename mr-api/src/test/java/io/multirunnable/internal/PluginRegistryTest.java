package io.multirunnable.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The one plugin registry: caching, stable order, selection, clashes and the standard messages. */
class PluginRegistryTest {
    private static final String PROPERTY = "mr.test.registry";

    /** A plugin whose class name differs from its name, so ties are ordered by class. */
    interface Plugin {
        String name();
    }

    record Alpha(String name) implements Plugin {
    }

    record Beta(String name) implements Plugin {
    }

    private final List<String> warnings = new CopyOnWriteArrayList<>();

    @AfterEach
    void clearProperty() {
        System.clearProperty(PROPERTY);
    }

    private PluginRegistry<Plugin> registry(Supplier<List<Plugin>> discover, String preferred) {
        return new PluginRegistry<>(Plugin.class, Plugin::name, discover, PROPERTY, preferred, "io.example.core",
                warnings::add);
    }

    @Test
    void ordersByNameWhateverTheDiscoveryOrder() {
        List<Plugin> found = new ArrayList<>(List.of(new Alpha("zk"), new Beta("Local"), new Alpha("redis")));
        for (int i = 0; i < 5; i++) {
            Collections.shuffle(found);
            List<Plugin> snapshot = List.copyOf(found);
            assertThat(registry(() -> snapshot, null).all()).extracting(Plugin::name).containsExactly("Local", "redis", "zk");
        }
    }

    @Test
    void discoversOnceAndCaches() {
        AtomicInteger calls = new AtomicInteger();
        PluginRegistry<Plugin> registry = registry(() -> {
            calls.incrementAndGet();
            return List.of(new Alpha("local"));
        }, null);
        registry.all();
        registry.selected();
        registry.byName("LOCAL", "test");
        assertThat(calls).hasValue(1);
    }

    @Test
    void anEmptyDiscoveryIsNotCachedAndSaysWhichModuleToAdd() {
        AtomicInteger calls = new AtomicInteger();
        List<Plugin> later = new CopyOnWriteArrayList<>();
        PluginRegistry<Plugin> registry = registry(() -> {
            calls.incrementAndGet();
            return List.copyOf(later);
        }, null);
        assertThatThrownBy(registry::selected).isInstanceOf(IllegalStateException.class)
                .hasMessage("No Plugin found on the module path or class path: add the module io.example.core");
        later.add(new Alpha("local"));
        assertThat(registry.selected().name()).isEqualTo("local");
        assertThat(calls).hasValue(2);
    }

    @Test
    void selectsThePropertyThenThePreferredThenTheFirstByName() {
        List<Plugin> found = List.of(new Alpha("zk"), new Alpha("local"), new Alpha("redis"));
        assertThat(registry(() -> found, "local").selected().name()).isEqualTo("local");
        assertThat(registry(() -> found, "absent").selected().name()).isEqualTo("local");
        assertThat(registry(() -> found, null).selected().name()).isEqualTo("local");

        PluginRegistry<Plugin> registry = registry(() -> found, "local");
        System.setProperty(PROPERTY, " REDIS ");
        assertThat(registry.selected().name()).isEqualTo("redis");
        // Read on every call, not fixed by the first one.
        System.setProperty(PROPERTY, "zk");
        assertThat(registry.selected().name()).isEqualTo("zk");
        System.setProperty(PROPERTY, "etcd");
        assertThatThrownBy(registry::selected).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Unknown Plugin 'etcd' (from system property mr.test.registry); installed: [local, redis, zk]");
    }

    @Test
    void unknownNamesListTheInstalledOnes() {
        PluginRegistry<Plugin> registry = registry(() -> List.of(new Alpha("redis"), new Alpha("local")), null);
        assertThat(registry.byName("REDIS", "test").name()).isEqualTo("redis");
        assertThatThrownBy(() -> registry.byName("zk", "builder"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Unknown Plugin 'zk' (from builder); installed: [local, redis]");
        assertThat(registry.names()).isEqualTo("[local, redis]");
    }

    @Test
    void twoPluginsClaimingOneNameWarnOnceAndTheFirstByClassNameWins() throws Exception {
        List<Plugin> found = List.of(new Beta("local"), new Alpha("LOCAL"), new Alpha("redis"));
        PluginRegistry<Plugin> registry = registry(() -> found, "local");
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> racers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            racers.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                registry.selected();
            }));
        }
        start.countDown();
        for (Thread t : racers) {
            t.join();
        }
        registry.all();
        assertThat(registry.selected()).isInstanceOf(Alpha.class);
        assertThat(registry.byName("local", "test")).isInstanceOf(Alpha.class);
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0)).isEqualTo("2 Plugin plugins claim the name 'local': ["
                + Alpha.class.getName() + ", " + Beta.class.getName() + "]; using " + Alpha.class.getName()
                + " (first by class name). Remove one of them.");
    }
}
