package io.multirunnable.tests.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multirunnable.sync.Sync;
import io.multirunnable.sync.spi.SyncProvider;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Which SyncProvider is used, on the module path: default "local", or chosen by name in code or by system property. */
class SyncProviderSelectionTest {

    @AfterEach
    void clearProperty() {
        System.clearProperty(SyncProvider.PROPERTY);
    }

    @Test
    void localIsTheDefaultAndIsFoundThroughTheModuleDescriptor() {
        assertThat(Sync.providers()).extracting(SyncProvider::name).containsExactly("local");
        assertThat(Sync.provider().name()).isEqualTo("local");
        assertThat(Sync.provider().getClass().getModule().getName()).isEqualTo("io.multirunnable.core");
        assertThat(Sync.lock().getClass().getModule().getName()).isEqualTo("io.multirunnable.core");
    }

    @Test
    void explicitByNameInCode() {
        SyncProvider local = Sync.provider("LOCAL");
        assertThat(local.name()).isEqualTo("local");
        assertThat(local.newSemaphore("slots", 3).name()).isEqualTo("slots");
        assertThatThrownBy(() -> Sync.provider("redis")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Unknown SyncProvider 'redis' (from Sync.provider(name)); installed: [local]");
    }

    @Test
    void explicitBySystemProperty() {
        System.setProperty(SyncProvider.PROPERTY, "local");
        assertThat(Sync.lock("a").name()).isEqualTo("a");
        System.setProperty(SyncProvider.PROPERTY, "redis");
        assertThatThrownBy(() -> Sync.lock("a")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Unknown SyncProvider 'redis' (from system property multirunnable.sync); installed: [local]");
    }

    @Test
    void generatedNamesAreDistinct() {
        assertThat(Sync.lock().name()).matches("lock-\\d+");
        assertThat(Sync.boundedSemaphore(2).name()).matches("bounded-semaphore-\\d+");
        assertThat(Sync.event().name()).isNotEqualTo(Sync.event().name());
    }

    @Test
    void classPathUsersFindTheProviderThroughMetaInfServices() throws Exception {
        Module core = Sync.provider().getClass().getModule();
        try (InputStream in = core.getResourceAsStream("META-INF/services/io.multirunnable.sync.spi.SyncProvider")) {
            assertThat(in).isNotNull();
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8).trim())
                    .isEqualTo("io.multirunnable.core.internal.sync.LocalSyncProvider");
        }
    }
}
