package io.multirunnable.fao.internal;

/** JSON Lines ({@code jsonl}): one JSON value per line; appends. See {@link JsonFormat}. */
public final class JsonLinesFormat extends JsonFormat {
    /** For {@link java.util.ServiceLoader}. */
    public JsonLinesFormat() {
        super(true);
    }
}
