package io.multirunnable.fao;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * How the {@code csv} format writes its files: delimiter, quote character and policy, escape
 * character, line separator, charset and byte-order mark. Immutable and thread-safe; made by
 * {@link CsvOptionsBuilder} ({@link #builder()}) and given to a {@link Fao} with
 * {@link FaoBuilder#withCsvOptions(CsvOptions)}.
 *
 * <p>Defaults ({@link #defaults()}): RFC 4180 — delimiter {@code ,}, quote {@code "},
 * {@link QuotePolicy#MINIMAL}, line separator {@code \r\n}, UTF-8, no byte-order mark. The
 * escape character ({@code \} by default) is only used by {@link QuotePolicy#NONE}.
 *
 * <pre>{@code
 * CsvOptions excel = CsvOptions.builder().withDelimiter(";").withByteOrderMark(true).build();
 * try (Fao fao = Fao.builder().withCsvOptions(excel).build()) { ... }
 * }</pre>
 *
 * <p>Formula protection ({@link FaoBuilder#withFormulaProtection(boolean)}) works with every
 * option: the guard is applied to the cell's text before it is quoted or escaped.
 *
 * @since 0.3
 */
public final class CsvOptions {
    private static final CsvOptions DEFAULTS = new CsvOptionsBuilder().build();

    /**
     * When a field is put between quote characters; the same choices as Python's
     * {@code csv.QUOTE_*} constants and Commons CSV's {@code QuoteMode}.
     *
     * @since 0.3
     */
    public enum QuotePolicy {
        /**
         * Only fields that need it: fields holding the delimiter, the quote character, a line
         * break, or starting/ending with a space (Python {@code QUOTE_MINIMAL}). The default.
         */
        MINIMAL,
        /** Every field, empty fields of {@code null} values too ({@code QUOTE_ALL}). */
        ALL,
        /**
         * Every field except numbers of the JDK ({@code Integer}, {@code Long}, {@code Double},
         * {@code BigDecimal}, ...) and booleans; {@code null} is an unquoted empty field
         * ({@code QUOTE_NONNUMERIC}).
         */
        NON_NUMERIC,
        /**
         * Never; the escape character is put before every delimiter and escape character in a
         * value, the quote character is written as it is ({@code QUOTE_NONE} with an
         * {@code escapechar}; read it back with no quote character). Line breaks in a
         * value are written as the escape character followed by {@code r} / {@code n}: Commons
         * CSV reads them back as line breaks, Python's {@code csv} module as the letters.
         */
        NONE
    }

    private final char delimiter;
    private final char quote;
    private final QuotePolicy quotePolicy;
    private final char escape;
    private final String lineSeparator;
    private final Charset charset;
    private final boolean byteOrderMark;

    CsvOptions(char delimiter, char quote, QuotePolicy quotePolicy, char escape, String lineSeparator, Charset charset,
               boolean byteOrderMark) {
        this.delimiter = delimiter;
        this.quote = quote;
        this.quotePolicy = quotePolicy;
        this.escape = escape;
        this.lineSeparator = lineSeparator;
        this.charset = charset;
        this.byteOrderMark = byteOrderMark;
    }

    /** The RFC 4180 settings the {@code csv} format uses when none are given. */
    public static CsvOptions defaults() {
        return DEFAULTS;
    }

    /** A builder starting from {@link #defaults()}. */
    public static CsvOptionsBuilder builder() {
        return new CsvOptionsBuilder();
    }

    /** A builder starting from these options. */
    public CsvOptionsBuilder toBuilder() {
        return new CsvOptionsBuilder(this);
    }

    /** The character between fields; {@code ,} by default. */
    public char delimiter() {
        return delimiter;
    }

    /** The character fields are quoted with; {@code "} by default. */
    public char quote() {
        return quote;
    }

    /** When fields are quoted; {@link QuotePolicy#MINIMAL} by default. */
    public QuotePolicy quotePolicy() {
        return quotePolicy;
    }

    /** The escape character of {@link QuotePolicy#NONE}; {@code \} by default. */
    public char escape() {
        return escape;
    }

    /** What ends each record: {@code "\r\n"} (the default) or {@code "\n"}. */
    public String lineSeparator() {
        return lineSeparator;
    }

    /** The charset of the file; UTF-8 by default. */
    public Charset charset() {
        return charset;
    }

    /**
     * Whether a new file starts with a byte-order mark (U+FEFF in the charset; for UTF-8 the
     * bytes {@code EF BB BF}, which Excel needs to read a CSV file as UTF-8). Off by default.
     * Appending to an existing file never writes it again. The charset {@code UTF-16} always
     * writes one (big-endian), as Java and Python do.
     */
    public boolean byteOrderMark() {
        return byteOrderMark;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CsvOptions c && c.delimiter == delimiter && c.quote == quote && c.quotePolicy == quotePolicy
                && c.escape == escape && c.lineSeparator.equals(lineSeparator) && c.charset.equals(charset)
                && c.byteOrderMark == byteOrderMark;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(delimiter, quote, quotePolicy, escape, lineSeparator, charset, byteOrderMark);
    }

    @Override
    public String toString() {
        return "CsvOptions[delimiter=" + CsvOptionsBuilder.show(delimiter) + ", quote=" + CsvOptionsBuilder.show(quote)
                + ", quotePolicy=" + quotePolicy + ", escape=" + CsvOptionsBuilder.show(escape) + ", lineSeparator="
                + CsvOptionsBuilder.show(lineSeparator) + ", charset=" + charset.name() + ", byteOrderMark=" + byteOrderMark
                + "]";
    }

    static boolean unicode(Charset charset) {
        String n = charset.name();
        return n.startsWith("UTF-") || charset.equals(StandardCharsets.UTF_8);
    }
}
