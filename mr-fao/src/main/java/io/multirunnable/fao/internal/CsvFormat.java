package io.multirunnable.fao.internal;

import io.multirunnable.fao.spi.FileFormat;
import io.multirunnable.fao.spi.FormatSettings;
import io.multirunnable.fao.spi.RowEncoder;
import io.multirunnable.fao.spi.RowWriter;
import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * CSV (RFC 4180, UTF-8, CRLF line ends) with Apache Commons CSV. {@code null} is an empty field,
 * numbers and {@code java.time} values their {@code toString()} (ISO-8601; {@link BigDecimal}
 * without exponent), other values their text by the rules of
 * {@link io.multirunnable.fao.spi.Values#text} (arrays element by element, no JVM identity
 * strings, a {@code toString()} returning null is an empty field), quoted when needed (quotes,
 * commas, line breaks kept). With formula protection every text cell, header included, is
 * guarded. Appends without repeating the header.
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
            printer.printRecord(settings.header().stream().map(settings::guard).toList());
        }
        return new RowWriter() {
            private final Cells cells = new Cells(settings);

            @Override
            public void write(List<?> row) throws IOException {
                printer.printRecord((Object[]) cells.of(row));
            }

            @Override
            public void writeEncoded(byte[] encoded) throws IOException {
                printer.flush();
                out.write(encoded);
            }

            @Override
            public void close() throws IOException {
                printer.close(true);
            }
        };
    }

    @Override
    public RowEncoder encoder(FormatSettings settings) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(1 << 16);
        CSVPrinter printer;
        try {
            printer = new CSVPrinter(new BufferedWriter(new OutputStreamWriter(buffer, StandardCharsets.UTF_8), 1 << 14), CSV);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // not thrown for an in-memory writer
        }
        Cells cells = new Cells(settings);
        return rows -> {
            buffer.reset();
            for (List<?> row : rows) {
                printer.printRecord((Object[]) cells.of(row));
            }
            printer.flush();
            return buffer.toByteArray();
        };
    }

    /** JDK numbers and booleans: a spreadsheet reads them as values, never as formulas. */
    static boolean plainNumber(Object v) {
        return (v instanceof Number || v instanceof Boolean) && v.getClass().getModule() == Object.class.getModule();
    }

    /**
     * A row's values as CSV cells: {@code null} (and a {@code toString()} returning null) stays
     * null, an empty field; numbers and booleans of the JDK as their text; every other value is
     * text, guarded against formulas (see {@link FormatSettings#cellText}).
     */
    private static final class Cells {
        private final FormatSettings settings;
        private String[] cells = new String[0];

        Cells(FormatSettings settings) {
            this.settings = settings;
        }

        String[] of(List<?> row) {
            if (cells.length != row.size()) {
                cells = new String[row.size()];
            }
            for (int i = 0; i < cells.length; i++) {
                Object v = row.get(i);
                cells[i] = v == null ? null : plainNumber(v) ? Text.of(v) : settings.cellText(v);
            }
            return cells;
        }
    }
}
