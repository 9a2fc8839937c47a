package io.multirunnable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multirunnable.sync.SyncPrimitive;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** withFeature/withFeatures on both builders, the configs that carry features, and WorkerContext look-ups. */
class FeaturesBuilderTest {
    /** A named primitive as the builders see one: only its name matters to them. */
    private record Named(String name) implements SyncPrimitive {
    }

    @Test
    void executorBuilderCarriesFeaturesInOrder() {
        Named a = new Named("a");
        Named b = new Named("b");
        ExecutorConfig config = SimpleExecutor.builder(RunningMode.CONCURRENT).withWorkers(2)
                .withFeature(b).withFeature("counter", 7).withFeatures(a).toConfig();
        assertThat(config.features()).containsExactly(Map.entry("b", b), Map.entry("counter", 7), Map.entry("a", a));
        assertThatThrownBy(() -> config.features().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void poolBuilderCarriesFeatures() {
        Named a = new Named("a");
        PoolConfig config = SimplePool.builder(RunningMode.GREEN_THREAD).withWorkers(3).withFeatures(a).toConfig();
        assertThat(config.features()).containsExactly(Map.entry("a", a));
        assertThat(new PoolConfig(RunningMode.CONCURRENT, 1, "p").features()).isEmpty();
        assertThat(new ExecutorConfig(RunningMode.CONCURRENT, 1, "e").features()).isEmpty();
    }

    @Test
    void badFeaturesAreRejectedWithExactMessages() {
        SimpleExecutorBuilder e = SimpleExecutor.builder(RunningMode.CONCURRENT).withFeature(new Named("lock-1"));
        assertThatThrownBy(() -> e.withFeature(new Named("lock-1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("feature 'lock-1' is already set; give each feature its own name");
        assertThatThrownBy(() -> e.withFeature((SyncPrimitive) null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("feature must not be null");
        assertThatThrownBy(() -> e.withFeature("x", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("feature must not be null");
        assertThatThrownBy(() -> e.withFeature(" ", 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("feature name must not be blank");
        SimplePoolBuilder p = SimplePool.builder(RunningMode.CONCURRENT);
        assertThatThrownBy(() -> p.withFeatures(new Named("a"), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("primitives[1] must not be null");
        assertThatThrownBy(() -> p.withFeatures((SyncPrimitive[]) null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("primitives must not be null");
        Map<String, Object> withNull = new LinkedHashMap<>();
        withNull.put("x", null);
        assertThatThrownBy(() -> new ExecutorConfig(RunningMode.CONCURRENT, 1, "e", withNull))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("feature 'x' must not be null");
        assertThatThrownBy(() -> new PoolConfig(RunningMode.CONCURRENT, 1, "p", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("features must not be null");
    }

    /** A context as a provider would make it, carrying the features of its executor. */
    private record Ctx(Map<String, Object> features) implements WorkerContext {
        public String name() { return "e-worker-1"; }
        public long id() { return 1; }
        public String parent() { return "main"; }
        public int activeCount() { return 1; }
        public RunningMode mode() { return RunningMode.CONCURRENT; }
        public boolean isWorker() { return true; }
    }

    @Test
    void workerContextFindsFeaturesByTypeAndName() {
        Named a = new Named("a");
        Ctx ctx = new Ctx(new ExecutorConfig(RunningMode.CONCURRENT, 1, "e", Map.of("a", a, "n", 5)).features());
        assertThat(ctx.feature(Named.class)).isSameAs(a);
        assertThat(ctx.feature("n", Integer.class)).isEqualTo(5);
        assertThatThrownBy(() -> ctx.feature(String.class)).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("worker 'e-worker-1' has no feature of type String (features: [")
                .hasMessageEndingWith("]); give one to its executor or pool with withFeature(...)");
        assertThatThrownBy(() -> ctx.feature("zzz", Integer.class)).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("worker 'e-worker-1' has no feature named 'zzz' (features: [");
        assertThatThrownBy(() -> ctx.feature("n", String.class)).isInstanceOf(IllegalStateException.class)
                .hasMessage("feature 'n' of worker 'e-worker-1' is not a String but 5");
        Ctx two = new Ctx(SimpleExecutor.builder(RunningMode.CONCURRENT).withFeatures(a, new Named("b")).toConfig().features());
        assertThatThrownBy(() -> two.feature(Named.class)).isInstanceOf(IllegalStateException.class)
                .hasMessage("worker 'e-worker-1' has 2 features of type Named [a, b]; ask for one by name with feature(name, Named.class)");
        assertThat(List.of(two.feature("b", SyncPrimitive.class).name())).containsExactly("b");
    }
}
