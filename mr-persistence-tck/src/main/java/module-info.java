/**
 * The test kit of {@code DatabaseDriver} plugins: extend
 * {@link io.multirunnable.persistence.tck.DatabaseDriverContract} in your plugin's tests and the
 * whole operator, DAO, batch, transaction, cursor, bad-input and concurrency contract runs against
 * your driver. Use it with test scope; it brings JUnit Jupiter's API and AssertJ.
 *
 * <p>Open, so that JUnit can call the inherited test methods wherever the kit sits (module path
 * or class path).
 *
 * @since 0.2
 */
open module io.multirunnable.persistence.tck {
    requires transitive io.multirunnable.persistence;
    requires transitive org.junit.jupiter.api;
    requires org.assertj.core;

    exports io.multirunnable.persistence.tck;
}
