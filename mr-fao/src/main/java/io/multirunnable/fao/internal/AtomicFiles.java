package io.multirunnable.fao.internal;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Atomic publication of files: hidden temporary files beside their target, fsync, rename, and
 * removal of the temporary files that dead writers left behind.
 *
 * <p>A temporary file for {@code dir/name} is {@code dir/.name.<pid>-<start>-<random>[.<kind>].tmp}:
 * the writer's process id and its start time (base 36 milliseconds) are in the name, so a later
 * writer of the same target can tell whether the process that made it is still running. A
 * process id alone is not enough: ids are reused, and a live stranger with a reused id would
 * keep the files forever but never lose them, while the start time makes the check exact on one
 * machine. Files of writers on other machines or in other PID namespaces sharing the directory
 * look dead and are removed; do not share a target directory between such writers.
 *
 * <p>Thread-safe (stateless).
 */
public final class AtomicFiles {
    private static final System.Logger LOG = System.getLogger(AtomicFiles.class.getName());
    private static final long PID = ProcessHandle.current().pid();
    private static final String OWNER = PID + "-" + startOf(ProcessHandle.current()).map(AtomicFiles::base36).orElse("0");
    private static final boolean WINDOWS = System.getProperty("os.name", "").startsWith("Windows");

    /**
     * Told each durability step ("sync FILE", "move FILE", "syncdir DIR") when set; a white-box
     * test's window on the order of fsync and rename, which no file system shows afterwards.
     */
    static volatile Consumer<String> observer;

    private AtomicFiles() {
    }

    static void observe(String step) {
        Consumer<String> o = observer;
        if (o != null) {
            o.accept(step);
        }
    }

    /** The {@code <pid>-<start>} part of this process's temporary file names. */
    static String owner() {
        return OWNER;
    }

    /**
     * A new empty temporary file next to {@code target} (same directory, so the final rename is
     * atomic), hidden, with the directory's default permissions ({@code Files.createFile}, not the
     * 0600 of {@code createTempFile}).
     *
     * @param kind {@code null} for the file that becomes {@code target}, else a short word naming
     *             a helper file of the writer (e.g. {@code "sxssf"}), which is cleaned the same way
     */
    public static Path createTemp(Path target, String kind) throws IOException {
        Path dir = target.getParent();
        String base = "." + target.getFileName() + "." + OWNER + "-";
        String suffix = (kind == null ? "" : "." + kind) + ".tmp";
        for (int attempt = 0; ; attempt++) {
            Path temp = dir.resolve(base + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + suffix);
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

    /**
     * Deletes the temporary files of {@code target} whose writer process is no longer running
     * (killed, crashed, power lost). Files of this process and of live processes are kept. Never
     * throws: a file that cannot be deleted is logged and left.
     *
     * @return how many files were deleted
     */
    static int removeStale(Path target) {
        Path dir = target.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            return 0;
        }
        Pattern mine = Pattern.compile("\\." + Pattern.quote(target.getFileName().toString())
                + "\\.(\\d+)-([0-9a-z]+)-[0-9a-z]+(\\.[A-Za-z0-9]+)?\\.tmp");
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "." + globEscape(target.getFileName().toString()) + ".*.tmp")) {
            for (Path p : files) {
                Matcher m = mine.matcher(p.getFileName().toString());
                if (m.matches() && !alive(Long.parseLong(m.group(1)), m.group(2))) {
                    try {
                        if (Files.deleteIfExists(p)) {
                            removed++;
                            LOG.log(Level.INFO, "Removed " + p + ", left by process " + m.group(1) + " which is no longer running");
                        }
                    } catch (IOException e) {
                        LOG.log(Level.WARNING, "Could not remove stale temporary file " + p + ": " + e);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "Could not look for stale temporary files of " + target + ": " + e);
        }
        return removed;
    }

    /** Whether the process {@code pid} that started at {@code start} (base 36 ms, "0" if unknown) runs. */
    static boolean alive(long pid, String start) {
        if (pid == PID) {
            return true;
        }
        Optional<ProcessHandle> p;
        try {
            p = ProcessHandle.of(pid);
        } catch (RuntimeException e) {
            return true; // cannot tell: keep the files
        }
        if (p.isEmpty() || !p.get().isAlive()) {
            return false;
        }
        Optional<Instant> started = startOf(p.get());
        // a reused id: the running process started at another time than the writer
        return started.isEmpty() || "0".equals(start) || base36(started.get()).equals(start);
    }

    private static Optional<Instant> startOf(ProcessHandle p) {
        try {
            return p.info().startInstant();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String base36(Instant t) {
        return Long.toString(t.toEpochMilli(), 36);
    }

    private static String globEscape(String s) {
        return s.replaceAll("([\\\\*?\\[\\]{}])", "\\\\$1");
    }

    /**
     * Makes {@code file}'s content durable ({@code fsync}); done before the rename so a crash
     * after it cannot publish a name whose data never reached the disk.
     */
    static void sync(Path file) throws IOException {
        try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE)) {
            c.force(true);
        }
        observe("sync " + file);
    }

    /**
     * Makes the directory entries of {@code dir} durable, so a rename survives power loss. Not
     * possible on Windows (directories cannot be opened), where the rename is what NTFS journals.
     */
    static void syncDirectory(Path dir) throws IOException {
        if (WINDOWS) {
            return;
        }
        try (FileChannel c = FileChannel.open(dir, StandardOpenOption.READ)) {
            c.force(true);
        }
        observe("syncdir " + dir);
    }

    /**
     * Renames {@code temp} to {@code target} atomically (same directory), replacing it; with
     * {@code durable}, fsyncs {@code temp} before and the directory after.
     */
    static void publish(Path temp, Path target, boolean durable) throws IOException {
        if (durable) {
            sync(temp);
        }
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            LOG.log(Level.WARNING, "Atomic rename not supported for " + target + "; replacing it non-atomically");
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        observe("move " + target);
        if (durable) {
            syncDirectory(target.getParent());
        }
    }

    /** Deletes {@code p} if it exists; logs instead of throwing. */
    public static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (NoSuchFileException ignored) {
                // gone already
            } catch (IOException e) {
                LOG.log(Level.WARNING, "Could not delete temporary file " + p + ": " + e);
            }
        }
    }
}
