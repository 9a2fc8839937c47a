package io.multirunnable.fao.internal;

import io.multirunnable.fao.CsvOptions;
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
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;

/**
 * CSV with Apache Commons CSV, as {@link CsvOptions} say (default RFC 4180, UTF-8, CRLF line
 * ends). {@code null} is an empty field, numbers and {@code java.time} values their
 * {@code toString()} (ISO-8601; {@link BigDecimal} without exponent), other values their text
 * by the rules of {@link io.multirunnable.fao.spi.Values#text} (arrays element by element, no
 * JVM identity strings, a {@code toString()} returning null is an empty field), quoted by the
 * quote policy. With formula protection every text cell, header included, is guarded before
 * it is quoted. A text the charset cannot encode fails the save (never replaced by {@code ?}).
 * A new file starts with a byte-order mark if asked (always for {@code UTF-16}); appends
 * without repeating the header or the mark.
 */
public final class CsvFormat implements FileFormat {

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
    public boolean compressible() {
        return true;
    }

    /** The options resolved for writing: Commons CSV format, the charset to encode with, the mark. */
    private record Plan(CsvOptions options, CSVFormat csv, Charset charset, boolean bom, boolean checkEncodable) {
        static Plan of(FormatSettings settings) {
            CsvOptions o = settings.option(CsvOptions.class, CsvOptions.defaults());
            CSVFormat.Builder b = CSVFormat.DEFAULT.builder().setDelimiter(o.delimiter()).setQuote(o.quote())
                    .setRecordSeparator(o.lineSeparator());
            switch (o.quotePolicy()) {
                case MINIMAL -> b.setQuoteMode(QuoteMode.MINIMAL);
                case ALL -> b.setQuoteMode(QuoteMode.ALL);
                case NON_NUMERIC -> b.setQuoteMode(QuoteMode.NON_NUMERIC);
                case NONE -> b.setQuoteMode(QuoteMode.NONE).setEscape(o.escape());
                default -> throw new AssertionError(o.quotePolicy());
            }
            // UTF-16 means big-endian with a mark; written as UTF-16BE so that chunks encoded
            // apart carry no mark of their own
            boolean utf16 = o.charset().name().equals("UTF-16");
            Charset cs = utf16 ? StandardCharsets.UTF_16BE : o.charset();
            String n = cs.name();
            return new Plan(o, b.get(), cs, o.byteOrderMark() || utf16, !n.startsWith("UTF-"));
        }

        byte[] bytes(String text) {
            return text.getBytes(charset);
        }
    }

    @Override
    public RowWriter open(OutputStream out, InputStream existing, FormatSettings settings) throws IOException {
        Plan plan = Plan.of(settings);
        if (existing != null) {
            byte[] newline = plan.bytes("\n");
            byte[] tail = Text.copyTail(existing, out, newline.length);
            if (tail.length > 0 && !Arrays.equals(tail, newline)) {
                out.write(plan.bytes(plan.options().lineSeparator()));
            }
        } else if (plan.bom()) {
            out.write(plan.bytes("\uFEFF"));
        }
        BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, plan.charset()), 1 << 16);
        CSVPrinter printer = new CSVPrinter(w, plan.csv());
        Cells cells = new Cells(settings, plan);
        if (existing == null && !settings.header().isEmpty()) {
            printer.printRecord(cells.header(settings.header()));
        }
        return new RowWriter() {
            @Override
            public void write(List<?> row) throws IOException {
                printer.printRecord(cells.of(row));
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
        Plan plan = Plan.of(settings);
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(1 << 16);
        CSVPrinter printer;
        try {
            printer = new CSVPrinter(new BufferedWriter(new OutputStreamWriter(buffer, plan.charset()), 1 << 14), plan.csv());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // not thrown for an in-memory writer
        }
        Cells cells = new Cells(settings, plan);
        return rows -> {
            buffer.reset();
            for (List<?> row : rows) {
                printer.printRecord(cells.of(row));
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
     * A number's (or boolean's) text that Commons CSV sees as a {@link Number}, so that
     * {@code QuoteMode.NON_NUMERIC} leaves it unquoted.
     */
    private static final class NumberText extends Number {
        private static final long serialVersionUID = 1L;
        private final String text;

        NumberText(String text) {
            this.text = text;
        }

        @Override
        public int intValue() {
            throw new UnsupportedOperationException();
        }

        @Override
        public long longValue() {
            throw new UnsupportedOperationException();
        }

        @Override
        public float floatValue() {
            throw new UnsupportedOperationException();
        }

        @Override
        public double doubleValue() {
            throw new UnsupportedOperationException();
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /**
     * A row's values as CSV cells: {@code null} (and a {@code toString()} returning null) stays
     * null, an empty field; numbers and booleans of the JDK as their text; every other value is
     * text, guarded against formulas (see {@link FormatSettings#cellText}) and checked against
     * the charset. One instance per thread.
     */
    private static final class Cells {
        private final FormatSettings settings;
        private final boolean nonNumeric;
        private final CharsetEncoder encoder;
        private final Charset charset;
        private Object[] cells = new Object[0];

        Cells(FormatSettings settings, Plan plan) {
            this.settings = settings;
            this.nonNumeric = plan.options().quotePolicy() == CsvOptions.QuotePolicy.NON_NUMERIC;
            this.encoder = plan.checkEncodable() ? plan.charset().newEncoder() : null;
            this.charset = plan.charset();
        }

        Object[] header(List<String> header) {
            Object[] h = new Object[header.size()];
            for (int i = 0; i < h.length; i++) {
                h[i] = encodable(settings.guard(header.get(i)));
            }
            return h;
        }

        Object[] of(List<?> row) {
            if (cells.length != row.size()) {
                cells = new Object[row.size()];
            }
            for (int i = 0; i < cells.length; i++) {
                Object v = row.get(i);
                if (v == null) {
                    cells[i] = null;
                } else if (plainNumber(v)) {
                    cells[i] = nonNumeric ? new NumberText(Text.of(v)) : Text.of(v);
                } else {
                    cells[i] = encodable(settings.cellText(v));
                }
            }
            return cells;
        }

        private String encodable(String text) {
            if (encoder != null && text != null && !encoder.canEncode(text)) {
                throw new IllegalArgumentException("value " + Text.preview(text) + " cannot be written in charset "
                        + charset.name() + " (CsvOptions charset): it holds characters that charset lacks; "
                        + "choose a charset that has them, such as UTF-8");
            }
            return text;
        }
    }
}
