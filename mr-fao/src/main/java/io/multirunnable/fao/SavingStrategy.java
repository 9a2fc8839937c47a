package io.multirunnable.fao;

/**
 * Where the rows saved by many workers end up.
 *
 * <p>In every strategy a worker is identified by {@link io.multirunnable.WorkerContext#current()}:
 * inside an executor or pool worker its name (e.g. {@code executor-1-worker-3}), elsewhere the
 * calling thread's name.
 *
 * @since 0.1
 */
public enum SavingStrategy {
    /**
     * Each worker writes its own file, next to the path given to {@code save}, named with the
     * worker's name: {@code out.csv} saved by worker {@code ex-worker-2} becomes
     * {@code out-ex-worker-2.csv}.
     */
    ONE_THREAD_ONE_FILE,

    /**
     * Rows saved by all workers go into the one file given to {@code save}: whole rows, none
     * lost, none interleaved, the header written once. Workers write in chunks under a lock held
     * only while a chunk is written, so the order of rows between workers is not defined, but
     * the rows of one chunk (up to {@link Fao#CHUNK_ROWS}) stay together and in order.
     */
    ALL_THREADS_ONE_FILE,

    /**
     * Like {@link #ONE_THREAD_ONE_FILE}, but each worker's file becomes one entry of a single zip
     * archive: by default the save path with its extension replaced by {@code .zip}
     * ({@code out.csv} → {@code out.zip} holding {@code out-ex-worker-1.csv}, ...), or the archive
     * set with {@link FaoBuilder#withZipFile(java.nio.file.Path)}.
     */
    ONE_THREAD_ONE_FILE_AND_COMPRESS_ALL,

    /**
     * Rows saved by all workers go into the one workbook given to {@code save}, each worker's
     * rows on its own sheet named after the worker, header first on every sheet. Only for
     * formats with sheets ({@link io.multirunnable.fao.spi.FileFormat#supportsSheets()}: both
     * xlsx formats); other formats, and {@link WriteMode#APPEND}, are refused. With
     * {@code xlsx-fastexcel} the workers fill their sheets at the same time; {@code xlsx-poi}
     * writes one chunk at a time.
     *
     * <p>The sheet name is the worker's name as is (see above), checked by Excel's rules: at
     * most 31 characters, none of {@code [ ] : * ? / \}, not starting or ending with
     * {@code '}, not {@code History}, unique in the workbook ignoring case. A name that breaks
     * them fails the save with an {@link IllegalArgumentException} naming the name and the rule,
     * before anything is written (name the workers, e.g. with the executor's worker names).
     *
     * @since 0.3
     */
    ONE_SHEET_PER_WORKER
}
