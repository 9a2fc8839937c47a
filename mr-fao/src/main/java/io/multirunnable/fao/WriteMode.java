package io.multirunnable.fao;

/**
 * What happens to a file that already exists at an output path.
 *
 * @since 0.1
 */
public enum WriteMode {
    /** The existing file is replaced (atomically, when the {@link Fao} is closed). The default. */
    TRUNCATE,

    /**
     * The new rows follow the existing content, without repeating the header. The existing file
     * is copied into the temporary file first and replaced atomically on close, so a failure
     * leaves it untouched. Formats that cannot be appended to (JSON array) refuse this mode
     * with an {@link IllegalArgumentException} on the first {@code save}; see
     * {@link io.multirunnable.fao.spi.FileFormat#supportsAppend()}. With
     * {@link SavingStrategy#ONE_THREAD_ONE_FILE_AND_COMPRESS_ALL} the existing archive's
     * entries are kept and an entry of the same name is appended to.
     */
    APPEND
}
