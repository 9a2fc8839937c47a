package io.multirunnable.fao;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multirunnable.fao.spi.FormatSettings;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaoBuilderTest {

    @Test
    void defaults() {
        FaoConfig c = Fao.builder().toConfig();
        assertThat(c.strategy()).isEqualTo(SavingStrategy.ONE_THREAD_ONE_FILE);
        assertThat(c.writeMode()).isEqualTo(WriteMode.TRUNCATE);
        assertThat(c.zipFile()).isNull();
        assertThat(c.formulaProtection()).isFalse();
        assertThat(c.progressListener()).isNull();
    }

    @Test
    void settingsAreKept() {
        ProgressListener listener = (file, rows) -> { };
        FaoConfig c = Fao.builder().withStrategy(SavingStrategy.ONE_THREAD_ONE_FILE_AND_COMPRESS_ALL)
                .withWriteMode(WriteMode.APPEND).withZipFile(Path.of("a.zip")).withFormulaProtection(true)
                .onProgress(listener).toConfig();
        assertThat(c).isEqualTo(new FaoConfig(SavingStrategy.ONE_THREAD_ONE_FILE_AND_COMPRESS_ALL, WriteMode.APPEND,
                Path.of("a.zip"), true, listener));
        try (Fao fao = Fao.of(SavingStrategy.ALL_THREADS_ONE_FILE)) {
            assertThat(fao.config().strategy()).isEqualTo(SavingStrategy.ALL_THREADS_ONE_FILE);
            assertThat(fao.published()).isEmpty();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void nullsAreRefusedWithTheSettingsName() {
        assertThatThrownBy(() -> Fao.builder().withStrategy(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("strategy must not be null");
        assertThatThrownBy(() -> Fao.builder().withWriteMode(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("writeMode must not be null");
        assertThatThrownBy(() -> Fao.builder().withZipFile(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("zipFile must not be null");
        assertThatThrownBy(() -> Fao.builder().onProgress(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("listener must not be null");
    }

    @Test
    void zipFileNeedsTheZipStrategy() {
        for (SavingStrategy s : List.of(SavingStrategy.ONE_THREAD_ONE_FILE, SavingStrategy.ALL_THREADS_ONE_FILE)) {
            assertThatThrownBy(() -> Fao.builder().withZipFile(Path.of("x.zip")).withStrategy(s).build())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("zipFile (x.zip) compresses output, which needs strategy ONE_THREAD_ONE_FILE_AND_COMPRESS_ALL"
                            + " but strategy was " + s);
        }
    }

    @Test
    void formulaGuard() {
        FormatSettings on = new FormatSettings(List.of(), true);
        FormatSettings off = new FormatSettings(List.of(), false);
        for (String danger : List.of("=A1", "+1", "-1", "@x", "\tx", "\rx")) {
            assertThat(on.guard(danger)).isEqualTo("'" + danger);
            assertThat(off.guard(danger)).isEqualTo(danger);
        }
        assertThat(on.guard("safe")).isEqualTo("safe");
        assertThat(on.guard("")).isEqualTo("");
        assertThat(on.guard("a=b")).isEqualTo("a=b");
    }

    @Test
    void unknownFormatListsTheInstalledOnes() {
        assertThat(Fao.installedFormats()).containsExactly("csv", "json", "jsonl");
        assertThatThrownBy(() -> Fao.format("parquet")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Unknown FileFormat 'parquet' (from the format argument of save); installed: [csv, json, jsonl]");
        assertThat(Fao.format("CSV").name()).isEqualTo("csv");
    }
}
