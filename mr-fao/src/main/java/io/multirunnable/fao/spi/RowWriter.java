package io.multirunnable.fao.spi;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/**
 * Writes rows of one file, opened by {@link FileFormat#open}. Used by one thread at a time.
 *
 * @since 0.1
 */
public interface RowWriter extends Closeable {

    /**
     * Writes one row.
     *
     * @param row exactly as many values as the output has columns (the engine pads short rows
     *            with {@code null}); each value is {@code null}, a {@link String}, a
     *            {@link Number}, a {@link Boolean}, a {@code java.time} value or any other
     *            object the format writes as its {@code toString()}
     * @throws IOException              if writing fails
     * @throws IllegalArgumentException if the format cannot hold a value (e.g. text too long)
     */
    void write(List<?> row) throws IOException;

    /**
     * Appends rows already encoded by this format's {@link RowEncoder}, after the rows written
     * so far. Only called if {@link FileFormat#encoder} returned an encoder; the default throws
     * {@link UnsupportedOperationException}.
     *
     * @param encoded bytes returned by {@link RowEncoder#encode}
     * @throws IOException if writing fails
     */
    default void writeEncoded(byte[] encoded) throws IOException {
        throw new UnsupportedOperationException(getClass().getName() + " does not take encoded rows");
    }

    /**
     * Starts a new sheet called {@code name} in this workbook, for
     * {@link io.multirunnable.fao.SavingStrategy#ONE_SHEET_PER_WORKER}; only called if
     * {@link FileFormat#supportsSheets()}. The sheet's first row is the header (if any); rows
     * written to the returned writer go to that sheet. Its {@link #close()} and
     * {@link #abort()} do nothing: this writer's {@code close()} completes every sheet. The
     * engine checks the name by Excel's rules ({@link SheetCells#checkSheetName}) first. A writer
     * that gets sheets never gets rows itself, and must then not add a default sheet.
     *
     * <p>Each sheet writer is used by one thread at a time; different sheets are used by
     * different threads at the same time only if {@link FileFormat#writesSheetsInParallel()}.
     * The default throws {@link UnsupportedOperationException}.
     *
     * @throws IOException if the sheet cannot be started
     * @since 0.3
     */
    default RowWriter sheet(String name) throws IOException {
        throw new UnsupportedOperationException(getClass().getName() + " does not write sheets");
    }

    /** Completes the file (closing brackets, zip directory, ...) and closes the stream. */
    @Override
    void close() throws IOException;

    /**
     * Releases everything without completing the file (temporary files, the stream); the
     * output is being discarded. Never throws. The default calls {@link #close()} and ignores
     * its failure.
     */
    default void abort() {
        try {
            close();
        } catch (IOException | RuntimeException ignored) {
            // the output is discarded anyway
        }
    }
}
