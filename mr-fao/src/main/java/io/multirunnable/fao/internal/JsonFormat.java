package io.multirunnable.fao.internal;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import io.multirunnable.fao.JsonOptions;
import io.multirunnable.fao.spi.FileFormat;
import io.multirunnable.fao.spi.FormatSettings;
import io.multirunnable.fao.spi.RowEncoder;
import io.multirunnable.fao.spi.RowWriter;
import io.multirunnable.fao.spi.Values;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.Map;

/**
 * JSON with Jackson (UTF-8): format {@code json} writes one array of rows, format
 * {@code jsonl} (JSON Lines) one row per line. A row is an object keyed by the header, or an
 * array when there is no header. {@code null} → {@code null}; integers, {@link BigDecimal} and
 * floating point → numbers (non-finite doubles as strings); booleans → booleans;
 * {@code java.time} values → ISO-8601 strings; nested {@link List}/{@link Map}/arrays (also
 * primitive arrays such as {@code int[]}) → JSON arrays/objects; anything else → its text by
 * {@link Values#text} ({@code null} if its {@code toString()} returns null; a class without
 * its own {@code toString()} is refused rather than written as a JVM identity string). Text is
 * never changed by formula protection. {@link JsonOptions#pretty()} lays the {@code json} array
 * out with Jackson's pretty printer; {@code jsonl} is always one compact line per record. Both
 * can be gzip-compressed. {@code jsonl} appends; {@code json} refuses append (an
 * array cannot grow without rewriting the file).
 */
public class JsonFormat implements FileFormat {
    static final JsonFactory FACTORY = new JsonFactoryBuilder().rootValueSeparator((String) null).build();

    private final boolean lines;

    /** The JSON array format, for {@link java.util.ServiceLoader}. */
    public JsonFormat() {
        this(false);
    }

    JsonFormat(boolean lines) {
        this.lines = lines;
    }

    @Override
    public String name() {
        return lines ? "jsonl" : "json";
    }

    @Override
    public String extension() {
        return lines ? "jsonl" : "json";
    }

    @Override
    public boolean supportsAppend() {
        return lines;
    }

    @Override
    public boolean compressible() {
        return true;
    }

    /** Two spaces per level, {@code \n} line ends on every platform. */
    private static DefaultPrettyPrinter prettyPrinter() {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        return new DefaultPrettyPrinter().withArrayIndenter(indenter).withObjectIndenter(indenter);
    }

    @Override
    public RowWriter open(OutputStream out, InputStream existing, FormatSettings settings) throws IOException {
        if (existing != null) {
            if (!lines) {
                throw new IllegalArgumentException("format 'json' does not support appending to an existing file");
            }
            int last = Text.copy(existing, out);
            if (last != -1 && last != '\n') {
                out.write('\n');
            }
        }
        JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8);
        List<String> header = settings.header();
        // jsonl is one compact line per record by definition: JsonOptions only lay out the array
        boolean pretty = !lines && settings.option(JsonOptions.class, JsonOptions.compact()).isPretty();
        if (pretty) {
            g.setPrettyPrinter(prettyPrinter());
            g.writeStartArray(); // the pretty printer places commas and line breaks
        } else if (!lines) {
            g.writeRaw("[\n"); // rows are root-level values joined by hand: one row per line
        }
        return new RowWriter() {
            private boolean first = true;

            @Override
            public void write(List<?> row) throws IOException {
                if (!lines && !pretty && !first) {
                    g.writeRaw(",\n");
                }
                first = false;
                row(g, header, row);
                if (lines) {
                    g.writeRaw('\n');
                }
            }

            @Override
            public void writeEncoded(byte[] encoded) throws IOException {
                if (!lines) {
                    throw new UnsupportedOperationException("a JSON array's rows are not independent");
                }
                g.flush();
                out.write(encoded);
            }

            @Override
            public void close() throws IOException {
                if (pretty) {
                    g.writeEndArray();
                    g.writeRaw('\n');
                } else if (!lines) {
                    g.writeRaw(first ? "]\n" : "\n]\n");
                }
                g.close();
                out.close();
            }

            @Override
            public void abort() {
                try {
                    out.close();
                } catch (IOException ignored) {
                    // discarded
                }
            }
        };
    }

    @Override
    public RowEncoder encoder(FormatSettings settings) {
        if (!lines) {
            return null; // rows are joined by commas: written one by one
        }
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(1 << 16);
        JsonGenerator g;
        try {
            g = FACTORY.createGenerator(buffer, JsonEncoding.UTF8);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // not thrown for an in-memory stream
        }
        List<String> header = settings.header();
        return rows -> {
            buffer.reset();
            for (List<?> row : rows) {
                row(g, header, row);
                g.writeRaw('\n');
            }
            g.flush();
            return buffer.toByteArray();
        };
    }

    private static void row(JsonGenerator g, List<String> header, List<?> row) throws IOException {
        if (header.isEmpty()) {
            g.writeStartArray();
            for (Object v : row) {
                value(g, v);
            }
            g.writeEndArray();
        } else {
            g.writeStartObject();
            for (int i = 0; i < header.size(); i++) {
                g.writeFieldName(header.get(i));
                value(g, row.get(i));
            }
            g.writeEndObject();
        }
    }

    static void value(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            g.writeNumber(((Number) v).longValue());
        } else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isFinite(d)) {
                if (v instanceof Float f) {
                    g.writeNumber(f);
                } else {
                    g.writeNumber(d);
                }
            } else {
                g.writeString(String.valueOf(d));
            }
        } else if (v instanceof BigDecimal bd) {
            g.writeNumber(bd);
        } else if (v instanceof BigInteger bi) {
            g.writeNumber(bi);
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof TemporalAccessor) {
            g.writeString(v.toString());
        } else if (v instanceof Map<?, ?> m) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                value(g, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof Iterable<?> it) {
            g.writeStartArray();
            for (Object o : it) {
                value(g, o);
            }
            g.writeEndArray();
        } else if (v.getClass().isArray()) {
            g.writeStartArray();
            for (int i = 0, n = Array.getLength(v); i < n; i++) {
                value(g, Array.get(v, i));
            }
            g.writeEndArray();
        } else {
            String text = Values.text(v);
            if (text == null) {
                g.writeNull(); // toString() returned null: written as null, as CSV and xlsx do
            } else {
                g.writeString(text);
            }
        }
    }
}
