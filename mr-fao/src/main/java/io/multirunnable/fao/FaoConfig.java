package io.multirunnable.fao;

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
 * @param resume             {@code true} for the resumable mode of {@link FaoBuilder#withResume(boolean)}
 *                           ({@code @since 0.3})
 * @since 0.1
 */
public record FaoConfig(SavingStrategy strategy, WriteMode writeMode, Path zipFile, boolean formulaProtection,
                        ProgressListener progressListener, boolean fsync, boolean resume) {

    /**
     * The 0.2 settings, not resumable.
     *
     * @since 0.2
     */
    public FaoConfig(SavingStrategy strategy, WriteMode writeMode, Path zipFile, boolean formulaProtection,
                     ProgressListener progressListener, boolean fsync) {
        this(strategy, writeMode, zipFile, formulaProtection, progressListener, fsync, false);
    }

    /** The 0.1 settings, with {@code fsync} on. */
    public FaoConfig(SavingStrategy strategy, WriteMode writeMode, Path zipFile, boolean formulaProtection,
                     ProgressListener progressListener) {
        this(strategy, writeMode, zipFile, formulaProtection, progressListener, true, false);
    }
}
