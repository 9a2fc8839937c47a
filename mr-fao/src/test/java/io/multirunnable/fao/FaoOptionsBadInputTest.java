package io.multirunnable.fao;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every refused option names the option, the value and the rule; nothing is written. */
class FaoOptionsBadInputTest {

    @TempDir
    Path dir;

    @Test
    void multiCharacterDelimiterQuoteAndEscape() {
        assertThatThrownBy(() -> CsvOptions.builder().withDelimiter("::")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("delimiter must be exactly one character but was \"::\" (2 characters)");
        assertThatThrownBy(() -> CsvOptions.builder().withDelimiter("")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("delimiter must be exactly one character but was \"\" (0 characters)");
        assertThatThrownBy(() -> CsvOptions.builder().withQuote("''")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("quote must be exactly one character but was \"''\" (2 characters)");
        assertThatThrownBy(() -> CsvOptions.builder().withEscape("\\\\")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("escape must be exactly one character but was \"\\\\\\\\\" (2 characters)");
        assertThatThrownBy(() -> CsvOptions.builder().withDelimiter('\n')).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("delimiter must not be a line break but was \"\\n\"");
        assertThatThrownBy(() -> CsvOptions.builder().withDelimiter((String) null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("delimiter must not be null");
    }

    @Test
    void delimiterEqualToQuoteOrEscape() {
        assertThatThrownBy(() -> CsvOptions.builder().withDelimiter("'").withQuote("'").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("delimiter and quote must differ but both were '''");
        assertThatThrownBy(() -> CsvOptions.builder().withDelimiter("\"").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("delimiter and quote must differ but both were '\"'");
        assertThatThrownBy(() -> CsvOptions.builder().withQuotePolicy(CsvOptions.QuotePolicy.NONE).withEscape(",").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("escape and delimiter must differ (quotePolicy NONE escapes the delimiter) but both were ','");
        // the escape character is only used by NONE: no conflict otherwise
        assertThat(CsvOptions.builder().withDelimiter("\\").build().delimiter()).isEqualTo('\\');
    }

    @Test
    void lineSeparatorCharsetAndMark() {
        assertThatThrownBy(() -> CsvOptions.builder().withLineSeparator("\r"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("lineSeparator must be \"\\r\\n\" or \"\\n\" but was \"\\r\"");
        assertThatThrownBy(() -> CsvOptions.builder().withCharset("UTF-9")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("charset \"UTF-9\" is not a charset this JVM supports; the valid names are the keys and "
                        + "aliases of java.nio.charset.Charset.availableCharsets() (e.g. UTF-8, ISO-8859-1, windows-1252, UTF-16)");
        assertThatThrownBy(() -> CsvOptions.builder().withCharset("bad name!")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("charset \"bad name!\" is not a charset this JVM supports;");
        assertThatThrownBy(() -> CsvOptions.builder().withCharset("x-UTF-16LE-BOM"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("charset x-UTF-16LE-BOM starts every piece of text it encodes with a byte-order mark, which "
                        + "would repeat it inside the file; use the charset without the mark (e.g. UTF-16LE) and "
                        + "withByteOrderMark(true)");
        assertThatThrownBy(() -> CsvOptions.builder().withCharset(StandardCharsets.ISO_8859_1).withByteOrderMark(true).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("byteOrderMark needs a Unicode charset (UTF-8, UTF-16, UTF-16BE, UTF-16LE, UTF-32...) but "
                        + "charset was ISO-8859-1");
        assertThat(CsvOptions.builder().withCharset("latin1").build().charset()).isEqualTo(StandardCharsets.ISO_8859_1);
    }

    @Test
    void builderNullsAndGzipLevel() {
        assertThatThrownBy(() -> Fao.builder().withCsvOptions(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("csvOptions must not be null");
        assertThatThrownBy(() -> Fao.builder().withJsonOptions(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("jsonOptions must not be null");
        assertThatThrownBy(() -> Fao.builder().withCompression(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("compression must not be null");
        assertThatThrownBy(() -> Fao.builder().withGzipLevel(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("gzipLevel must be between 1 (fastest) and 9 (smallest) but was 0");
        FaoConfig c = Fao.builder().toConfig();
        assertThat(c.csvOptions()).isEqualTo(CsvOptions.defaults());
        assertThat(c.jsonOptions().isPretty()).isFalse();
        assertThat(c.compression()).isEqualTo(Compression.AUTO);
        assertThat(c.gzipLevel()).isEqualTo(6);
    }

    @Test
    void compressionThatContradictsTheFileName() throws IOException {
        Path plain = dir.resolve("out.csv");
        Path gz = dir.resolve("out.csv.gz");
        try (Fao fao = Fao.builder().withCompression(Compression.GZIP).build()) {
            assertThatThrownBy(() -> fao.save("csv", plain, List.of(List.of(1))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("path " + plain + " does not end with '.gz' but compression is GZIP, which writes gzip "
                            + "data; name it out.csv.gz (or give no extension to get .csv.gz)");
        }
        try (Fao fao = Fao.builder().withCompression(Compression.NONE).build()) {
            assertThatThrownBy(() -> fao.save("csv", gz, List.of(List.of(1))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("path " + gz + " ends with '.gz' but compression is NONE, which writes plain files; "
                            + "remove '.gz' or use Compression.AUTO or GZIP");
        }
        try (Fao fao = Fao.builder().withStrategy(SavingStrategy.ALL_THREADS_ONE_FILE).build()) {
            io.multirunnable.fao.spi.FileFormat noGzip = new io.multirunnable.fao.spi.FileFormat() {
                public String name() {
                    return "fixed";
                }

                public String extension() {
                    return "fx";
                }

                public boolean supportsAppend() {
                    return false;
                }

                public io.multirunnable.fao.spi.RowWriter open(java.io.OutputStream out, java.io.InputStream existing,
                                                                io.multirunnable.fao.spi.FormatSettings settings) {
                    throw new AssertionError("never opened");
                }
            };
            Path fx = dir.resolve("out.fx.gz");
            assertThatThrownBy(() -> fao.save(noGzip, fx, null, List.of(List.of(1))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("format 'fixed' cannot be gzip-compressed (path " + fx + ", compression AUTO); only "
                            + "formats writing a plain byte stream can, such as csv, json and jsonl");
        }
        try (var files = Files.list(dir)) {
            assertThat(files.toList()).isEmpty(); // nothing written, not even a temporary file
        }
    }

    @Test
    void textTheCharsetCannotEncodeFailsTheSave() throws IOException {
        Path out = dir.resolve("ascii.csv");
        Files.writeString(out, "old\r\n");
        Fao fao = Fao.builder().withStrategy(SavingStrategy.ALL_THREADS_ONE_FILE).withWriteMode(WriteMode.APPEND)
                .withCsvOptions(CsvOptions.builder().withCharset("US-ASCII").build()).build();
        assertThatThrownBy(() -> fao.save("csv", out, List.of("name"), List.of(List.of("Zoë"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("value \"Zoë\" cannot be written in charset US-ASCII (CsvOptions charset): it holds characters "
                        + "that charset lacks; choose a charset that has them, such as UTF-8");
        fao.close();
        assertThat(Files.readString(out)).isEqualTo("old\r\n"); // the existing file is untouched
        try (var files = Files.list(dir)) {
            assertThat(files.toList()).containsExactly(out);
        }
    }
}
