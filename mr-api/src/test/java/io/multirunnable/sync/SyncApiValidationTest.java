package io.multirunnable.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Preconditions of the sync API that hold before any provider is involved. mr-api alone has no
 * provider installed, which also shows the "add the module" error.
 */
class SyncApiValidationTest {

    @Test
    void providerNamesMustNotBeBlank() {
        assertThatThrownBy(() -> Sync.provider("")).isInstanceOf(IllegalArgumentException.class).hasMessage("name must not be blank");
    }

    @Test
    void withoutAProviderTheErrorNamesTheModuleToAdd() {
        assertThat(Sync.providers()).isEmpty();
        assertThatThrownBy(Sync::lock).isInstanceOf(IllegalStateException.class)
                .hasMessage("No SyncProvider found on the module path or class path: add the module "
                        + "io.multirunnable.core (Maven artifact io.multirunnable:mr-core)");
        assertThatThrownBy(() -> Sync.provider("redis")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Unknown SyncProvider 'redis' (from Sync.provider(name)); installed: []");
    }

    @Test
    void runWithRejectsNullPrimitivesAndTasks() {
        assertThatThrownBy(() -> RunWith.lock(null, (Runnable) () -> { })).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("lock must not be null");
        assertThatThrownBy(() -> RunWith.semaphore(null, (Callable<Integer>) () -> 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("semaphore must not be null");
        assertThatThrownBy(() -> RunWith.lockSupplier(null, () -> 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("lock must not be null");
        assertThatThrownBy(() -> RunWith.semaphoreSupplier(null, () -> 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("semaphore must not be null");
        assertThatThrownBy(() -> RunWith.semaphore(null, (Function<Integer, Integer>) x -> x)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("semaphore must not be null");
        assertThatThrownBy(() -> Guard.of(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("primitive must not be null");
    }

    @Test
    void timeoutExceptionNamesPrimitiveAndTimeout() {
        SyncTimeoutException e = new SyncTimeoutException("Lock 'orders'", Duration.ofMillis(50));
        assertThat(e).hasMessage("timed out after PT0.05S waiting for Lock 'orders'");
        assertThat(e.primitive()).isEqualTo("Lock 'orders'");
        assertThat(e.timeout()).isEqualTo(Duration.ofMillis(50));
        assertThat(e).isInstanceOf(RuntimeException.class);
    }
}
