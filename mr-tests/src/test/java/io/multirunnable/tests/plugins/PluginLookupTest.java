package io.multirunnable.tests.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multirunnable.MultiRunnable;
import io.multirunnable.WorkerContext;
import io.multirunnable.retry.spi.RetryProvider;
import io.multirunnable.spi.RunnerProvider;
import io.multirunnable.sync.Sync;
import io.multirunnable.sync.spi.SyncProvider;
import org.junit.jupiter.api.Test;

/** The public look-ups that replaced the static methods on the SPI interfaces, and their deprecated forms. */
class PluginLookupTest {

    @Test
    void theNewLookUpsFindTheCoreProvidersAndCacheThem() {
        assertThat(MultiRunnable.runnerProvider().name()).isEqualTo("local");
        assertThat(MultiRunnable.runnerProvider()).isSameAs(MultiRunnable.runnerProvider());
        assertThat(MultiRunnable.runnerProviders()).extracting(RunnerProvider::name).containsExactly("local");
        assertThat(MultiRunnable.retryProvider().name()).isEqualTo("local");
        assertThat(MultiRunnable.retryProviders()).extracting(RetryProvider::name).containsExactly("local");
        assertThat(WorkerContext.current().isWorker()).isFalse();
    }

    @Test
    @SuppressWarnings("removal")
    void theDeprecatedStaticMethodsDelegateToTheNewPlace() {
        assertThat(RunnerProvider.installed()).isSameAs(MultiRunnable.runnerProvider());
        assertThat(RunnerProvider.all()).isEqualTo(MultiRunnable.runnerProviders());
        assertThat(RetryProvider.installed()).isSameAs(MultiRunnable.retryProvider());
        assertThat(RetryProvider.all()).isEqualTo(MultiRunnable.retryProviders());
        assertThat(SyncProvider.all()).isEqualTo(Sync.providers());
    }

    @Test
    void theSelectionPropertyIsReadOnEveryCall() {
        try {
            System.setProperty(RetryProvider.PROPERTY, "nope");
            assertThatThrownBy(MultiRunnable::retryProvider).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Unknown RetryProvider 'nope' (from system property multirunnable.retry); installed: [local]");
            System.setProperty(RetryProvider.PROPERTY, "LOCAL");
            assertThat(MultiRunnable.retryProvider().name()).isEqualTo("local");
        } finally {
            System.clearProperty(RetryProvider.PROPERTY);
        }
    }
}
