package io.multirunnable.fao.internal;

import io.multirunnable.fao.Fao;
import io.multirunnable.fao.FaoConfig;
import io.multirunnable.fao.SavingStrategy;
import io.multirunnable.fao.WriteMode;
import io.multirunnable.fao.spi.FileFormat;
import io.multirunnable.fao.spi.FormatSettings;
import io.multirunnable.fao.spi.RowEncoder;
import io.multirunnable.fao.spi.RowWriter;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * One output file (or zip entry) being written to a temporary file. All writer access happens
 * under {@link #lock}; header and width are published through volatile fields once set, so
 * rows can be normalised outside the lock.
 */
final class Output {
    private static final System.Logger LOG = System.getLogger(Output.class.getName());

    final Path file;
    /** The archive this output is an entry of, or {@code null}. */
    final Path zip;
    final FileFormat format;
    private final FaoConfig config;
    private final BooleanSupplier faoClosed;
    private final Progress progress;
    final ReentrantLock lock = new ReentrantLock();

    // guarded by lock
    private RowWriter writer;
    private Path temp;
    /** The temporary file's handle, owned here, not by the format: closed on every path. */
    private FileChannel channel;
    /**
     * The gzip member of a compressed output whose encoded chunks are deflated by the workers
     * outside the lock and spliced in; {@code null} otherwise.
     */
    private Gzip.Member member;
    private long rows;
    /** The sheets of {@code ONE_SHEET_PER_WORKER}, else {@code null}. */
    private final Sheets sheets;
    private Throwable failure;
    private boolean finished;

    // written under lock, read anywhere
    private volatile FormatSettings settings;
    private volatile List<String> header;
    private volatile int width = -1;

    Output(OutputPaths.Target target, FileFormat format, FaoConfig config, BooleanSupplier faoClosed, Progress progress) {
        this.file = target.file();
        this.zip = target.zip();
        this.format = format;
        this.config = config;
        this.faoClosed = faoClosed;
        this.progress = progress;
        this.sheets = config.strategy() == SavingStrategy.ONE_SHEET_PER_WORKER ? new Sheets() : null;
    }

    String entryName() {
        return file.getFileName().toString();
    }

    /** Writes one save's rows, in chunks; on any failure after the checks the output is discarded. */
    void save(List<String> explicitHeader, Iterable<?> rows) throws IOException {
        lock.lock();
        try {
            check(explicitHeader);
        } finally {
            lock.unlock();
        }
        boolean discardOnFailure = true;
        try {
            Iterator<?> it = rows.iterator();
            List<Object> raw = new ArrayList<>(Fao.CHUNK_ROWS);
            List<List<?>> ready = new ArrayList<>(Fao.CHUNK_ROWS);
            long index = 0;
            boolean first = true;
            boolean shared = config.strategy() == SavingStrategy.ALL_THREADS_ONE_FILE;
            RowEncoder encoder = null;
            boolean encoderAsked = false;
            String sheetName = sheets == null ? null : OutputPaths.rawWorkerName();
            // gzip chunks are deflated by each worker, outside the lock, for our own formats
            // (they flush their buffered bytes in writeEncoded before anything is spliced in)
            boolean parallelGzip = shared && Gzip.named(entryName())
                    && (format instanceof CsvFormat || format instanceof JsonFormat);
            Deflater deflater = null;
            try {
                while (true) {
                    raw.clear();
                    ready.clear();
                    while (raw.size() < Fao.CHUNK_ROWS && it.hasNext()) {
                        raw.add(it.next());
                    }
                    int w = width;
                    List<String> h = header;
                    byte[] encoded = null;
                    byte[] deflated = null;
                    if (w >= 0) {
                        normalise(raw, ready, h, w, index);
                        if (shared && !ready.isEmpty()) {
                            // encode outside the lock, in parallel with other workers, if the format can
                            if (!encoderAsked) {
                                encoder = format.encoder(settings);
                                encoderAsked = true;
                            }
                            if (encoder != null) {
                                encoded = encoder.encode(ready);
                                if (parallelGzip) {
                                    if (deflater == null) {
                                        deflater = new Deflater(config.gzipLevel(), true);
                                    }
                                    deflated = Gzip.deflate(deflater, encoded);
                                }
                            }
                        }
                    }
                    long total;
                    Sheets.Sheet parallelSheet = null;
                    lock.lock();
                    try {
                        if (first) {
                            first = false;
                            try {
                                check(explicitHeader); // again: another save may have opened the output meanwhile
                                if (sheets != null) {
                                    sheets.check(sheetName);
                                }
                            } catch (IllegalArgumentException | IllegalStateException e) {
                                discardOnFailure = false;
                                throw e;
                            }
                        } else {
                            usable();
                        }
                        if (writer == null) {
                            open(explicitHeader, raw.isEmpty() ? null : raw.get(0));
                        }
                        if (w < 0) {
                            if (width < 0 && !raw.isEmpty()) {
                                width = Rows.values(raw.get(0), header, index).size();
                            }
                            normalise(raw, ready, header, width, index);
                        }
                        if (sheets != null) {
                            Sheets.Sheet sheet = sheets.get(writer, sheetName);
                            if (format.writesSheetsInParallel()) {
                                parallelSheet = sheet; // written below, outside the output's lock
                            } else {
                                sheet.write(ready, describe());
                            }
                        } else if (deflated != null && member != null) {
                            writer.writeEncoded(new byte[0]); // the format's buffered bytes first
                            member.writeDeflated(deflated, encoded);
                        } else if (encoded != null) {
                            writer.writeEncoded(encoded);
                        } else {
                            for (List<?> row : ready) {
                                writer.write(row);
                            }
                        }
                        this.rows += ready.size();
                        total = this.rows;
                    } finally {
                        lock.unlock();
                    }
                    if (parallelSheet != null) {
                        parallelSheet.write(ready, describe());
                    }
                    index += raw.size();
                    if (!ready.isEmpty() || raw.size() < Fao.CHUNK_ROWS) {
                        progress.report(file, total);
                    }
                    if (raw.size() < Fao.CHUNK_ROWS) {
                        return;
                    }
                }
            } finally {
                if (deflater != null) {
                    deflater.end();
                }
            }
        } catch (IOException | RuntimeException | Error e) {
            if (discardOnFailure) {
                discard(e);
            }
            throw e;
        }
    }

    private static void normalise(List<Object> raw, List<List<?>> ready, List<String> header, int width, long start) {
        long index = start;
        for (Object row : raw) {
            ready.add(Rows.fit(Rows.values(row, header, index), width, header, index));
            index++;
        }
    }

    /** Refuses a header that names a column twice: JSON keys, map rows and readers need unique names. */
    static void checkUnique(List<String> header) {
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            Integer before = seen.putIfAbsent(header.get(i), i);
            if (before != null) {
                throw new IllegalArgumentException("header " + header + " names column '" + header.get(i) + "' twice (at "
                        + before + " and " + i + "); column names must be unique");
            }
        }
    }

    static void closeQuietly(Closeable c, Throwable failure) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException | RuntimeException e) {
                if (failure != null && failure != e) {
                    failure.addSuppressed(e);
                }
            }
        }
    }

    /** The checks of a save's first chunk, under the lock: nothing is discarded if they fail. */
    private void check(List<String> explicitHeader) {
        usable();
        if (header != null && explicitHeader != null && !explicitHeader.equals(header)) {
            throw headerMismatch(explicitHeader, header);
        }
    }

    private void usable() {
        if (failure != null) {
            throw new IllegalStateException("output " + describe() + " was discarded because an earlier save failed: "
                    + failure, failure);
        }
        if (finished || faoClosed.getAsBoolean()) {
            throw new IllegalStateException("this Fao is closed; output " + describe() + " takes no more rows");
        }
    }

    private IllegalArgumentException headerMismatch(List<String> given, List<String> existing) {
        return new IllegalArgumentException("header " + given + " differs from the header " + existing
                + " the output " + describe() + " was started with");
    }

    String describe() {
        return zip == null ? file.toString() : zip + "!" + entryName();
    }

    private void open(List<String> explicitHeader, Object firstRow) throws IOException {
        List<String> h = explicitHeader != null ? List.copyOf(explicitHeader) : Rows.headerOf(firstRow);
        checkUnique(h);
        Path target = zip != null ? zip : file;
        FormatSettings fs = settings(config, h, target);
        AtomicFiles.removeStale(target);
        temp = AtomicFiles.createTemp(target, null);
        try {
            channel = FileChannel.open(temp, StandardOpenOption.WRITE);
            OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
            if (!Gzip.named(entryName())) {
                try (InputStream existing = existing()) {
                    writer = format.open(out, existing, fs);
                }
            } else {
                openCompressed(out, fs);
            }
        } catch (IOException | RuntimeException | Error e) {
            closeQuietly(channel, e);
            channel = null;
            AtomicFiles.deleteQuietly(temp);
            temp = null;
            throw e;
        }
        settings = fs;
        header = h;
        if (!h.isEmpty()) {
            width = h.size();
        }
    }

    /** The settings a format opens an output of {@code config} with (also used by the resume journal). */
    static FormatSettings settings(FaoConfig config, List<String> header, Path target) {
        return new FormatSettings(header, config.formulaProtection(), target,
                List.of(config.csvOptions(), config.jsonOptions()));
    }

    /**
     * Opens the writer onto a gzip stream. Appending keeps the existing compressed bytes as they
     * are and starts a new gzip member after them; the format still reads the existing content
     * (uncompressed) to learn how it ends, and what it reproduces of it is dropped.
     */
    private void openCompressed(OutputStream out, FormatSettings fs) throws IOException {
        boolean appending;
        try (InputStream raw = existing()) {
            appending = raw != null;
            if (appending) {
                raw.transferTo(out);
            }
        }
        Gzip.Member m = Gzip.compress(out, config.gzipLevel());
        if (!appending) {
            writer = format.open(m, null, fs);
        } else {
            try (Gzip.Counting existing = new Gzip.Counting(Gzip.decompress(existing(), describe()))) {
                writer = format.open(new Gzip.SkipReproduced(m, existing), existing, fs);
            }
        }
        member = m;
    }

    /** The existing content to append to, or {@code null}. */
    private InputStream existing() throws IOException {
        if (config.writeMode() != WriteMode.APPEND) {
            return null;
        }
        if (zip == null) {
            return Files.isRegularFile(file) && Files.size(file) > 0 ? Files.newInputStream(file) : null;
        }
        if (!Files.isRegularFile(zip)) {
            return null;
        }
        ZipFile zf = new ZipFile(zip.toFile());
        ZipEntry entry = zf.getEntry(entryName());
        if (entry == null || entry.getSize() == 0) {
            zf.close();
            return null;
        }
        return new FilterInputStream(zf.getInputStream(entry)) {
            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    zf.close();
                }
            }
        };
    }

    /** Drops this output after a failed save: its temporary file goes at once. */
    void discard(Throwable cause) {
        lock.lock();
        try {
            if (failure != null || finished) {
                return;
            }
            failure = cause;
            if (sheets != null) {
                sheets.closeAll();
            }
            if (writer != null) {
                try {
                    writer.abort();
                } catch (RuntimeException e) {
                    cause.addSuppressed(e); // abort must not throw; a third-party format may all the same
                }
                writer = null;
                member = null;
            }
            // abort() may fail to close the stream (a CSV printer flushes first and throws on a
            // full disk): the handle is closed here whatever the format did
            closeQuietly(channel, cause);
            channel = null;
            AtomicFiles.deleteQuietly(temp);
            temp = null;
            LOG.log(Level.WARNING, "Discarded output " + describe() + " because a save failed: " + cause);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Completes the file on close. Returns the complete temporary file, or {@code null} if the
     * output was discarded. Throws if completing fails (the output is then discarded).
     */
    Path finish() throws IOException {
        lock.lock();
        try {
            finished = true;
            if (failure != null || writer == null) {
                return null; // discarded, or no save got as far as opening it (close raced a first save)
            }
            try {
                if (sheets != null) {
                    sheets.closeAll();
                }
                writer.close();
                channel.close(); // a no-op after a well-behaved format closed its stream
            } catch (IOException | RuntimeException | Error e) {
                failure = e;
                closeQuietly(channel, e);
                AtomicFiles.deleteQuietly(temp);
                throw e;
            } finally {
                writer = null;
                member = null;
                channel = null;
            }
            return temp;
        } finally {
            lock.unlock();
        }
    }
}
