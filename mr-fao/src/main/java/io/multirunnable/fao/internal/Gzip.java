package io.multirunnable.fao.internal;

import io.multirunnable.fao.Compression;
import io.multirunnable.fao.FaoConfig;
import io.multirunnable.fao.spi.FileFormat;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;

/**
 * Gzip outputs: whether a save path is compressed (the rules of {@link Compression}), the
 * compressing stream, and append as a new gzip member after the existing bytes.
 */
final class Gzip {
    static final String SUFFIX = ".gz";
    /** Deflate output buffer: large writes mean few native calls. */
    private static final int BUFFER = 1 << 16;

    private Gzip() {
    }

    static boolean named(String fileName) {
        return fileName.toLowerCase(Locale.ROOT).endsWith(SUFFIX);
    }

    static String strip(String fileName) {
        return named(fileName) ? fileName.substring(0, fileName.length() - SUFFIX.length()) : fileName;
    }

    /**
     * Whether saves of {@code path} in {@code format} are compressed; refuses a name that
     * contradicts the setting, and a format that cannot be compressed.
     */
    static boolean applies(FaoConfig config, FileFormat format, Path path) {
        String name = path.getFileName().toString();
        boolean gzName = named(name);
        boolean gz = switch (config.compression()) {
            case AUTO -> gzName;
            case NONE -> {
                if (gzName) {
                    throw new IllegalArgumentException("path " + path + " ends with '.gz' but compression is NONE, "
                            + "which writes plain files; remove '.gz' or use Compression.AUTO or GZIP");
                }
                yield false;
            }
            case GZIP -> {
                if (!gzName && name.lastIndexOf('.') > 0) {
                    throw new IllegalArgumentException("path " + path + " does not end with '.gz' but compression is "
                            + "GZIP, which writes gzip data; name it " + name + SUFFIX + " (or give no extension to get ."
                            + format.extension() + SUFFIX + ")");
                }
                yield true;
            }
        };
        if (gz && !format.compressible()) {
            throw new IllegalArgumentException("format '" + format.name() + "' cannot be gzip-compressed (path " + path
                    + ", compression " + config.compression() + "); only formats writing a plain byte stream can, "
                    + "such as csv, json and jsonl");
        }
        return gz;
    }

    /** A gzip stream (one new member) onto {@code out} at {@code level}; closing it closes {@code out}. */
    static Member compress(OutputStream out, int level) throws IOException {
        return new Member(out, level);
    }

    /**
     * Compresses one chunk of rows on its own, outside the output's lock, into raw deflate
     * blocks that end on a byte boundary (SYNC_FLUSH) and refer to nothing before them (a reset
     * deflater), so that they can be placed anywhere in a {@link Member} (as pigz does).
     */
    static byte[] deflate(Deflater deflater, byte[] plain) {
        deflater.reset();
        deflater.setInput(plain);
        byte[] buf = new byte[plain.length / 2 + 64];
        int n = 0;
        while (true) {
            n += deflater.deflate(buf, n, buf.length - n, Deflater.SYNC_FLUSH);
            if (n < buf.length) {
                return Arrays.copyOf(buf, n);
            }
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
    }

    /**
     * One gzip member (RFC 1952) written as a stream: what the format writes is deflated here,
     * and chunks deflated elsewhere by {@link #deflate} are spliced in by {@link #writeDeflated}
     * after a full flush (so nothing after refers back across them). CRC-32 and size cover all
     * the uncompressed bytes. Closing writes the final block and the trailer and closes the
     * underlying stream. Used by one thread at a time (under the output's lock).
     */
    static final class Member extends OutputStream {
        private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 0};
        private final OutputStream out;
        private final Deflater deflater;
        private final CRC32 crc = new CRC32();
        private final byte[] buf = new byte[BUFFER];
        private long size;
        private boolean pending;
        private boolean closed;

        Member(OutputStream out, int level) throws IOException {
            this.out = out;
            this.deflater = new Deflater(level, true);
            out.write(HEADER);
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return;
            }
            crc.update(b, off, len);
            size += len;
            deflater.setInput(b, off, len);
            while (!deflater.needsInput()) {
                int n = deflater.deflate(buf, 0, buf.length, Deflater.NO_FLUSH);
                out.write(buf, 0, n);
            }
            pending = true;
        }

        /** Splices in a chunk made by {@link #deflate} from {@code plain}. */
        void writeDeflated(byte[] deflated, byte[] plain) throws IOException {
            if (pending) {
                int n;
                do {
                    n = deflater.deflate(buf, 0, buf.length, Deflater.FULL_FLUSH);
                    out.write(buf, 0, n);
                } while (n == buf.length);
                pending = false;
            }
            out.write(deflated);
            crc.update(plain);
            size += plain.length;
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            try {
                deflater.finish();
                while (!deflater.finished()) {
                    int n = deflater.deflate(buf, 0, buf.length);
                    out.write(buf, 0, n);
                }
                int c = (int) crc.getValue();
                int s = (int) size;
                out.write(new byte[] {(byte) c, (byte) (c >> 8), (byte) (c >> 16), (byte) (c >> 24),
                        (byte) s, (byte) (s >> 8), (byte) (s >> 16), (byte) (s >> 24)});
            } finally {
                deflater.end();
                out.close();
            }
        }
    }

    /** Reads the uncompressed content of every member of a gzip file, saying which file a bad one is. */
    static InputStream decompress(InputStream compressed, String what) throws IOException {
        try {
            return new GZIPInputStream(compressed, BUFFER);
        } catch (IOException e) {
            compressed.close();
            throw new IOException("cannot append to " + what + ": it is not gzip data (" + e.getMessage()
                    + "); a .gz output can only be appended to a gzip file", e);
        }
    }

    /** Counts the bytes read through it. */
    static final class Counting extends FilterInputStream {
        long count;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }

    /**
     * Drops what a format writes while it reproduces the existing content (already in the file,
     * compressed, before the new member): as many bytes as it read from {@code existing}.
     */
    static final class SkipReproduced extends FilterOutputStream {
        private final Counting existing;
        private long skipped;

        SkipReproduced(OutputStream out, Counting existing) {
            super(out);
            this.existing = existing;
        }

        @Override
        public void write(int b) throws IOException {
            if (skipped < existing.count) {
                skipped++;
            } else {
                out.write(b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            int skip = (int) Math.min(len, existing.count - skipped);
            skipped += skip;
            if (len > skip) {
                out.write(b, off + skip, len - skip);
            }
        }
    }
}
