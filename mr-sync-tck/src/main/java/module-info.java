/**
 * The test kit of {@code SyncProvider} plugins: extend
 * {@link io.multirunnable.sync.tck.SyncProviderContract} in your provider's tests and the
 * semantics and the jqwik bound properties of every primitive run against your provider. Use it
 * with test scope; it brings jqwik and AssertJ.
 *
 * <p>Open, so that jqwik can call the inherited properties wherever the kit sits (module path or
 * class path).
 *
 * @since 0.2
 */
open module io.multirunnable.sync.tck {
    requires transitive io.multirunnable.api;
    requires transitive net.jqwik.api;
    requires org.assertj.core;

    exports io.multirunnable.sync.tck;
}
