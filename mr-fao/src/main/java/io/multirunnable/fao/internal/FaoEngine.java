package io.multirunnable.fao.internal;

import io.multirunnable.WorkerContext;
import io.multirunnable.fao.FaoConfig;
import io.multirunnable.fao.ProgressListener;
import io.multirunnable.fao.SavingStrategy;
import io.multirunnable.fao.WriteMode;
import io.multirunnable.fao.spi.FileFormat;
import io.multirunnable.internal.Check;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/** The engine behind {@link io.multirunnable.fao.Fao}: outputs per strategy, commit on close. */
public final class FaoEngine {
    private static final System.Logger LOG = System.getLogger(FaoEngine.class.getName());
    private static final java.util.regex.Pattern UNSAFE = java.util.regex.Pattern.compile("[^A-Za-z0-9._-]");

    private final FaoConfig config;
    private final Map<String, Output> outputs = new ConcurrentHashMap<>();
    private final ReentrantLock closeLock = new ReentrantLock();
    private volatile boolean closed;
    private volatile List<Path> published = List.of();

    /** An engine for {@code config}. */
    public FaoEngine(FaoConfig config) {
        this.config = config;
    }

    boolean isClosed() {
        return closed;
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
        }
        Check.state(!closed, "this Fao is closed");
        if (config.writeMode() == WriteMode.APPEND && !format.supportsAppend()) {
            throw new IllegalArgumentException("format '" + format.name() + "' cannot append to an existing file "
                    + "(WriteMode.APPEND); use WriteMode.TRUNCATE" + ("json".equals(format.name())
                    ? ", or format 'jsonl' (JSON Lines), which can be appended to" : ""));
        }
        Path abs = path.toAbsolutePath().normalize();
        Check.argument(abs.getFileName() != null && abs.getParent() != null, "path must name a file but was " + path);
        String name = withExtension(abs.getFileName().toString(), format);
        Path file;
        Path zip = null;
        switch (config.strategy()) {
            case ALL_THREADS_ONE_FILE -> file = abs.resolveSibling(name);
            case ONE_THREAD_ONE_FILE -> file = abs.resolveSibling(perWorker(name));
            case ONE_THREAD_ONE_FILE_AND_COMPRESS_ALL -> {
                file = abs.resolveSibling(perWorker(name));
                zip = config.zipFile() != null ? config.zipFile().toAbsolutePath().normalize()
                        : abs.resolveSibling(stem(name) + ".zip");
            }
            default -> throw new IllegalStateException("unknown strategy " + config.strategy());
        }
        String key = zip == null ? file.toString() : zip + "!" + file.getFileName();
        Path zipFile = zip;
        Path outFile = file;
        Output out = outputs.computeIfAbsent(key, k -> new Output(outFile, zipFile, format, config, this));
        if (!out.format.name().equals(format.name())) {
            throw new IllegalArgumentException("output " + out.describe() + " is written as '" + out.format.name()
                    + "'; it cannot take rows as '" + format.name() + "'");
        }
        out.save(header, rows);
    }

    void progress(Path file, long rows) {
        ProgressListener listener = config.progressListener();
        if (listener != null) {
            try {
                listener.onProgress(file, rows);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "ProgressListener failed (ignored): " + e, e);
            }
        }
    }

    /** See {@link io.multirunnable.fao.Fao#close()}. */
    public void close() throws IOException {
        closeLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
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
                        moveIntoPlace(e.getValue(), o.file);
                        done.add(o.file);
                    } catch (IOException ex) {
                        deleteQuietly(e.getValue());
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
                        deleteQuietly(temps.get(o));
                    }
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
        Path temp = createTemp(zip);
        try {
            try (ZipOutputStream zos = new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16))) {
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
            moveIntoPlace(temp, zip);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(temp);
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

    /** Renames {@code temp} to {@code target} atomically (same directory), replacing it. */
    static void moveIntoPlace(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            LOG.log(Level.WARNING, "Atomic rename not supported for " + target + "; replacing it non-atomically");
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * A new empty temporary file next to {@code target} (same directory, so the final rename is
     * atomic), hidden ({@code .name.random.tmp}), with the directory's default permissions.
     */
    static Path createTemp(Path target) throws IOException {
        Path dir = target.getParent();
        String base = "." + target.getFileName() + ".";
        for (int attempt = 0; ; attempt++) {
            Path temp = dir.resolve(base + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
            try {
                return Files.createFile(temp);
            } catch (FileAlreadyExistsException e) {
                if (attempt > 10) {
                    throw e;
                }
            } catch (IOException e) {
                throw new IOException("cannot create a temporary file in " + dir + " for " + target.getFileName()
                        + " (the directory must exist and be writable): " + e, e);
            }
        }
    }

    static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                LOG.log(Level.WARNING, "Could not delete temporary file " + p + ": " + e);
            }
        }
    }

    private static String withExtension(String name, FileFormat format) {
        return name.lastIndexOf('.') > 0 ? name : name + "." + format.extension();
    }

    private static String stem(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private static String perWorker(String name) {
        int dot = name.lastIndexOf('.');
        return stem(name) + "-" + workerName() + (dot > 0 ? name.substring(dot) : "");
    }

    /** The current worker's name, safe for a file name. */
    static String workerName() {
        String name;
        try {
            name = WorkerContext.current().name();
        } catch (RuntimeException noRunner) {
            name = Thread.currentThread().getName();
        }
        if (name == null || name.isBlank()) {
            name = "thread-" + Thread.currentThread().threadId();
        }
        return UNSAFE.matcher(name).replaceAll("_");
    }

}
