package io.multirunnable.fao.internal;

import io.multirunnable.fao.FaoConfig;
import io.multirunnable.fao.spi.FileFormat;
import io.multirunnable.fao.spi.FormatSettings;
import io.multirunnable.fao.spi.RowEncoder;
import io.multirunnable.fao.spi.RowWriter;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.Writer;
import java.lang.System.Logger.Level;
import java.lang.reflect.RecordComponent;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.CRC32;

/**
 * The resume journal of one save path: a directory {@code .<name>.resume} beside it holding a
 * {@code manifest} (format, strategy, header, settings; written once with temp + fsync + rename)
 * and append-only {@code log-*.log} files of framed records.
 *
 * <p>Record: {@code type:u8, length:i32, body[length], crc32:i32} (CRC of type, length and body).
 * {@code DATA} bodies are {@code saveId:i64} + a chunk of rows encoded by the format's
 * {@link RowEncoder}; a {@code COMMIT} body is {@code saveId:i64, rows:i64, key, output} (strings
 * as {@code i32} length + UTF-8). A key is durable once its COMMIT record is whole on disk; DATA
 * records without a COMMIT (a save that failed or was killed) are ignored. Recovery reads each
 * log up to its first torn or corrupt record and truncates it there.
 *
 * <p>One log is written by one save at a time (a pool of logs, one per concurrent save); logs
 * of earlier runs are only read. Thread-safe: shared state under the journal's monitor.
 */
final class Journal {
    private static final System.Logger LOG = System.getLogger(Journal.class.getName());
    static final byte[] MAGIC = "MRFAOJ1\n".getBytes(StandardCharsets.US_ASCII);
    static final byte DATA = 1;
    static final byte COMMIT = 2;
    static final String MANIFEST = "manifest";
    private static final int VERSION = 1;
    /**
     * A log with a bad magic shorter than magic + this many bytes is taken as torn at creation
     * (e.g. a power loss that kept the file size but not the data); a longer one is corruption
     * and refused. The smallest DATA + COMMIT pair is longer.
     */
    static final int TORN_CREATION_SLACK = 64;

    /** What one durable key holds: where its encoded rows are, in order. */
    record Committed(String key, String output, Path log, long[] offsets, int[] lengths, long rows) {
    }

    /** The shape and settings the journal was started with. */
    record Manifest(String format, String strategy, List<String> header, int width, String settings) {
    }

    final Path path;
    final Path dir;
    private final FaoConfig config;
    private final Progress progress;

    // guarded by this
    private Manifest manifest;
    private final LinkedHashMap<String, Committed> committed = new LinkedHashMap<>();
    private final Set<String> inFlight = new java.util.HashSet<>();
    private final List<LogFile> freeLogs = new ArrayList<>();
    private final List<LogFile> openLogs = new ArrayList<>();
    private final Map<String, Long> outputRows = new HashMap<>();
    private int nextLog;
    private boolean dirReady;
    /** Set by {@link #publish()}: a save still running then must not report its key as saved. */
    private boolean publishing;
    private FileFormat format;

    private Journal(Path path, FaoConfig config, Progress progress) {
        this.path = path;
        this.dir = journalDir(path);
        this.config = config;
        this.progress = progress;
    }

    static Path journalDir(Path path) {
        return path.resolveSibling("." + path.getFileName() + ".resume");
    }

    /** Opens the journal of {@code path} (absolute, normalised) and recovers what an earlier run left. */
    static Journal open(Path path, FaoConfig config, Progress progress) throws IOException {
        Journal j = new Journal(path, config, progress);
        j.recover();
        return j;
    }

    // ------------------------------------------------------------------ recovery

    private synchronized void recover() throws IOException {
        removeDropped(path);
        if (!Files.isDirectory(dir)) {
            return;
        }
        Path m = dir.resolve(MANIFEST);
        if (!Files.isRegularFile(m)) {
            // killed before the manifest was in place: no log can hold a commit yet
            LOG.log(Level.INFO, "Resume journal " + dir + " has no manifest (the first save was killed before it was "
                    + "written); starting it afresh");
            deleteContents(dir);
            return;
        }
        manifest = readManifest(m);
        if (!manifest.strategy().equals(config.strategy().name())) {
            throw new IllegalArgumentException("the resume journal " + dir + " of " + path + " was started with strategy "
                    + manifest.strategy() + " but this Fao has strategy " + config.strategy()
                    + "; resume with the same FaoBuilder.withStrategy, or delete " + dir + " to start over");
        }
        List<Path> logs = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            for (Path p : s) {
                String n = p.getFileName().toString();
                if (n.startsWith("log-") && n.endsWith(".log")) {
                    logs.add(p);
                } else if (!n.equals(MANIFEST)) {
                    AtomicFiles.deleteQuietly(p); // a manifest temp file of a killed first save
                }
            }
        }
        logs.sort(null);
        for (Path log : logs) {
            readLog(log, committed);
        }
        for (Committed c : committed.values()) {
            outputRows.merge(c.output(), c.rows(), Long::sum);
        }
        dirReady = true;
        nextLog = logs.size();
        LOG.log(Level.INFO, "Resuming " + path + ": " + committed.size() + " durable keys in " + dir);
    }

    /**
     * Reads one log: every whole, correct record up to the first torn or corrupt one, where the
     * file is then truncated (a kill -9 mid-write leaves such a tail). Adds its commits to
     * {@code into}; a key committed twice keeps its first commit.
     *
     * @return the length of the valid prefix
     */
    static long readLog(Path log, Map<String, Committed> into) throws IOException {
        long size = Files.size(log);
        long valid;
        Map<Long, List<long[]>> extents = new HashMap<>();
        try (InputStream raw = Files.newInputStream(log);
             DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
            byte[] magic = new byte[MAGIC.length];
            int got = in.readNBytes(magic, 0, magic.length);
            if (got < MAGIC.length || !Arrays.equals(magic, MAGIC)) {
                if (size < MAGIC.length + TORN_CREATION_SLACK) {
                    // killed (or power lost) while the log was being created: its magic is fsynced
                    // before any record is written, so no commit can follow a bad or short magic
                    truncate(log, size, 0);
                    return 0;
                }
                throw new IOException("resume journal file " + log + " is not a journal log (bad magic); delete "
                        + log.getParent() + " to start over");
            }
            long pos = MAGIC.length;
            valid = pos;
            CRC32 crc = new CRC32();
            while (true) {
                int type = in.read();
                if (type < 0) {
                    break;
                }
                int len;
                byte[] body;
                int stored;
                try {
                    len = in.readInt();
                    if (len < 8 || len > size - pos - 9) {
                        break; // torn length, or a length past the end
                    }
                    body = in.readNBytes(len);
                    if (body.length < len) {
                        break;
                    }
                    stored = in.readInt();
                } catch (EOFException torn) {
                    break;
                }
                crc.reset();
                crc.update(type);
                crc.update(ByteBuffer.allocate(4).putInt(0, len));
                crc.update(body);
                if ((int) crc.getValue() != stored) {
                    break;
                }
                ByteBuffer b = ByteBuffer.wrap(body);
                long saveId = b.getLong();
                if (type == DATA) {
                    extents.computeIfAbsent(saveId, k -> new ArrayList<>()).add(new long[] {pos + 1 + 4 + 8, len - 8});
                } else if (type == COMMIT) {
                    long rows = b.getLong();
                    String key = string(b);
                    String output = string(b);
                    List<long[]> parts = extents.remove(saveId);
                    if (parts == null) {
                        parts = List.of();
                    }
                    if (into.containsKey(key)) {
                        LOG.log(Level.WARNING, "Key '" + key + "' is committed twice in " + log.getParent() + "; keeping the first");
                    } else {
                        into.put(key, committed(key, output, log, parts, rows));
                    }
                } else {
                    break; // unknown type: corrupt
                }
                pos += 1 + 4 + len + 4;
                valid = pos;
            }
        }
        truncate(log, size, valid);
        return valid;
    }

    private static void truncate(Path log, long size, long valid) throws IOException {
        if (valid < size) {
            LOG.log(Level.INFO, "Resume journal log " + log + ": dropping a torn tail of " + (size - valid) + " bytes");
            try (FileChannel c = FileChannel.open(log, StandardOpenOption.WRITE)) {
                c.truncate(valid);
                c.force(true);
            }
        }
    }

    private static Committed committed(String key, String output, Path log, List<long[]> parts, long rows) {
        long[] offsets = new long[parts.size()];
        int[] lengths = new int[parts.size()];
        for (int i = 0; i < offsets.length; i++) {
            offsets[i] = parts.get(i)[0];
            lengths[i] = (int) parts.get(i)[1];
        }
        return new Committed(key, output, log, offsets, lengths, rows);
    }

    private static String string(ByteBuffer b) {
        int n = b.getInt();
        byte[] s = new byte[n];
        b.get(s);
        return new String(s, StandardCharsets.UTF_8);
    }

    /** Deletes {@code .<name>.resume.dropped-*} directories: journals already published, whose deletion was cut short. */
    static void removeDropped(Path path) {
        Path parent = path.getParent();
        String prefix = journalDir(path).getFileName() + ".dropped-";
        try (DirectoryStream<Path> s = Files.newDirectoryStream(parent)) {
            for (Path p : s) {
                if (p.getFileName().toString().startsWith(prefix) && Files.isDirectory(p)) {
                    deleteContents(p);
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Could not remove published journals of " + path + ": " + e);
        }
    }

    private static void deleteContents(Path d) throws IOException {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(d)) {
            for (Path p : s) {
                Files.deleteIfExists(p);
            }
        }
    }

    // ------------------------------------------------------------------ manifest

    static Manifest readManifest(Path m) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(m, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        String version = p.getProperty("version");
        if (!String.valueOf(VERSION).equals(version)) {
            throw new IOException("resume journal manifest " + m + " has version " + version + " but this library reads version "
                    + VERSION + "; finish that job with the library that started it, or delete " + m.getParent());
        }
        try {
            int n = Integer.parseInt(p.getProperty("header.count"));
            List<String> header = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                header.add(java.util.Objects.requireNonNull(p.getProperty("header." + i)));
            }
            return new Manifest(java.util.Objects.requireNonNull(p.getProperty("format")),
                    java.util.Objects.requireNonNull(p.getProperty("strategy")), List.copyOf(header),
                    Integer.parseInt(p.getProperty("width")), java.util.Objects.requireNonNull(p.getProperty("settings")));
        } catch (RuntimeException e) {
            throw new IOException("resume journal manifest " + m + " is incomplete (" + e + "); delete " + m.getParent()
                    + " to start over", e);
        }
    }

    private void writeManifest(Manifest m) throws IOException {
        ensureDir();
        Properties p = new Properties();
        p.setProperty("version", String.valueOf(VERSION));
        p.setProperty("format", m.format());
        p.setProperty("strategy", m.strategy());
        p.setProperty("header.count", String.valueOf(m.header().size()));
        for (int i = 0; i < m.header().size(); i++) {
            p.setProperty("header." + i, m.header().get(i));
        }
        p.setProperty("width", String.valueOf(m.width()));
        p.setProperty("settings", m.settings());
        Path temp = dir.resolve(MANIFEST + "." + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
        try (Writer w = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
            p.store(w, "MultiRunnable FAO resume journal of " + path.getFileName());
        }
        AtomicFiles.sync(temp);
        Files.move(temp, dir.resolve(MANIFEST), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        AtomicFiles.syncDirectory(dir);
    }

    private void ensureDir() throws IOException {
        if (!dirReady) {
            if (!Files.isDirectory(dir)) {
                try {
                    Files.createDirectory(dir);
                } catch (IOException e) {
                    throw new IOException("cannot create the resume journal directory " + dir
                            + " (the directory of " + path.getFileName() + " must exist and be writable): " + e, e);
                }
                AtomicFiles.syncDirectory(dir.getParent());
            }
            dirReady = true;
        }
    }

    /**
     * A text naming every format setting but the target file, so a run with other settings
     * (formula protection, and any option a later release adds to {@link FormatSettings}) is
     * refused instead of mixing two encodings in one file.
     */
    static String fingerprint(FormatSettings s) {
        StringBuilder b = new StringBuilder();
        for (RecordComponent c : FormatSettings.class.getRecordComponents()) {
            if (c.getName().equals("target") || c.getName().equals("header")) {
                continue;
            }
            try {
                b.append(b.isEmpty() ? "" : ", ").append(c.getName()).append('=').append(c.getAccessor().invoke(s));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read FormatSettings." + c.getName(), e);
            }
        }
        return b.toString();
    }

    // ------------------------------------------------------------------ saving

    synchronized Set<String> durableKeys() {
        return Set.copyOf(committed.keySet());
    }

    synchronized boolean isDone(String key) {
        return committed.containsKey(key);
    }

    /**
     * Saves one key's rows to the log; durable when this returns (with fsync on). Returns
     * {@code false}, reading no row, if the key is durable already.
     */
    boolean save(String key, FileFormat format, String output, List<String> explicitHeader, Iterable<?> rows)
            throws IOException {
        synchronized (this) {
            if (committed.containsKey(key)) {
                return false;
            }
            if (inFlight.contains(key)) {
                throw new IllegalStateException("key '" + key + "' of " + path + " is being saved by another worker right now;"
                        + " each key is saved once");
            }
            checkFormat(format);
            inFlight.add(key);
        }
        LogFile log = null;
        Object first = null;
        boolean hasFirst;
        List<String> header;
        int width;
        java.util.Iterator<?> it;
        try {
            it = rows.iterator(); // the caller's code: outside the monitor
            hasFirst = it.hasNext();
            if (hasFirst) {
                first = it.next();
            }
            synchronized (this) {
                if (publishing) {
                    throw closedWhileSaving(key);
                }
                shape(format, explicitHeader, first, hasFirst);
                header = manifest.header();
                width = manifest.width();
                log = borrow();
            }
        } catch (IOException | RuntimeException | Error e) {
            synchronized (this) {
                inFlight.remove(key);
            }
            throw e;
        }
        boolean ok = false;
        try {
            long saveId = log.nextSaveId++;
            List<Object> raw = new ArrayList<>(io.multirunnable.fao.Fao.CHUNK_ROWS);
            List<List<?>> ready = new ArrayList<>(io.multirunnable.fao.Fao.CHUNK_ROWS);
            List<long[]> parts = new ArrayList<>();
            long index = 0;
            if (hasFirst) {
                raw.add(first);
            }
            while (true) {
                while (raw.size() < io.multirunnable.fao.Fao.CHUNK_ROWS && it.hasNext()) {
                    raw.add(it.next());
                }
                if (raw.isEmpty()) {
                    break;
                }
                ready.clear();
                long i = index;
                for (Object row : raw) {
                    ready.add(Rows.fit(Rows.values(row, header, i), width, header, i));
                    i++;
                }
                byte[] encoded = log.encoder.encode(ready);
                parts.add(new long[] {log.data(saveId, encoded), encoded.length});
                index += raw.size();
                boolean more = raw.size() == io.multirunnable.fao.Fao.CHUNK_ROWS;
                raw.clear();
                if (!more) {
                    break;
                }
            }
            log.commit(saveId, index, key, output, config.fsync());
            long total;
            synchronized (this) {
                if (publishing) {
                    throw closedWhileSaving(key);
                }
                committed.put(key, committed(key, output, log.path, parts, index));
                total = outputRows.merge(output, index, Long::sum);
            }
            progress.report(path.resolveSibling(output), total);
            ok = true;
            return true;
        } finally {
            synchronized (this) {
                inFlight.remove(key);
                if (ok && openLogs.contains(log)) {
                    freeLogs.add(log);
                } else {
                    // the log may end in a half-written record: no later save may follow it there
                    openLogs.remove(log);
                    log.closeQuietly();
                }
            }
        }
    }

    private IllegalStateException closedWhileSaving(String key) {
        return new IllegalStateException("this Fao was closed while key '" + key + "' of " + path
                + " was being saved; the key is not in the published file. Close the Fao after the workers are done");
    }

    private void checkFormat(FileFormat f) {
        if (format == null) {
            if (manifest != null && !manifest.format().equals(f.name())) {
                throw new IllegalArgumentException("the resume journal " + dir + " of " + path + " was started with format '"
                        + manifest.format() + "' but this save uses format '" + f.name() + "'; resume with format '"
                        + manifest.format() + "', or delete " + dir + " to start over");
            }
            format = f;
        } else if (!format.name().equals(f.name())) {
            throw new IllegalArgumentException("output " + path + " is written as '" + format.name()
                    + "'; it cannot take rows as '" + f.name() + "'");
        }
    }

    /** Fixes header and width on the first save (writing the manifest), checks them after. Under the monitor. */
    private void shape(FileFormat f, List<String> explicitHeader, Object first, boolean hasFirst) throws IOException {
        if (manifest == null) {
            List<String> h = explicitHeader != null ? List.copyOf(explicitHeader) : hasFirst ? Rows.headerOf(first) : List.of();
            Output.checkUnique(h);
            int w = !h.isEmpty() ? h.size() : hasFirst ? Rows.values(first, h, 0).size() : -1;
            FormatSettings s = settings(h, path);
            refuseIfNotResumable(f, s);
            Manifest m = new Manifest(f.name(), config.strategy().name(), h, w, fingerprint(s));
            writeManifest(m);
            manifest = m;
            return;
        }
        if (explicitHeader != null && !explicitHeader.equals(manifest.header())) {
            throw new IllegalArgumentException("header " + explicitHeader + " differs from the header " + manifest.header()
                    + " the resume journal " + dir + " of " + path + " was started with; resume with the same header,"
                    + " or delete " + dir + " to start over");
        }
        FormatSettings s = settings(manifest.header(), path);
        String now = fingerprint(s);
        if (!now.equals(manifest.settings())) {
            throw new IllegalArgumentException("the resume journal " + dir + " of " + path + " was started with format settings ["
                    + manifest.settings() + "] but this Fao has [" + now + "]; resume with the same settings, or delete "
                    + dir + " to start over");
        }
        if (manifest.width() < 0 && hasFirst) {
            Manifest m = new Manifest(manifest.format(), manifest.strategy(), manifest.header(),
                    Rows.values(first, manifest.header(), 0).size(), manifest.settings());
            writeManifest(m);
            manifest = m;
        }
    }

    private FormatSettings settings(List<String> header, Path target) {
        return Output.settings(config, header, target);
    }

    /** Refuses a format that cannot encode rows as independent bytes, naming those that can. */
    static void refuseIfNotResumable(FileFormat f, FormatSettings s) {
        if (f.encoder(s) == null) {
            List<String> ok = Formats.installed().stream()
                    .filter(x -> x.encoder(new FormatSettings(List.of(), false)) != null).map(FileFormat::name).toList();
            throw new IllegalArgumentException("FaoBuilder.withResume(true) does not support format '" + f.name()
                    + "': a resumable save journals each key's rows as independent encoded bytes, which needs a format"
                    + " with a RowEncoder; resumable formats installed: " + ok
                    + " (json and xlsx files depend on all their rows at once); use one of those, or withResume(false)");
        }
    }

    private LogFile borrow() throws IOException {
        if (!freeLogs.isEmpty()) {
            return freeLogs.remove(freeLogs.size() - 1);
        }
        ensureDir();
        String name = String.format("log-%06d-%s.log", nextLog++, AtomicFiles.owner());
        LogFile log = new LogFile(dir.resolve(name), format.encoder(settings(manifest.header(), path)), config.fsync());
        openLogs.add(log);
        return log;
    }

    // ------------------------------------------------------------------ publishing

    /** Whether anything was ever saved here (else there is nothing to publish). */
    synchronized boolean hasManifest() {
        return manifest != null;
    }

    /**
     * Assembles each output from the durable keys (header + their rows, in commit order) into a
     * temporary file and renames it into place (fsync before and after, as every publish), then
     * drops the journal: renamed away atomically, then deleted. A kill before the drop leaves
     * the journal whole, and the next run publishes the same rows again (replacing the file);
     * a kill during the deletion leaves a {@code .dropped-*} directory that the next run removes.
     *
     * @return the files published
     */
    synchronized List<Path> publish() throws IOException {
        publishing = true;
        for (LogFile l : openLogs) {
            l.close();
        }
        openLogs.clear();
        freeLogs.clear();
        if (manifest == null) {
            if (Files.isDirectory(dir)) {
                deleteContents(dir);
                Files.deleteIfExists(dir);
            }
            return List.of();
        }
        if (format == null) {
            // nothing saved in this run: the format of the journal, as installed
            format = Formats.byName(manifest.format());
        }
        LinkedHashMap<String, List<Committed>> byOutput = new LinkedHashMap<>();
        for (Committed c : committed.values()) {
            byOutput.computeIfAbsent(c.output(), o -> new ArrayList<>()).add(c);
        }
        List<Path> done = new ArrayList<>();
        Map<Path, FileChannel> readers = new HashMap<>();
        try {
            for (Map.Entry<String, List<Committed>> e : byOutput.entrySet()) {
                Path target = path.resolveSibling(e.getKey());
                AtomicFiles.observe("assemble " + target);
                AtomicFiles.removeStale(target);
                Path temp = AtomicFiles.createTemp(target, null);
                FileChannel channel = null;
                RowWriter writer = null;
                try {
                    channel = FileChannel.open(temp, StandardOpenOption.WRITE);
                    OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
                    if (Gzip.named(target.getFileName().toString())) {
                        // the journal holds plain encoded rows; a .gz target is compressed as it is assembled
                        out = Gzip.compress(out, config.gzipLevel());
                    }
                    writer = format.open(out, null, settings(manifest.header(), target));
                    for (Committed c : e.getValue()) {
                        FileChannel r = readers.get(c.log());
                        if (r == null) {
                            r = FileChannel.open(c.log(), StandardOpenOption.READ);
                            readers.put(c.log(), r);
                        }
                        for (int i = 0; i < c.offsets().length; i++) {
                            ByteBuffer b = ByteBuffer.allocate(c.lengths()[i]);
                            long at = c.offsets()[i];
                            while (b.hasRemaining()) {
                                int n = r.read(b, at + b.position());
                                if (n < 0) {
                                    throw new IOException("resume journal log " + c.log() + " ends before the rows of key '"
                                            + c.key() + "'");
                                }
                            }
                            writer.writeEncoded(b.array());
                        }
                    }
                    RowWriter w = writer;
                    writer = null;
                    w.close();
                    channel.close();
                    AtomicFiles.publish(temp, target, config.fsync());
                    done.add(target);
                } catch (IOException | RuntimeException | Error ex) {
                    if (writer != null) {
                        writer.abort();
                    }
                    Output.closeQuietly(channel, ex);
                    AtomicFiles.deleteQuietly(temp);
                    throw ex;
                }
            }
        } finally {
            for (FileChannel r : readers.values()) {
                Output.closeQuietly(r, null);
            }
        }
        drop();
        return done;
    }

    /** Removes the journal after publication: an atomic rename away, then deletion. */
    private void drop() throws IOException {
        Path away = dir.resolveSibling(dir.getFileName() + ".dropped-"
                + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36));
        Files.move(dir, away, StandardCopyOption.ATOMIC_MOVE);
        if (config.fsync()) {
            AtomicFiles.syncDirectory(dir.getParent());
        }
        AtomicFiles.observe("dropped " + dir);
        deleteContents(away);
        Files.deleteIfExists(away);
        committed.clear();
        manifest = null;
    }

    /** Closes the logs without publishing (the Fao failed to close): the journal stays for the next run. */
    synchronized void abandon() {
        for (LogFile l : openLogs) {
            l.closeQuietly();
        }
        openLogs.clear();
        freeLogs.clear();
    }

    // ------------------------------------------------------------------ one log

    /** An append-only log written by one save at a time. */
    static final class LogFile {
        final Path path;
        final RowEncoder encoder;
        private final FileChannel channel;
        private final OutputStream out;
        private final CRC32 crc = new CRC32();
        private final ByteBuffer head = ByteBuffer.allocate(1 + 4 + 8);
        private long position;
        long nextSaveId;

        LogFile(Path path, RowEncoder encoder, boolean fsync) throws IOException {
            this.path = path;
            this.encoder = encoder;
            this.channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            try {
                this.out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
                out.write(MAGIC);
                out.flush();
                if (fsync) {
                    channel.force(true);
                    AtomicFiles.syncDirectory(path.getParent());
                }
            } catch (IOException | RuntimeException e) {
                Output.closeQuietly(channel, e);
                throw e;
            }
            position = MAGIC.length;
        }

        /** Appends a DATA record; returns the file offset of the payload. */
        long data(long saveId, byte[] payload) throws IOException {
            int len = 8 + payload.length;
            head.clear();
            head.put(DATA).putInt(len).putLong(saveId);
            crc.reset();
            crc.update(head.array(), 0, head.position());
            crc.update(payload);
            out.write(head.array(), 0, head.position());
            out.write(payload);
            writeInt((int) crc.getValue());
            long at = position + 1 + 4 + 8;
            position += 1 + 4 + len + 4;
            return at;
        }

        /** Appends a COMMIT record and makes the log durable up to it. */
        void commit(long saveId, long rows, String key, String output, boolean fsync) throws IOException {
            byte[] k = key.getBytes(StandardCharsets.UTF_8);
            byte[] o = output.getBytes(StandardCharsets.UTF_8);
            int len = 8 + 8 + 4 + k.length + 4 + o.length;
            ByteBuffer b = ByteBuffer.allocate(1 + 4 + len);
            b.put(COMMIT).putInt(len).putLong(saveId).putLong(rows).putInt(k.length).put(k).putInt(o.length).put(o);
            crc.reset();
            crc.update(b.array(), 0, b.position());
            out.write(b.array(), 0, b.position());
            writeInt((int) crc.getValue());
            out.flush();
            if (fsync) {
                channel.force(false); // fdatasync: data and the file size, not timestamps
            }
            position += 1 + 4 + len + 4;
        }

        private void writeInt(int v) throws IOException {
            out.write(v >>> 24);
            out.write(v >>> 16);
            out.write(v >>> 8);
            out.write(v);
        }

        void close() throws IOException {
            try {
                out.close();
            } finally {
                channel.close();
            }
        }

        void closeQuietly() {
            try {
                close();
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.WARNING, "Could not close resume journal log " + path + ": " + e);
            }
        }
    }
}
