package io.multirunnable.fao.internal;

import io.multirunnable.WorkerContext;
import io.multirunnable.fao.FaoConfig;
import io.multirunnable.fao.spi.FileFormat;
import io.multirunnable.internal.Check;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Which file a save writes under a saving strategy: the path given, a per-worker sibling, or
 * an entry of a zip archive; and the worker names used in those file names. Thread-safe.
 */
final class OutputPaths {
    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._-]");

    private OutputPaths() {
    }

    /**
     * Where a save of {@code path} by the current worker goes.
     *
     * @param file the output file (for the zip strategy, the entry's name is its file name)
     * @param zip  the archive it is an entry of, or {@code null}
     */
    record Target(Path file, Path zip) {
        /** One key per output: the file, or archive + entry. */
        String key() {
            return zip == null ? file.toString() : zip + "!" + file.getFileName();
        }

        /** The file that is published: the archive for an entry, else the file. */
        Path published() {
            return zip != null ? zip : file;
        }
    }

    static Target resolve(FaoConfig config, FileFormat format, Path path) {
        Path abs = path.toAbsolutePath().normalize();
        Check.argument(abs.getFileName() != null && abs.getParent() != null, "path must name a file but was " + path);
        boolean gz = Gzip.applies(config, format, abs);
        String name = withExtension(abs.getFileName().toString(), format, gz);
        return switch (config.strategy()) {
            case ALL_THREADS_ONE_FILE, ONE_SHEET_PER_WORKER -> new Target(abs.resolveSibling(name), null);
            case ONE_THREAD_ONE_FILE -> new Target(abs.resolveSibling(perWorker(name)), null);
            case ONE_THREAD_ONE_FILE_AND_COMPRESS_ALL -> new Target(abs.resolveSibling(perWorker(name)),
                    config.zipFile() != null ? config.zipFile().toAbsolutePath().normalize()
                            : abs.resolveSibling(stem(name) + ".zip"));
        };
    }

    private static String withExtension(String name, FileFormat format, boolean gz) {
        return name.lastIndexOf('.') > 0 ? name : name + "." + format.extension() + (gz ? Gzip.SUFFIX : "");
    }

    /** The name without its extension; a {@code .gz} goes with the one before it ({@code out.csv.gz} → {@code out}). */
    private static String stem(String name) {
        String plain = Gzip.strip(name);
        int dot = plain.lastIndexOf('.');
        return dot > 0 ? plain.substring(0, dot) : plain;
    }

    /** {@code out.csv} → {@code out-<worker>.csv}, {@code out.csv.gz} → {@code out-<worker>.csv.gz}. */
    private static String perWorker(String name) {
        String stem = stem(name);
        return stem + "-" + workerName() + name.substring(stem.length());
    }

    /** The current worker's name, safe for a file name. */
    static String workerName() {
        return UNSAFE.matcher(rawWorkerName()).replaceAll("_");
    }

    /** The current worker's name as it is (a sheet's name in {@code ONE_SHEET_PER_WORKER}). */
    static String rawWorkerName() {
        String name;
        try {
            name = WorkerContext.current().name();
        } catch (RuntimeException noRunner) {
            name = Thread.currentThread().getName();
        }
        if (name == null || name.isBlank()) {
            name = "thread-" + Thread.currentThread().threadId();
        }
        return name;
    }
}
