package io.multirunnable.fao.spi;

import java.util.List;

/**
 * What a {@link FileFormat} needs to know to open a file.
 *
 * @param header            the column names; empty for no header line
 * @param formulaProtection {@code true} if spreadsheet formats must neutralise formulas in
 *                          text values, with {@link #guard(String)}
 * @since 0.1
 */
public record FormatSettings(List<String> header, boolean formulaProtection) {

    /** Copies the header. */
    public FormatSettings {
        header = List.copyOf(header);
    }

    /**
     * {@code text} as a spreadsheet format should write it: unchanged, or, with formula
     * protection on and {@code text} starting with {@code = + - @}, tab or carriage return,
     * prefixed with {@code '} so spreadsheet programs show it as text instead of running it.
     */
    public String guard(String text) {
        if (formulaProtection && !text.isEmpty()) {
            char c = text.charAt(0);
            if (c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r') {
                return "'" + text;
            }
        }
        return text;
    }
}
