package io.multirunnable.tests.retry;

import static org.assertj.core.api.Assertions.assertThat;

import io.multirunnable.MultiRunnable;
import io.multirunnable.retry.spi.RetryProvider;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The engine is declared for module-path users (provides/uses) and class-path users (META-INF/services). */
class RetryServiceDeclarationTest {

    @Test
    void declaredBothWays() throws Exception {
        Module core = ModuleLayer.boot().findModule("io.multirunnable.core").orElseThrow();
        Module api = RetryProvider.class.getModule();
        assertThat(api.getName()).isEqualTo("io.multirunnable.api");
        assertThat(api.getDescriptor().uses()).contains(RetryProvider.class.getName());
        assertThat(api.getDescriptor().exports()).extracting(ModuleDescriptor.Exports::source)
                .contains("io.multirunnable.retry", "io.multirunnable.retry.spi");
        assertThat(core.getDescriptor().provides()).anySatisfy(p -> {
            assertThat(p.service()).isEqualTo(RetryProvider.class.getName());
            assertThat(p.providers()).containsExactly("io.multirunnable.core.internal.retry.LocalRetryProvider");
        });
        assertThat(core.getDescriptor().exports()).isEmpty();
        try (InputStream in = core.getResourceAsStream("META-INF/services/" + RetryProvider.class.getName())) {
            assertThat(in).isNotNull();
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8).strip())
                    .isEqualTo("io.multirunnable.core.internal.retry.LocalRetryProvider");
        }
        assertThat(MultiRunnable.retryProvider().getClass().getModule()).isSameAs(core);
    }
}
