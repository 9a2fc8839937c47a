package io.multirunnable.fao;

/**
 * How the {@code json} format lays out its array: compact (the default: one row per line,
 * {@code [\n{"id":1},\n{"id":2}\n]}) or pretty (every field on its own line, indented by two
 * spaces). Immutable and thread-safe; given to a {@link Fao} with
 * {@link FaoBuilder#withJsonOptions(JsonOptions)}.
 *
 * <p>The {@code jsonl} format (JSON Lines) ignores these options: by definition it writes each
 * record compactly on one line, so a pretty layout would break the format.
 *
 * @since 0.3
 */
public final class JsonOptions {
    private static final JsonOptions COMPACT = new JsonOptions(false);
    private static final JsonOptions PRETTY = new JsonOptions(true);

    private final boolean pretty;

    private JsonOptions(boolean pretty) {
        this.pretty = pretty;
    }

    /** One row per line, no spaces: the default. */
    public static JsonOptions compact() {
        return COMPACT;
    }

    /** Every field on its own line, indented by two spaces (Jackson's default pretty printer). */
    public static JsonOptions pretty() {
        return PRETTY;
    }

    /** {@code true} for {@link #pretty()}. */
    public boolean isPretty() {
        return pretty;
    }

    @Override
    public String toString() {
        return pretty ? "JsonOptions[pretty]" : "JsonOptions[compact]";
    }
}
