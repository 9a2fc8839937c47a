package io.multirunnable.fao.spi;

import io.multirunnable.fao.internal.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What a {@link FileFormat} needs to know to open a file. Immutable and thread-safe.
 *
 * @param header            the column names; empty for no header line
 * @param formulaProtection {@code true} if spreadsheet formats must neutralise formulas in
 *                          text values, with {@link #guard(String)} / {@link #cellText(Object)}
 * @param target            the file the output is published as (for a zip entry: the archive),
 *                          or {@code null} if unknown; used by {@link #createTempFile(String)}
 *                          ({@code @since 0.2})
 * @param options           the option objects the {@link io.multirunnable.fao.Fao} was built
 *                          with, e.g. {@link io.multirunnable.fao.CsvOptions} and
 *                          {@link io.multirunnable.fao.JsonOptions}; a format reads the ones
 *                          it knows with {@link #option(Class, Object)} ({@code @since 0.3})
 * @since 0.1
 */
public record FormatSettings(List<String> header, boolean formulaProtection, Path target, List<Object> options) {

    /** Copies the header and options. */
    public FormatSettings {
        header = List.copyOf(header);
        options = List.copyOf(options);
    }

    /** Settings without options: every format uses its defaults. */
    public FormatSettings(List<String> header, boolean formulaProtection, Path target) {
        this(header, formulaProtection, target, List.of());
    }

    /**
     * The first of {@link #options()} that is a {@code type}, or {@code fallback} if none is.
     *
     * @since 0.3
     */
    public <T> T option(Class<T> type, T fallback) {
        for (Object o : options) {
            if (type.isInstance(o)) {
                return type.cast(o);
            }
        }
        return fallback;
    }

    /** Settings without a target: helper files go to {@code java.io.tmpdir}. */
    public FormatSettings(List<String> header, boolean formulaProtection) {
        this(header, formulaProtection, null, List.of());
    }

    /**
     * {@code text} as a spreadsheet format should write it: unchanged, or, with formula
     * protection on and {@code text} starting with one of the OWASP CSV-injection triggers
     * ({@code = + - @}, tab or carriage return), prefixed with {@code '} so spreadsheet programs
     * show it as text instead of running it.
     *
     * <p>Leading whitespace does not hide a trigger: spreadsheet programs trim leading spaces
     * when they import CSV, so {@code "  =1+2"} is guarded too ({@code "'  =1+2"}). Spaces,
     * non-breaking spaces, line feeds and the other {@link Character#isWhitespace} /
     * {@link Character#isSpaceChar} characters count as whitespace. Text that is only whitespace
     * is unchanged.
     *
     * @throws NullPointerException if {@code text} is null
     */
    public String guard(String text) {
        if (formulaProtection) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r') {
                    return "'" + text;
                }
                if (!Character.isWhitespace(c) && !Character.isSpaceChar(c)) {
                    break;
                }
            }
        }
        return text;
    }

    /**
     * The text a spreadsheet format writes in a text cell for {@code value}: {@link Values#text}
     * guarded by {@link #guard(String)}. Every text cell goes through it: strings, other
     * {@link CharSequence}s, header names and the {@code toString()} of any other object.
     *
     * @return the cell's text, or {@code null} for no value (see {@link Values#text})
     * @throws IllegalArgumentException as {@link Values#text}
     * @since 0.2
     */
    public String cellText(Object value) {
        String text = Values.text(value);
        return text == null ? null : guard(text);
    }

    /**
     * A new empty temporary file for a format's own helper data (e.g. a spreadsheet library's
     * row buffer), beside {@link #target()} and named after it, so that if this process dies
     * the next save of the same target removes it. The format must delete it when its writer is
     * closed or aborted. Without a target, it is made in {@code java.io.tmpdir}.
     *
     * @param kind a short word (letters and digits) naming the file's use, e.g. {@code "sheet"}
     * @throws IOException if the file cannot be created
     * @since 0.2
     */
    public Path createTempFile(String kind) throws IOException {
        if (kind == null || !kind.matches("[A-Za-z0-9]{1,16}")) {
            throw new IllegalArgumentException("kind must be 1 to 16 letters or digits but was " + kind);
        }
        return target == null ? Files.createTempFile("mr-fao-", "." + kind + ".tmp") : AtomicFiles.createTemp(target, kind);
    }
}
