package io.multirunnable.fao.fastexcel.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multirunnable.fao.Fao;
import io.multirunnable.fao.spi.FormatSettings;
import io.multirunnable.fao.spi.RowWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/** White-box checks; the round trip against POI's reader is mr-tests' XlsxWritersTest. */
class FastexcelFormatTest {

    @Test
    void isInstalledAndIsWhatXlsxMeansHere() {
        assertThat(Fao.installedFormats()).contains("xlsx", "xlsx-fastexcel");
        assertThat(Fao.format("xlsx").name()).isEqualTo("xlsx-fastexcel");
        FastexcelFormat f = new FastexcelFormat();
        assertThat(f.extension()).isEqualTo("xlsx");
        assertThat(f.supportsAppend()).isFalse();
        assertThat(f.supportsSheets()).isTrue();
        assertThat(f.writesSheetsInParallel()).isTrue();
    }

    @Test
    void refusesExistingContentNamingTheOtherWriter() {
        assertThatThrownBy(() -> new FastexcelFormat().open(new ByteArrayOutputStream(), new ByteArrayInputStream(new byte[1]),
                new FormatSettings(List.of(), false)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("format 'xlsx-fastexcel' cannot append to an existing workbook (fastexcel only writes); "
                        + "use WriteMode.TRUNCATE, or format 'xlsx-poi', which can append");
    }

    @Test
    void writesInlineStringsAndStylesDateRunsAsRanges() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RowWriter w = new FastexcelFormat().open(out, null, new FormatSettings(List.of("a", "b"), false));
        for (int i = 0; i < 3; i++) {
            w.write(List.of("t" + i, java.time.LocalDate.of(2024, 1, 1 + i)));
        }
        w.close();
        String sheet = entry(out.toByteArray(), "xl/worksheets/sheet1.xml");
        assertThat(sheet).contains("<is><t>t0</t></is>").doesNotContain("t=\"s\"");
        // header row unstyled, the three dates share one date style
        assertThat(sheet.split(" s=\"1\"", -1)).hasSize(4);
        assertThat(entry(out.toByteArray(), "xl/styles.xml")).contains("formatCode=\"yyyy-mm-dd\"");
    }

    /**
     * One entry, read through the zip's central directory ({@link ZipFile}, as Excel and POI do):
     * fastexcel's zip writer (opczip) leaves sizes out of the local headers, which
     * {@code ZipInputStream} cannot stream.
     */
    private static String entry(byte[] zip, String name) throws Exception {
        Path file = Files.createTempFile("fastexcel-test", ".xlsx");
        try {
            Files.write(file, zip);
            try (ZipFile z = new ZipFile(file.toFile())) {
                ZipEntry e = z.getEntry(name);
                if (e == null) {
                    throw new AssertionError(name + " not in the workbook");
                }
                try (InputStream in = z.getInputStream(e)) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        } finally {
            Files.delete(file);
        }
    }
}
