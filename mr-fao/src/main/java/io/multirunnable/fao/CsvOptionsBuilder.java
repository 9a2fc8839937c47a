package io.multirunnable.fao;

import io.multirunnable.internal.Check;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Arrays;

/**
 * Builds {@link CsvOptions}; starts from {@link CsvOptions#defaults()}. Not thread-safe; the
 * options it makes are. Each {@code withX} checks its own value; {@link #build()} checks how
 * the values fit together. Every refusal is an {@link IllegalArgumentException} naming the
 * option, the value and the rule.
 *
 * @since 0.3
 */
public final class CsvOptionsBuilder {
    private char delimiter = ',';
    private char quote = '"';
    private CsvOptions.QuotePolicy quotePolicy = CsvOptions.QuotePolicy.MINIMAL;
    private char escape = '\\';
    private String lineSeparator = "\r\n";
    private Charset charset = StandardCharsets.UTF_8;
    private boolean byteOrderMark;

    CsvOptionsBuilder() {
    }

    CsvOptionsBuilder(CsvOptions from) {
        delimiter = from.delimiter();
        quote = from.quote();
        quotePolicy = from.quotePolicy();
        escape = from.escape();
        lineSeparator = from.lineSeparator();
        charset = from.charset();
        byteOrderMark = from.byteOrderMark();
    }

    /**
     * The character between fields, e.g. {@code ";"} or {@code "\t"}; default {@code ","}.
     *
     * @throws IllegalArgumentException if {@code delimiter} is null, not exactly one character,
     *                                  or a line break
     */
    public CsvOptionsBuilder withDelimiter(String delimiter) {
        this.delimiter = single(delimiter, "delimiter");
        return this;
    }

    /**
     * The character between fields; default {@code ','}.
     *
     * @throws IllegalArgumentException if {@code delimiter} is a line break
     */
    public CsvOptionsBuilder withDelimiter(char delimiter) {
        this.delimiter = single(String.valueOf(delimiter), "delimiter");
        return this;
    }

    /**
     * The character fields are quoted with, e.g. {@code "'"}; default {@code "\""}.
     *
     * @throws IllegalArgumentException if {@code quote} is null, not exactly one character, or a
     *                                  line break
     */
    public CsvOptionsBuilder withQuote(String quote) {
        this.quote = single(quote, "quote");
        return this;
    }

    /**
     * The character fields are quoted with; default {@code '"'}.
     *
     * @throws IllegalArgumentException if {@code quote} is a line break
     */
    public CsvOptionsBuilder withQuote(char quote) {
        this.quote = single(String.valueOf(quote), "quote");
        return this;
    }

    /**
     * When fields are quoted; default {@link CsvOptions.QuotePolicy#MINIMAL}.
     *
     * @throws IllegalArgumentException if {@code quotePolicy} is null
     */
    public CsvOptionsBuilder withQuotePolicy(CsvOptions.QuotePolicy quotePolicy) {
        this.quotePolicy = Check.notNull(quotePolicy, "quotePolicy");
        return this;
    }

    /**
     * The escape character of {@link CsvOptions.QuotePolicy#NONE}; default {@code "\\"}.
     *
     * @throws IllegalArgumentException if {@code escape} is null, not exactly one character, or
     *                                  a line break
     */
    public CsvOptionsBuilder withEscape(String escape) {
        this.escape = single(escape, "escape");
        return this;
    }

    /**
     * What ends each record: {@code "\r\n"} (the default, RFC 4180, what Excel writes) or
     * {@code "\n"} (Unix tools).
     *
     * @throws IllegalArgumentException if {@code lineSeparator} is anything else
     */
    public CsvOptionsBuilder withLineSeparator(String lineSeparator) {
        Check.notNull(lineSeparator, "lineSeparator");
        Check.argument(lineSeparator.equals("\r\n") || lineSeparator.equals("\n"),
                "lineSeparator must be \"\\r\\n\" or \"\\n\" but was " + show(lineSeparator));
        this.lineSeparator = lineSeparator;
        return this;
    }

    /**
     * The file's charset; default UTF-8. A value with a character the charset cannot encode
     * fails its save (nothing is replaced by {@code ?}).
     *
     * @throws IllegalArgumentException if {@code charset} is null, can only decode, or writes a
     *                                  byte-order mark before every text it encodes (such as
     *                                  {@code x-UTF-16LE-BOM}; {@code UTF-16} itself is accepted)
     */
    public CsvOptionsBuilder withCharset(Charset charset) {
        Check.notNull(charset, "charset");
        Check.argument(charset.canEncode(), "charset " + charset.name() + " can only decode, not encode; "
                + "choose one that can encode, such as UTF-8");
        if (!charset.name().equals("UTF-16")) {
            // rows are encoded in chunks by many workers: a charset that starts every piece of
            // text with a byte-order mark would put one in front of each chunk
            byte[] a = "a".getBytes(charset);
            byte[] b = "b".getBytes(charset);
            byte[] ab = "ab".getBytes(charset);
            Check.argument(ab.length == a.length + b.length && Arrays.equals(ab, 0, a.length, a, 0, a.length),
                    "charset " + charset.name() + " starts every piece of text it encodes with a byte-order mark, "
                            + "which would repeat it inside the file; use the charset without the mark (e.g. UTF-16LE) "
                            + "and withByteOrderMark(true)");
        }
        this.charset = charset;
        return this;
    }

    /**
     * The file's charset by name or alias, e.g. {@code "ISO-8859-1"}, {@code "windows-1252"},
     * {@code "UTF-16"}; default UTF-8.
     *
     * @throws IllegalArgumentException if {@code charset} is null, not a legal charset name, not
     *                                  supported by this JVM, or can only decode; the message
     *                                  says where the valid names are listed
     */
    public CsvOptionsBuilder withCharset(String charset) {
        Check.notNull(charset, "charset");
        Charset cs;
        try {
            cs = Charset.forName(charset);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new IllegalArgumentException("charset \"" + charset + "\" is not a charset this JVM supports; "
                    + "the valid names are the keys and aliases of java.nio.charset.Charset.availableCharsets() "
                    + "(e.g. UTF-8, ISO-8859-1, windows-1252, UTF-16)", e);
        }
        return withCharset(cs);
    }

    /**
     * Whether a new file starts with a byte-order mark; see {@link CsvOptions#byteOrderMark()}.
     * Off by default; turn it on for Excel to read a UTF-8 file as UTF-8. Needs a Unicode
     * charset ({@link #build()} checks it).
     */
    public CsvOptionsBuilder withByteOrderMark(boolean byteOrderMark) {
        this.byteOrderMark = byteOrderMark;
        return this;
    }

    /**
     * The options.
     *
     * @throws IllegalArgumentException if the delimiter equals the quote character, with
     *                                  {@link CsvOptions.QuotePolicy#NONE} if the escape
     *                                  character equals the delimiter or the quote character,
     *                                  or a byte-order mark is asked for with a charset that is
     *                                  not Unicode
     */
    public CsvOptions build() {
        Check.argument(delimiter != quote, "delimiter and quote must differ but both were " + show(delimiter));
        if (quotePolicy == CsvOptions.QuotePolicy.NONE) {
            Check.argument(escape != delimiter, "escape and delimiter must differ (quotePolicy NONE escapes the "
                    + "delimiter) but both were " + show(escape));
            Check.argument(escape != quote, "escape and quote must differ (with quotePolicy NONE a reader would "
                    + "take one for the other) but both were " + show(escape));
        }
        Check.argument(!byteOrderMark || CsvOptions.unicode(charset), "byteOrderMark needs a Unicode charset "
                + "(UTF-8, UTF-16, UTF-16BE, UTF-16LE, UTF-32...) but charset was " + charset.name());
        return new CsvOptions(delimiter, quote, quotePolicy, escape, lineSeparator, charset, byteOrderMark);
    }

    private static char single(String value, String name) {
        Check.notNull(value, name);
        Check.argument(value.length() == 1, name + " must be exactly one character but was " + show(value) + " ("
                + value.length() + " characters)");
        char c = value.charAt(0);
        Check.argument(c != '\r' && c != '\n', name + " must not be a line break but was " + show(value));
        return c;
    }

    static String show(char c) {
        return "'" + escaped(String.valueOf(c)) + "'";
    }

    static String show(String s) {
        return "\"" + escaped(s) + "\"";
    }

    private static String escaped(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\r' -> b.append("\\r");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
