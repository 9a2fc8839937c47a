package io.multirunnable.fao;

/**
 * Whether text outputs are gzip-compressed as they are written; set with
 * {@link FaoBuilder#withCompression(Compression)}.
 *
 * <p>The file name and the setting must agree, so that nobody finds gzip bytes in a
 * {@code .csv} file or plain text in a {@code .csv.gz} one:
 * <ul>
 *   <li>{@link #AUTO} (the default): a path ending with {@code .gz} is compressed, any other is not;</li>
 *   <li>{@link #GZIP}: every output is compressed; a path without extension gets the format's
 *       extension and {@code .gz} ({@code out} → {@code out.csv.gz}), a path with another
 *       extension ({@code out.csv}) is refused;</li>
 *   <li>{@link #NONE}: nothing is compressed; a path ending with {@code .gz} is refused.</li>
 * </ul>
 * The formats {@code csv}, {@code jsonl} and {@code json} can be compressed; others (e.g.
 * {@code xlsx}, already a zip container) refuse it. With {@link WriteMode#APPEND} the existing
 * compressed file is kept byte for byte and the new rows follow as a new gzip member:
 * concatenated members are one valid gzip file (RFC 1952), read whole by {@code gunzip},
 * {@link java.util.zip.GZIPInputStream} and Python's {@code gzip} module. Each run adds one
 * member per output.
 *
 * @since 0.3
 */
public enum Compression {
    /** Compressed if the path ends with {@code .gz}. The default. */
    AUTO,
    /** Never compressed; a path ending with {@code .gz} is refused. */
    NONE,
    /** Always gzip; the path must end with {@code .gz} or have no extension. */
    GZIP
}
