package io.multirunnable.fao;

import io.multirunnable.fao.internal.FaoEngine;
import io.multirunnable.fao.internal.Formats;
import io.multirunnable.fao.spi.FileFormat;
import io.multirunnable.internal.Check;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * A file access object: many workers save rows to CSV, JSON, JSON Lines or xlsx files (any
 * installed {@link FileFormat}), under a {@link SavingStrategy}, and the files appear
 * atomically when the {@code Fao} is closed.
 *
 * <pre>{@code
 * try (Fao fao = Fao.builder().withStrategy(SavingStrategy.ALL_THREADS_ONE_FILE).build();
 *      SimpleExecutor executor = SimpleExecutor.of(RunningMode.GREEN_THREAD, 8)) {
 *     executor.run(() -> {
 *         fao.save("csv", Path.of("out.csv"), List.of("id", "name"), rowsOfThisWorker());
 *         return null;
 *     });
 * } // executor closed first, then fao: out.csv appears, complete
 * }</pre>
 *
 * <h2>Rows</h2>
 * A row is a {@code List<?>}, an {@code Object[]}, a {@code Map<String, ?>} or a record. The
 * header is the one given to {@code save}, else the first row's map keys or record component
 * names; list and array rows without a header get no header line. Values may be {@code null},
 * text, numbers, booleans and {@code java.time} values; anything else is written as its
 * {@code toString()}. How each format writes them is described by the format (see
 * {@link FileFormat}); CSV writes {@code null} as an empty field.
 *
 * <h2>Ragged rows</h2>
 * An output has as many columns as its header, or, without a header, as its first row. A
 * shorter row is padded with {@code null}s (empty cells); a longer row, or a map with a key not
 * in the header, fails the save with an {@link IllegalArgumentException} naming the row.
 *
 * <h2>Atomic output and failures</h2>
 * Rows go to a temporary file in the output's directory; {@link #close()} moves every complete
 * output into place with {@code ATOMIC_MOVE} (replacing an existing file) or builds the zip
 * archive the same way. If a save fails (the row source throws, a row is invalid, a disk error),
 * that save throws and the output it was writing to is discarded at once: its temporary file
 * is deleted, later saves to it throw {@link IllegalStateException}, and close publishes
 * nothing for it (for the zip strategy, no archive), so an existing file is left untouched.
 * Other outputs are not affected. Argument errors found before any row is written (unknown
 * format, append refused, a different header, a header naming a column twice) do not discard
 * anything. A failed output's file handle and temporary files are released at once, also when
 * the failure is a full disk.
 *
 * <p>Each file is fsynced before its rename and its directory after (see
 * {@link FaoBuilder#withFsync(boolean)}). Temporary files carry the writer's process id; if a
 * JVM dies mid-save, the next save of the same target removes the temporary files of writers
 * that no longer run (see {@link io.multirunnable.fao.spi.FormatSettings#createTempFile}).
 *
 * <h2>Resuming after a crash</h2>
 * Built with {@link FaoBuilder#withResume(boolean)}, every save carries a key and is durable
 * when it returns; a run killed at any moment is continued by a new run over the same path,
 * which skips the {@link #durableKeys(Path) durable keys}, and the file published at the end
 * holds every key's rows exactly once. See {@link FaoBuilder#withResume(boolean)}.
 *
 * <h2>Options and compression</h2>
 * {@link FaoBuilder#withCsvOptions(CsvOptions)} sets the CSV dialect (delimiter, quoting, line
 * separator, charset, byte-order mark), {@link FaoBuilder#withJsonOptions(JsonOptions)} the
 * JSON layout. A path ending in {@code .gz} is gzip-compressed while it is written (see
 * {@link Compression} for the naming rules and append as a new gzip member).
 *
 * <h2>Values</h2>
 * Text of values without a type of their own in a format follows
 * {@link io.multirunnable.fao.spi.Values#text}: arrays element by element, a {@code toString()}
 * returning null written as null in every format, JVM identity strings refused.
 *
 * <h2>Threads</h2>
 * Thread-safe: one {@code Fao} is shared by all workers of any {@link io.multirunnable.RunningMode}
 * without further coordination. {@code save} blocks while it writes (and, for
 * {@link SavingStrategy#ALL_THREADS_ONE_FILE}, while another worker writes a chunk); it does not
 * react to interruption. Close the {@code Fao} after the workers are done: saves still running
 * when {@code close} starts fail with {@link IllegalStateException}.
 *
 * @since 0.1
 */
public final class Fao implements AutoCloseable {
    /** How many rows a save writes per lock hold and between progress reports: {@value}. */
    public static final int CHUNK_ROWS = 1000;

    private final FaoConfig config;
    private final FaoEngine engine;

    Fao(FaoConfig config) {
        this.config = config;
        this.engine = new FaoEngine(config);
    }

    /** A builder; see {@link FaoBuilder} for the defaults. */
    public static FaoBuilder builder() {
        return new FaoBuilder();
    }

    /** A {@code Fao} with {@code strategy} and the other defaults of {@link FaoBuilder}. */
    public static Fao of(SavingStrategy strategy) {
        return builder().withStrategy(strategy).build();
    }

    /**
     * The format names {@code save} accepts, sorted: each installed {@link FileFormat}'s, and the
     * family name of formats named {@code family-implementation}, e.g.
     * {@code [csv, json, jsonl, xlsx, xlsx-fastexcel, xlsx-poi]}. {@code xlsx} means
     * {@code xlsx-fastexcel} when it is installed, else {@code xlsx-poi}; the system property
     * {@code io.multirunnable.fao.xlsx} (e.g. {@code -Dio.multirunnable.fao.xlsx=xlsx-poi})
     * overrides that choice (since 0.3).
     */
    public static List<String> installedFormats() {
        return Formats.names();
    }

    /**
     * The installed format called {@code name} (case-insensitive).
     *
     * @throws IllegalArgumentException if none is, listing the installed names
     */
    public static FileFormat format(String name) {
        return Formats.byName(Check.notBlank(name, "format"));
    }

    /** The settings this {@code Fao} was built with. */
    public FaoConfig config() {
        return config;
    }

    /**
     * Saves {@code rows} with the header taken from the rows (map keys, record components; none
     * for list rows). Same as {@code save(format, path, null, rows)}.
     */
    public void save(String format, Path path, Iterable<?> rows) throws IOException {
        save(format, path, null, rows);
    }

    /**
     * Saves {@code rows} in the installed format called {@code format} to the output that
     * {@code path} names under this {@code Fao}'s strategy.
     *
     * @param format the format's name, e.g. {@code "csv"}, {@code "json"}, {@code "jsonl"}, {@code "xlsx"}
     *               (see {@link #installedFormats()} for which xlsx writer that is)
     * @param path   the output file (its directory must exist); see {@link SavingStrategy} for
     *               the file actually written
     * @param header the column names, or {@code null} to take them from the rows; an empty list
     *               writes no header line. Only the first save to an output sets its header; a
     *               later save with a different non-null header is refused.
     * @param rows   the rows, read once, in order
     * @throws IllegalArgumentException if an argument is null, the format is unknown (the message
     *                                  lists the installed ones), the format cannot append in
     *                                  {@link WriteMode#APPEND}, the header differs, or a row is
     *                                  invalid (the output is then discarded)
     * @throws IllegalStateException    if this {@code Fao} is closed or the output was discarded
     *                                  by an earlier failed save
     * @throws IOException              if the file cannot be written (the output is discarded)
     */
    public void save(String format, Path path, List<String> header, Iterable<?> rows) throws IOException {
        engine.save(format(format), path, header, rows);
    }

    /**
     * {@link #save(String, Path, List, Iterable)} with a format instance, installed or not.
     *
     * @throws IllegalArgumentException if {@code format} is null, and as the other {@code save}
     */
    public void save(FileFormat format, Path path, List<String> header, Iterable<?> rows) throws IOException {
        engine.save(Check.notNull(format, "format"), path, header, rows);
    }

    /**
     * Saves the rows of one key of a resumable {@code Fao} ({@link FaoBuilder#withResume(boolean)}):
     * durable when this returns (with fsync on, the default: the journal is fsynced once per
     * call, the durability boundary), published once by {@link #close()} of this or a later run.
     * A key that is already durable (saved earlier in this run or by a run that was killed) is
     * not saved again: nothing is read from {@code rows} and {@code false} is returned. If the
     * save fails (row source throws, invalid row, disk error), the key is not durable and may be
     * saved again; unlike the non-resumable mode, the output is not discarded.
     *
     * <p>The rows of one key stay together and in order in the file; keys appear in the order
     * their saves completed (keys of earlier runs first). Blocks while it writes and fsyncs;
     * thread-safe; workers save different keys in parallel (each into its own journal log).
     *
     * @param key    the caller's id of these rows (a chunk id, an input id), unique per path
     * @param format {@code "csv"} or {@code "jsonl"} (formats with a {@link io.multirunnable.fao.spi.RowEncoder})
     * @param path   the output file; the journal is {@code .<file name>.resume/} beside it
     * @param header as in {@link #save(String, Path, List, Iterable)}; must equal the journal's
     * @param rows   the rows, read once, in order
     * @return {@code true} if the rows were saved, {@code false} if the key was durable already
     * @throws IllegalStateException    if this {@code Fao} is not resumable or is closed, or another
     *                                  worker is saving the same key right now
     * @throws IllegalArgumentException if an argument is null, the format cannot be resumed (json,
     *                                  xlsx), or the format, strategy, header or format settings differ
     *                                  from those the journal was started with (the message names both)
     * @throws IOException              if the journal cannot be written
     * @since 0.3
     */
    public boolean save(String key, String format, Path path, List<String> header, Iterable<?> rows) throws IOException {
        return engine.saveKeyed(Check.notNull(key, "key"), format(format), path, header, rows);
    }

    /**
     * The keys of {@code path} that are durable: saved by this run, or by an earlier run of a
     * resumable {@code Fao} over the same path that did not publish (it was killed, or its close
     * failed). A job skips these. The first call for a path reads its journal (recovering from a
     * crash: a torn last record is cut off). Empty after the journal was published.
     *
     * @param path the path given to {@link #save(String, String, Path, List, Iterable)}
     * @return an immutable snapshot
     * @throws IllegalStateException    if this {@code Fao} is not resumable or is closed
     * @throws IllegalArgumentException if the journal was started with another strategy
     * @throws IOException              if the journal cannot be read
     * @since 0.3
     */
    public Set<String> durableKeys(Path path) throws IOException {
        return engine.durableKeys(path);
    }

    /**
     * Whether {@code key} of {@code path} is durable; see {@link #durableKeys(Path)}.
     *
     * @since 0.3
     */
    public boolean isDone(Path path, String key) throws IOException {
        return engine.isDone(path, key);
    }

    /**
     * The files published by {@link #close()} (outputs and zip archives), in the order they
     * were moved into place; empty before close.
     */
    public List<Path> published() {
        return engine.published();
    }

    /**
     * Completes every output that was not discarded and moves it into place atomically (builds
     * each zip archive), then deletes all temporary files. Idempotent. Blocks until running
     * chunk writes end.
     *
     * @throws IOException if an output could not be completed or moved; it is then not
     *                     published (and its existing file untouched), the others are
     */
    @Override
    public void close() throws IOException {
        engine.close();
    }

    @Override
    public String toString() {
        return "Fao" + config;
    }
}
