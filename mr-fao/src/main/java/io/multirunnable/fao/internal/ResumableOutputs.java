package io.multirunnable.fao.internal;

import io.multirunnable.fao.FaoConfig;
import io.multirunnable.fao.spi.FileFormat;
import io.multirunnable.internal.Check;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * The resumable mode of {@link FaoEngine} ({@link io.multirunnable.fao.FaoBuilder#withResume}):
 * one {@link Journal} per save path, opened (and recovered) on first use, published on close.
 * Thread-safe.
 */
final class ResumableOutputs {
    private final FaoConfig config;
    private final Progress progress;
    private final BooleanSupplier closed;
    private final Map<Path, Journal> journals = new HashMap<>();

    ResumableOutputs(FaoConfig config, Progress progress, BooleanSupplier closed) {
        this.config = config;
        this.progress = progress;
        this.closed = closed;
    }

    /** The journal of {@code path}, recovered from disk on first use. */
    private Journal journal(Path path) throws IOException {
        Check.notNull(path, "path");
        Path abs = path.toAbsolutePath().normalize();
        Check.argument(abs.getFileName() != null && abs.getParent() != null, "path must name a file but was " + path);
        synchronized (journals) {
            Check.state(!closed.getAsBoolean(), "this Fao is closed");
            Journal j = journals.get(abs);
            if (j == null) {
                j = Journal.open(abs, config, progress);
                journals.put(abs, j);
            }
            return j;
        }
    }

    boolean save(String key, FileFormat format, Path path, List<String> header, Iterable<?> rows) throws IOException {
        Check.notNull(key, "key");
        Check.notNull(rows, "rows");
        if (header != null) {
            Check.noNulls(header, "header");
            Output.checkUnique(header);
        }
        Journal j = journal(path);
        String output = OutputPaths.resolve(config, format, path).file().getFileName().toString();
        return j.save(key, format, output, header, rows);
    }

    Set<String> durableKeys(Path path) throws IOException {
        return journal(path).durableKeys();
    }

    boolean isDone(Path path, String key) throws IOException {
        Check.notNull(key, "key");
        return journal(path).isDone(key);
    }

    /** Publishes every journal (see {@link Journal#publish()}); called once, by close. */
    List<Path> publish() throws IOException {
        List<Journal> all;
        synchronized (journals) {
            all = new ArrayList<>(journals.values());
        }
        all.sort(Comparator.comparing(j -> j.path));
        List<Path> done = new ArrayList<>();
        IOException error = null;
        for (Journal j : all) {
            try {
                done.addAll(j.publish());
            } catch (IOException | RuntimeException e) {
                j.abandon();
                IOException io = new IOException("could not publish " + j.path + " from its resume journal " + j.dir
                        + " (kept: the next run with withResume(true) publishes it): " + e, e);
                if (error == null) {
                    error = io;
                } else {
                    error.addSuppressed(io);
                }
            }
        }
        if (error != null) {
            throw error;
        }
        return done;
    }
}
