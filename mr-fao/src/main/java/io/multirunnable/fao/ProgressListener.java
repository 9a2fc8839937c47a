package io.multirunnable.fao;

import java.nio.file.Path;

/**
 * Told how many rows an output holds so far, after every chunk of rows written (at most
 * {@link Fao#CHUNK_ROWS} rows apart) and at the end of each {@code save}.
 *
 * <p>Called on the saving worker's thread, possibly from many workers at once: implementations
 * must be thread-safe and quick. An exception thrown by the listener is logged and ignored.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface ProgressListener {
    /**
     * Reports the rows written to {@code output} so far.
     *
     * @param output      the file the rows are written to; for
     *                    {@link SavingStrategy#ONE_THREAD_ONE_FILE_AND_COMPRESS_ALL} the path the
     *                    worker's file would have, whose file name is the zip entry's name
     * @param rowsWritten rows (not counting the header) written to that output by this
     *                    {@link Fao} so far, all saves and workers together
     */
    void onProgress(Path output, long rowsWritten);
}
