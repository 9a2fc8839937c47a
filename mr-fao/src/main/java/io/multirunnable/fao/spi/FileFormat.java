package io.multirunnable.fao.spi;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A file format the {@link io.multirunnable.fao.Fao} can write: a plugin found with
 * {@link java.util.ServiceLoader} (declare it with {@code provides
 * io.multirunnable.fao.spi.FileFormat with ...} and in
 * {@code META-INF/services/io.multirunnable.fao.spi.FileFormat}).
 *
 * <p>Installed: {@code csv}, {@code json}, {@code jsonl} (module {@code io.multirunnable.fao}),
 * {@code xlsx-poi} (module {@code io.multirunnable.fao.excel}) and {@code xlsx-fastexcel}
 * (module {@code io.multirunnable.fao.fastexcel}).
 *
 * <p>A format named {@code family-implementation} (e.g. {@code xlsx-fastexcel}) also answers to
 * its family name ({@code xlsx}); when several implementations of a family are installed, the
 * system property {@code io.multirunnable.fao.<family>} (e.g.
 * {@code -Dio.multirunnable.fao.xlsx=xlsx-poi}) chooses, else {@code xlsx-fastexcel} for
 * {@code xlsx}, else the first by name.
 *
 * <p>Implementations must be thread-safe (usually stateless); each {@link RowWriter} they open
 * is used by one thread at a time.
 *
 * @since 0.1
 */
public interface FileFormat {

    /** The name users pass to {@code save}, lower case, e.g. {@code "csv"}. */
    String name();

    /** The file name extension without the dot, e.g. {@code "csv"}. */
    String extension();

    /**
     * {@code true} if {@link #open} can continue existing content; otherwise the
     * {@link io.multirunnable.fao.WriteMode#APPEND} mode is refused for this format.
     */
    boolean supportsAppend();

    /**
     * {@code true} if the engine may gzip-compress this format's output (see
     * {@link io.multirunnable.fao.Compression}): the format writes a plain byte stream, and when
     * appending its writer first reproduces the existing content byte for byte in {@code out}
     * (the engine then keeps the existing compressed bytes and adds a new gzip member). The
     * default, {@code false}, makes the engine refuse compression for the format.
     *
     * @since 0.3
     */
    default boolean compressible() {
        return false;
    }

    /**
     * Opens a writer of rows onto {@code out}.
     *
     * @param out      where the complete file goes (a temporary file or zip entry); the writer
     *                 owns it and closes it in {@link RowWriter#close()} / {@link RowWriter#abort()}
     * @param existing {@code null} for a new file; otherwise (append mode, existing non-empty
     *                 file, only if {@link #supportsAppend()}) the existing content, which the
     *                 writer must reproduce in {@code out} before the new rows, without writing
     *                 the header again. The engine closes it when this method returns.
     * @param settings header and options
     * @throws IOException if the existing content cannot be read or {@code out} written
     */
    RowWriter open(OutputStream out, InputStream existing, FormatSettings settings) throws IOException;

    /**
     * An encoder of rows into position-independent bytes, so that rows saved by many workers to
     * one file ({@link io.multirunnable.fao.SavingStrategy#ALL_THREADS_ONE_FILE}) are encoded in
     * parallel; the writers this format opens must then implement {@link RowWriter#writeEncoded}.
     * The default, {@code null}, means rows are written one by one under the output's lock
     * (right for formats whose rows depend on their neighbours, such as a JSON array's commas,
     * or that are not byte streams, such as xlsx).
     *
     * @param settings the same settings the output was opened with
     * @return a new encoder for one thread, or {@code null}
     */
    default RowEncoder encoder(FormatSettings settings) {
        return null;
    }

    /**
     * {@code true} if the writers this format opens can hold several named sheets
     * ({@link RowWriter#sheet}), as {@link io.multirunnable.fao.SavingStrategy#ONE_SHEET_PER_WORKER}
     * needs. Default {@code false}: that strategy is refused for the format.
     *
     * @since 0.3
     */
    default boolean supportsSheets() {
        return false;
    }

    /**
     * {@code true} if different sheets of one writer may be written by different threads at the
     * same time; otherwise the engine writes one sheet at a time. Default {@code false}.
     *
     * @since 0.3
     */
    default boolean writesSheetsInParallel() {
        return false;
    }
}
