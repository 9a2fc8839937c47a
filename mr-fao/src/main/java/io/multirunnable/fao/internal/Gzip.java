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
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

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
    static OutputStream compress(OutputStream out, int level) throws IOException {
        return new GZIPOutputStream(out, BUFFER) {
            {
                def.setLevel(level);
            }
        };
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
