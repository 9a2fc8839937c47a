package io.multirunnable.fao;

import io.multirunnable.internal.Check;
import java.nio.file.Path;

/**
 * The immutable settings of a {@link Fao}, made by {@link FaoBuilder}.
 *
 * @param strategy           where the rows of many workers end up
 * @param writeMode          truncate or append to existing files
 * @param zipFile            the one archive of {@link SavingStrategy#ONE_THREAD_ONE_FILE_AND_COMPRESS_ALL},
 *                           or {@code null} to derive it from each save path ({@code out.csv} → {@code out.zip})
 * @param formulaProtection  {@code true} to neutralise spreadsheet formulas in text values of
 *                           spreadsheet formats (CSV, xlsx): a text starting with {@code = + - @},
 *                           tab or carriage return gets a leading {@code '}
 * @param progressListener   told the rows written per output, or {@code null}
 * @param fsync              {@code true} to fsync each published file before its rename and its
 *                           directory after, so a published file survives power loss
 *                           ({@code @since 0.2})
 * @param csvOptions         how the {@code csv} format writes ({@code @since 0.3})
 * @param jsonOptions        how the {@code json} format lays out its array ({@code @since 0.3})
 * @param compression        whether outputs are gzip-compressed ({@code @since 0.3})
 * @param gzipLevel          the deflate level of gzip outputs, 1 (fastest) to 9 (smallest)
 *                           ({@code @since 0.3})
 * @param resume             {@code true} for the resumable mode of {@link FaoBuilder#withResume(boolean)}
 *                           ({@code @since 0.3})
 * @since 0.1
 */
public record FaoConfig(SavingStrategy strategy, WriteMode writeMode, Path zipFile, boolean formulaProtection,
                        ProgressListener progressListener, boolean fsync, CsvOptions csvOptions,
                        JsonOptions jsonOptions, Compression compression, int gzipLevel, boolean resume) {

    /** The default gzip level: {@value} (gzip's own default). */
    public static final int DEFAULT_GZIP_LEVEL = 6;

    /**
     * Checks the 0.3 settings.
     *
     * @throws IllegalArgumentException if an option object is null or {@code gzipLevel} is
     *                                  outside 1..9
     */
    public FaoConfig {
        Check.notNull(csvOptions, "csvOptions");
        Check.notNull(jsonOptions, "jsonOptions");
        Check.notNull(compression, "compression");
        checkGzipLevel(gzipLevel);
    }

    static int checkGzipLevel(int gzipLevel) {
        Check.argument(gzipLevel >= 1 && gzipLevel <= 9,
                "gzipLevel must be between 1 (fastest) and 9 (smallest) but was " + gzipLevel);
        return gzipLevel;
    }

    /**
     * The 0.2 settings, with the 0.3 defaults (RFC 4180 CSV, compact JSON, {@link Compression#AUTO},
     * not resumable).
     *
     * @since 0.2
     */
    public FaoConfig(SavingStrategy strategy, WriteMode writeMode, Path zipFile, boolean formulaProtection,
                     ProgressListener progressListener, boolean fsync) {
        this(strategy, writeMode, zipFile, formulaProtection, progressListener, fsync, CsvOptions.defaults(),
                JsonOptions.compact(), Compression.AUTO, DEFAULT_GZIP_LEVEL, false);
    }

    /** The 0.1 settings, with {@code fsync} on. */
    public FaoConfig(SavingStrategy strategy, WriteMode writeMode, Path zipFile, boolean formulaProtection,
                     ProgressListener progressListener) {
        this(strategy, writeMode, zipFile, formulaProtection, progressListener, true);
    }
}
