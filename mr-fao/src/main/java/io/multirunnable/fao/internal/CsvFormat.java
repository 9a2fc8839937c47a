package io.multirunnable.fao.internal;

import io.multirunnable.fao.spi.FileFormat;
import io.multirunnable.fao.spi.FormatSettings;
import io.multirunnable.fao.spi.RowWriter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * CSV (RFC 4180, UTF-8, CRLF line ends) with Apache Commons CSV. {@code null} is an empty field,
 * numbers and {@code java.time} values their {@code toString()} (ISO-8601; {@link BigDecimal}
 * without exponent), text quoted when needed (quotes, commas, line breaks kept). Appends
 * without repeating the header.
 */
public final class CsvFormat implements FileFormat {
    private static final CSVFormat CSV = CSVFormat.DEFAULT.builder().setRecordSeparator("\r\n").get();

    /** For {@link java.util.ServiceLoader}. */
    public CsvFormat() {
    }

    @Override
    public String name() {
        return "csv";
    }

    @Override
    public String extension() {
        return "csv";
    }

    @Override
    public boolean supportsAppend() {
        return true;
    }

    @Override
    public RowWriter open(OutputStream out, InputStream existing, FormatSettings settings) throws IOException {
        if (existing != null) {
            int last = Text.copy(existing, out);
            if (last != -1 && last != '\n') {
                out.write('\r');
                out.write('\n');
            }
        }
        BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        CSVPrinter printer = new CSVPrinter(w, CSV);
        if (existing == null && !settings.header().isEmpty()) {
            printer.printRecord(settings.header());
        }
        return new RowWriter() {
            private String[] cells = new String[0];

            @Override
            public void write(List<?> row) throws IOException {
                if (cells.length != row.size()) {
                    cells = new String[row.size()];
                }
                String[] c = cells;
                for (int i = 0; i < c.length; i++) {
                    Object v = row.get(i);
                    c[i] = v == null ? null : v instanceof String s ? settings.guard(s) : Text.of(v);
                }
                printer.printRecord((Object[]) c);
            }

            @Override
            public void close() throws IOException {
                printer.close(true);
            }
        };
    }
}
