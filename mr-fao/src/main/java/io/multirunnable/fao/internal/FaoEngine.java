package io.multirunnable.fao.internal;

import io.multirunnable.fao.FaoConfig;
import io.multirunnable.fao.SavingStrategy;
import io.multirunnable.fao.WriteMode;
import io.multirunnable.fao.spi.FileFormat;
import io.multirunnable.internal.Check;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * The engine behind {@link io.multirunnable.fao.Fao}: one {@link Output} per target, commit on
 * close. Which file a save goes to is {@link OutputPaths}' business; temporary files, fsync and
 * rename are {@link AtomicFiles}'.
 */
public final class FaoEngine {
    private static final System.Logger LOG = System.getLogger(FaoEngine.class.getName());

    private final FaoConfig config;
    private final Map<String, Output> outputs = new ConcurrentHashMap<>();
    private final ReentrantLock closeLock = new ReentrantLock();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Progress progress;
    private volatile List<Path> published = List.of();
    /** The resumable mode's journals, or {@code null} without {@code withResume(true)}. */
    private final ResumableOutputs resumable;

    /** An engine for {@code config}. */
    public FaoEngine(FaoConfig config) {
        this.config = config;
        this.progress = new Progress(config.progressListener());
        this.resumable = config.resume() ? new ResumableOutputs(config, progress, closed::get) : null;
    }

    // ---- resumable mode (see ResumableOutputs / Journal); the only hooks are here and in close()

    /** See {@link io.multirunnable.fao.Fao#save(String, String, Path, List, Iterable)}. */
    public boolean saveKeyed(String key, FileFormat format, Path path, List<String> header, Iterable<?> rows) throws IOException {
        return resumableOnly("save(key, ...)").save(key, format, path, header, rows);
    }

    /** See {@link io.multirunnable.fao.Fao#durableKeys(Path)}. */
    public java.util.Set<String> durableKeys(Path path) throws IOException {
        return resumableOnly("durableKeys").durableKeys(path);
    }

    /** See {@link io.multirunnable.fao.Fao#isDone(Path, String)}. */
    public boolean isDone(Path path, String key) throws IOException {
        return resumableOnly("isDone").isDone(path, key);
    }

    private ResumableOutputs resumableOnly(String what) {
        if (resumable == null) {
            throw new IllegalStateException(what + " needs a resumable Fao: build it with FaoBuilder.withResume(true)"
                    + " (strategy ALL_THREADS_ONE_FILE or ONE_THREAD_ONE_FILE, WriteMode.TRUNCATE)");
        }
        return resumable;
    }

    /** See {@link io.multirunnable.fao.Fao#published()}. */
    public List<Path> published() {
        return published;
    }

    /** See {@link io.multirunnable.fao.Fao#save(FileFormat, Path, List, Iterable)}. */
    public void save(FileFormat format, Path path, List<String> header, Iterable<?> rows) throws IOException {
        Check.notNull(path, "path");
        Check.notNull(rows, "rows");
        if (header != null) {
            Check.noNulls(header, "header");
            Output.checkUnique(header);
        }
        Check.state(!closed.get(), "this Fao is closed");
        if (resumable != null) {
            throw new IllegalStateException("this Fao was built withResume(true): every save needs a key, so a new run"
                    + " can tell what is done; use save(key, format, path, header, rows)");
        }
        if (config.writeMode() == WriteMode.APPEND && !format.supportsAppend()) {
            // refused whether or not the file exists yet: a second run would fail otherwise
            throw new IllegalArgumentException("format '" + format.name() + "' does not support WriteMode.APPEND"
                    + ("json".equals(format.name()) ? " (a JSON array cannot grow without rewriting the whole file)" : "")
                    + ", whether or not the file exists yet; use WriteMode.TRUNCATE"
                    + ("json".equals(format.name()) ? ", or format 'jsonl' (JSON Lines), which can be appended to" : "")
                    + Formats.installed().stream()
                            .filter(f -> f != format && f.extension().equals(format.extension()) && f.supportsAppend())
                            .map(f -> ", or format '" + f.name() + "', which writes the same files and can append")
                            .findFirst().orElse(""));
        }
        if (config.strategy() == SavingStrategy.ONE_SHEET_PER_WORKER) {
            Sheets.checkFormat(format, config.writeMode());
        }
        OutputPaths.Target target = OutputPaths.resolve(config, format, path);
        Output out = outputs.computeIfAbsent(target.key(), k -> new Output(target, format, config, closed::get, progress));
        if (!out.format.name().equals(format.name())) {
            throw new IllegalArgumentException("output " + out.describe() + " is written as '" + out.format.name()
                    + "'; it cannot take rows as '" + format.name() + "'");
        }
        out.save(header, rows);
    }

    /** See {@link io.multirunnable.fao.Fao#close()}. */
    public void close() throws IOException {
        closeLock.lock();
        try {
            if (closed.getAndSet(true)) {
                return;
            }
            List<Output> all = new ArrayList<>(outputs.values());
            all.sort(Comparator.comparing(Output::describe));
            List<Path> done = new ArrayList<>();
            IOException error = null;
            Map<Path, List<Output>> zips = new LinkedHashMap<>();
            Map<Output, Path> temps = new LinkedHashMap<>();
            for (Output o : all) {
                try {
                    Path temp = o.finish();
                    if (temp != null) {
                        temps.put(o, temp);
                    }
                } catch (IOException | RuntimeException e) {
                    error = chain(error, new IOException("could not complete " + o.describe() + ": " + e, e));
                }
                if (o.zip != null) {
                    zips.computeIfAbsent(o.zip, z -> new ArrayList<>()).add(o);
                }
            }
            for (Map.Entry<Output, Path> e : temps.entrySet()) {
                Output o = e.getKey();
                if (o.zip == null) {
                    try {
                        AtomicFiles.publish(e.getValue(), o.file, config.fsync());
                        done.add(o.file);
                    } catch (IOException ex) {
                        AtomicFiles.deleteQuietly(e.getValue());
                        error = chain(error, ex);
                    }
                }
            }
            for (Map.Entry<Path, List<Output>> z : zips.entrySet()) {
                List<Output> entries = z.getValue();
                List<Output> failed = entries.stream().filter(o -> !temps.containsKey(o)).toList();
                try {
                    if (failed.isEmpty()) {
                        writeZip(z.getKey(), entries, temps);
                        done.add(z.getKey());
                    } else {
                        LOG.log(Level.WARNING, "Zip archive " + z.getKey() + " not written: entries failed: "
                                + failed.stream().map(Output::entryName).collect(Collectors.joining(", ")));
                    }
                } catch (IOException ex) {
                    error = chain(error, ex);
                } finally {
                    for (Output o : entries) {
                        AtomicFiles.deleteQuietly(temps.get(o));
                    }
                }
            }
            if (resumable != null) {
                try {
                    done.addAll(resumable.publish());
                } catch (IOException e) {
                    error = chain(error, e);
                }
            }
            published = List.copyOf(done);
            if (error != null) {
                throw error;
            }
        } finally {
            closeLock.unlock();
        }
    }

    private void writeZip(Path zip, List<Output> entries, Map<Output, Path> temps) throws IOException {
        AtomicFiles.removeStale(zip);
        Path temp = AtomicFiles.createTemp(zip, null);
        // the engine owns the file handle: a failing ZipOutputStream.close() (disk full while
        // finishing) skips closing the stream below it, and the handle must go all the same
        FileChannel channel = null;
        try {
            channel = FileChannel.open(temp, StandardOpenOption.WRITE);
            try (ZipOutputStream zos = new ZipOutputStream(new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16))) {
                Set<String> names = entries.stream().map(Output::entryName).collect(Collectors.toSet());
                if (config.writeMode() == WriteMode.APPEND && Files.isRegularFile(zip)) {
                    try (ZipFile old = new ZipFile(zip.toFile())) {
                        Enumeration<? extends ZipEntry> it = old.entries();
                        while (it.hasMoreElements()) {
                            ZipEntry e = it.nextElement();
                            if (!names.contains(e.getName())) {
                                zos.putNextEntry(new ZipEntry(e.getName()));
                                try (InputStream in = old.getInputStream(e)) {
                                    in.transferTo(zos);
                                }
                                zos.closeEntry();
                            }
                        }
                    }
                }
                for (Output o : entries) {
                    zos.putNextEntry(new ZipEntry(o.entryName()));
                    Files.copy(temps.get(o), zos);
                    zos.closeEntry();
                }
            }
            AtomicFiles.publish(temp, zip, config.fsync());
        } catch (IOException | RuntimeException e) {
            Output.closeQuietly(channel, e);
            AtomicFiles.deleteQuietly(temp);
            throw e instanceof IOException io ? io : new IOException("could not write zip archive " + zip + ": " + e, e);
        }
    }

    private static IOException chain(IOException first, IOException next) {
        if (first == null) {
            return next;
        }
        first.addSuppressed(next);
        return first;
    }

}
