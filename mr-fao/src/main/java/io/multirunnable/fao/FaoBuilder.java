package io.multirunnable.fao;

import io.multirunnable.internal.Check;
import java.nio.file.Path;

/**
 * Builds a {@link Fao}. Not thread-safe; the {@link FaoConfig} it makes is.
 *
 * <p>Defaults: {@link SavingStrategy#ONE_THREAD_ONE_FILE}, {@link WriteMode#TRUNCATE}, zip
 * archive derived from the save path, no formula protection, no progress listener, fsync on,
 * RFC 4180 CSV ({@link CsvOptions#defaults()}), compact JSON, compression by file name
 * ({@link Compression#AUTO}) at gzip level 6, not resumable.
 *
 * @since 0.1
 */
public final class FaoBuilder {
    private SavingStrategy strategy = SavingStrategy.ONE_THREAD_ONE_FILE;
    private WriteMode writeMode = WriteMode.TRUNCATE;
    private Path zipFile;
    private boolean formulaProtection;
    private ProgressListener progressListener;
    private boolean fsync = true;
    private boolean resume;
    private CsvOptions csvOptions = CsvOptions.defaults();
    private JsonOptions jsonOptions = JsonOptions.compact();
    private Compression compression = Compression.AUTO;
    private int gzipLevel = FaoConfig.DEFAULT_GZIP_LEVEL;

    FaoBuilder() {
    }

    /**
     * Where the rows of many workers end up.
     *
     * @throws IllegalArgumentException if {@code strategy} is null
     */
    public FaoBuilder withStrategy(SavingStrategy strategy) {
        this.strategy = Check.notNull(strategy, "strategy");
        return this;
    }

    /**
     * Truncate (the default) or append to existing files.
     *
     * @throws IllegalArgumentException if {@code writeMode} is null
     */
    public FaoBuilder withWriteMode(WriteMode writeMode) {
        this.writeMode = Check.notNull(writeMode, "writeMode");
        return this;
    }

    /**
     * Puts every worker's file of every save into this one zip archive. Only valid with
     * {@link SavingStrategy#ONE_THREAD_ONE_FILE_AND_COMPRESS_ALL}; {@link #build()} refuses it
     * with any other strategy.
     *
     * @throws IllegalArgumentException if {@code zipFile} is null
     */
    public FaoBuilder withZipFile(Path zipFile) {
        this.zipFile = Check.notNull(zipFile, "zipFile");
        return this;
    }

    /**
     * Whether {@link Fao#close()} forces each file to the disk ({@code fsync}) before renaming it
     * into place, and the directory after, so a published file survives a power loss or kernel
     * crash (without it, the rename may reach the disk before the data and leave an empty or
     * partial file). On by default; turn it off for scratch output where speed matters more.
     *
     * @since 0.2
     */
    public FaoBuilder withFsync(boolean fsync) {
        this.fsync = fsync;
        return this;
    }

    /**
     * Makes the {@link Fao} resumable after a crash (off by default). Every save then carries a
     * key of the caller's (a chunk id, an input id) — {@link Fao#save(String, String, java.nio.file.Path,
     * java.util.List, Iterable)} — and its rows are durable when that call returns: they go to a
     * journal beside the target ({@code .<name>.resume/}, fsynced at the end of each keyed save
     * when {@link #withFsync(boolean)} is on, as by default). A new run over the same path learns
     * the durable keys ({@link Fao#durableKeys}, {@link Fao#isDone}) and skips them; a save of a
     * durable key writes nothing. {@link Fao#close()} assembles the file from the journal — the
     * header once, each key's rows exactly once, together and in order — publishes it atomically
     * and deletes the journal. A kill at any moment (mid-save, mid-publish) loses at most the
     * keys whose save had not returned; nothing is duplicated or torn.
     *
     * <p>Only with {@link SavingStrategy#ALL_THREADS_ONE_FILE} or
     * {@link SavingStrategy#ONE_THREAD_ONE_FILE}, {@link WriteMode#TRUNCATE}, and formats whose
     * rows are independent bytes ({@code csv}, {@code jsonl}); {@link #toConfig()} refuses the
     * others, the first save refuses {@code json} and {@code xlsx}. A run whose format, strategy,
     * header or format settings differ from the journal's is refused, naming both.
     *
     * @since 0.3
     */
    public FaoBuilder withResume(boolean resume) {
        this.resume = resume;
        return this;
    }

    /**
     * Neutralises spreadsheet formulas in text cells written to CSV and xlsx (OWASP "CSV
     * injection"): a text starting with {@code =}, {@code +}, {@code -}, {@code @}, tab or
     * carriage return, also after leading whitespace, is written with a leading {@code '} (see
     * {@link io.multirunnable.fao.spi.FormatSettings#guard(String)}). Every text cell is guarded:
     * header names, strings, other {@code CharSequence}s and the {@code toString()} of any other
     * object. Numbers and booleans are not changed; JSON is never changed. Off by default.
     */
    public FaoBuilder withFormulaProtection(boolean formulaProtection) {
        this.formulaProtection = formulaProtection;
        return this;
    }

    /**
     * Delimiter, quoting, line separator, charset and byte-order mark of the {@code csv} format;
     * default {@link CsvOptions#defaults()} (RFC 4180, UTF-8).
     *
     * @throws IllegalArgumentException if {@code csvOptions} is null
     * @since 0.3
     */
    public FaoBuilder withCsvOptions(CsvOptions csvOptions) {
        this.csvOptions = Check.notNull(csvOptions, "csvOptions");
        return this;
    }

    /**
     * Compact (the default) or pretty layout of the {@code json} format; {@code jsonl} is always
     * one compact line per record.
     *
     * @throws IllegalArgumentException if {@code jsonOptions} is null
     * @since 0.3
     */
    public FaoBuilder withJsonOptions(JsonOptions jsonOptions) {
        this.jsonOptions = Check.notNull(jsonOptions, "jsonOptions");
        return this;
    }

    /**
     * Whether outputs are gzip-compressed while they are written; default
     * {@link Compression#AUTO} (by the {@code .gz} file name extension). See {@link Compression}
     * for the naming rules and which formats can be compressed.
     *
     * @throws IllegalArgumentException if {@code compression} is null
     * @since 0.3
     */
    public FaoBuilder withCompression(Compression compression) {
        this.compression = Check.notNull(compression, "compression");
        return this;
    }

    /**
     * The deflate level of gzip outputs: 1 (fastest) to 9 (smallest); default 6, as
     * {@code gzip} itself.
     *
     * @throws IllegalArgumentException if {@code gzipLevel} is outside 1..9
     * @since 0.3
     */
    public FaoBuilder withGzipLevel(int gzipLevel) {
        this.gzipLevel = FaoConfig.checkGzipLevel(gzipLevel);
        return this;
    }

    /**
     * Told how many rows each output holds so far; see {@link ProgressListener}.
     *
     * @throws IllegalArgumentException if {@code listener} is null
     */
    public FaoBuilder onProgress(ProgressListener listener) {
        this.progressListener = Check.notNull(listener, "listener");
        return this;
    }

    /**
     * The immutable configuration these settings describe.
     *
     * @throws IllegalStateException if a zip file is set but the strategy is not
     *                               {@link SavingStrategy#ONE_THREAD_ONE_FILE_AND_COMPRESS_ALL}, or
     *                               {@code withResume(true)} is combined with another strategy than
     *                               ALL_THREADS_ONE_FILE / ONE_THREAD_ONE_FILE or with {@link WriteMode#APPEND}
     */
    public FaoConfig toConfig() {
        Check.state(!resume || strategy == SavingStrategy.ALL_THREADS_ONE_FILE || strategy == SavingStrategy.ONE_THREAD_ONE_FILE,
                "withResume(true) supports strategy ALL_THREADS_ONE_FILE or ONE_THREAD_ONE_FILE but strategy was " + strategy
                        + " (a zip archive is built in one piece at close and cannot be continued)");
        Check.state(!resume || writeMode == WriteMode.TRUNCATE,
                "withResume(true) needs WriteMode.TRUNCATE but writeMode was " + writeMode + " (a resumed run rebuilds the"
                        + " file from its journal; appending would repeat rows if the previous run had published already)");
        Check.state(zipFile == null || strategy == SavingStrategy.ONE_THREAD_ONE_FILE_AND_COMPRESS_ALL,
                "zipFile (" + zipFile + ") compresses output, which needs strategy "
                        + SavingStrategy.ONE_THREAD_ONE_FILE_AND_COMPRESS_ALL + " but strategy was " + strategy);
        return new FaoConfig(strategy, writeMode, zipFile, formulaProtection, progressListener, fsync, csvOptions,
                jsonOptions, compression, gzipLevel, resume);
    }

    /**
     * A new {@link Fao} with these settings.
     *
     * @throws IllegalStateException as {@link #toConfig()}
     */
    public Fao build() {
        return new Fao(toConfig());
    }
}
