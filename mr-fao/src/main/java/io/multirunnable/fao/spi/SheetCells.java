package io.multirunnable.fao.spi;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.Locale;

/**
 * The cell rules every spreadsheet format shares, so that all xlsx writers give the same cells,
 * types and dates, and sheet names are checked the same way. Thread-safe (stateless).
 *
 * <p>{@link #cell} maps a row value to what a cell holds:
 * <ul>
 *   <li>{@code null}, and a value whose {@code toString()} returns null → {@code null}: no cell;</li>
 *   <li>{@code Integer}/{@code Short}/{@code Byte}, {@code Long} within ±2^53, finite
 *       {@code Float}/{@code Double} (a float by its decimal text, so {@code 0.1f} is 0.1) and
 *       {@link BigDecimal} of at most 15 digits → a {@link Double} (numeric cell);</li>
 *   <li>{@link Boolean} → itself (boolean cell);</li>
 *   <li>{@link LocalDate} / {@link LocalDateTime} → itself (date cell, formatted
 *       {@link #DATE_FORMAT} / {@link #DATE_TIME_FORMAT});</li>
 *   <li>everything else, including other numbers (as their exact text) → a {@link String} (text
 *       cell), by {@link FormatSettings#cellText} (formula protection included) and at most
 *       {@value #MAX_TEXT} characters, else {@link IllegalArgumentException} naming the row and
 *       column.</li>
 * </ul>
 *
 * @since 0.3
 */
public final class SheetCells {
    /** Excel's limit of characters in one cell. */
    public static final int MAX_TEXT = 32_767;
    /** Excel's limit of rows in one sheet, header included. */
    public static final int MAX_ROWS = 1_048_576;
    /** Excel's limit of characters in a sheet name. */
    public static final int MAX_SHEET_NAME = 31;
    /** The number format of {@link LocalDate} cells. */
    public static final String DATE_FORMAT = "yyyy-mm-dd";
    /** The number format of {@link LocalDateTime} cells. */
    public static final String DATE_TIME_FORMAT = "yyyy-mm-dd hh:mm:ss";
    private static final long MAX_EXACT_LONG = 1L << 53;
    private static final String FORBIDDEN = "[]:*?/\\";

    private SheetCells() {
    }

    /**
     * What the cell at {@code row}, {@code column} holds for {@code value}, by the rules above.
     *
     * @param row    the row index, 0-based (for messages; shown 1-based as Excel numbers rows)
     * @param column the column index, 0-based
     * @return {@code null} (no cell), a {@link Double}, a {@link Boolean}, a {@link LocalDate},
     *         a {@link LocalDateTime} or a {@link String}
     * @throws IllegalArgumentException if the text is over {@value #MAX_TEXT} characters, or as
     *                                  {@link Values#text}
     */
    public static Object cell(Object value, FormatSettings settings, long row, int column) {
        if (value == null) {
            return null;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).doubleValue();
        }
        if (value instanceof Long l && l >= -MAX_EXACT_LONG && l <= MAX_EXACT_LONG) {
            return l.doubleValue();
        }
        if (value instanceof Double d && Double.isFinite(d)) {
            return d;
        }
        if (value instanceof Float f && Float.isFinite(f)) {
            return Double.parseDouble(f.toString());
        }
        if (value instanceof BigDecimal bd && bd.precision() <= 15) {
            return bd.doubleValue();
        }
        if (value instanceof Boolean || value instanceof LocalDate || value instanceof LocalDateTime) {
            return value;
        }
        String text = value instanceof Number ? Values.text(value) : settings.cellText(value);
        return text == null ? null : checkText(text, value, settings, row, column);
    }

    /**
     * {@code text} if it fits in a cell; else an {@link IllegalArgumentException} naming the cell
     * (and, when only formula protection's leading {@code '} makes it too long, saying so: it is
     * neither cut nor written unguarded).
     */
    private static String checkText(String text, Object value, FormatSettings settings, long row, int column) {
        if (text.length() <= MAX_TEXT) {
            return text;
        }
        String where = "row " + (row + 1) + ", column " + columnName(column)
                + (column < settings.header().size() ? " ('" + settings.header().get(column) + "')" : "");
        String original = value instanceof Number ? text : Values.text(value);
        if (original.length() <= MAX_TEXT) {
            throw new IllegalArgumentException("an xlsx cell holds at most " + MAX_TEXT + " characters; the text at "
                    + where + " has " + original.length() + " but starts with a formula trigger, and formula "
                    + "protection's leading ' makes it " + text.length() + "; shorten it or turn formula protection off");
        }
        throw new IllegalArgumentException("an xlsx cell holds at most " + MAX_TEXT + " characters but the text at "
                + where + " has " + text.length());
    }

    /** The column's letters as Excel shows them: 0 → A, 25 → Z, 26 → AA. */
    public static String columnName(int column) {
        StringBuilder sb = new StringBuilder();
        for (int c = column + 1; c > 0; c = (c - 1) / 26) {
            sb.append((char) ('A' + (c - 1) % 26));
        }
        return sb.reverse().toString();
    }

    /**
     * Checks {@code name} against Excel's rules for sheet names: 1 to {@value #MAX_SHEET_NAME}
     * characters, none of {@code [ ] : * ? / \}, not starting or ending with {@code '}, not
     * {@code History} (reserved), and, ignoring case, none of {@code taken}.
     *
     * @param option what the name came from, for the message, e.g. {@code "sheetNamer"}
     * @param taken  the names already used in the workbook
     * @return {@code name}
     * @throws IllegalArgumentException naming the option, the value and the rule broken
     */
    public static String checkSheetName(String name, String option, Collection<String> taken) {
        String rule = null;
        if (name == null || name.isEmpty()) {
            rule = "must not be empty";
        } else if (name.length() > MAX_SHEET_NAME) {
            rule = "has " + name.length() + " characters; Excel allows at most " + MAX_SHEET_NAME;
        } else if (name.chars().anyMatch(c -> FORBIDDEN.indexOf(c) >= 0)) {
            rule = "contains '" + (char) name.chars().filter(c -> FORBIDDEN.indexOf(c) >= 0).findFirst().orElseThrow()
                    + "'; Excel forbids the characters [ ] : * ? / \\ in sheet names";
        } else if (name.startsWith("'") || name.endsWith("'")) {
            rule = "starts or ends with '; Excel forbids that";
        } else if (name.equalsIgnoreCase("History")) {
            rule = "is reserved by Excel";
        } else {
            for (String t : taken) {
                if (t.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                    rule = "is already the name of sheet '" + t + "' in this workbook; sheet names must be unique, ignoring case";
                    break;
                }
            }
        }
        if (rule != null) {
            throw new IllegalArgumentException("sheet name '" + name + "' (from " + option + ") " + rule);
        }
        return name;
    }
}
