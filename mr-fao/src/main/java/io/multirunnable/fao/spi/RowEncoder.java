package io.multirunnable.fao.spi;

import java.io.IOException;
import java.util.List;

/**
 * Optional companion of a {@link FileFormat} (see {@link FileFormat#encoder}): turns rows into
 * the exact bytes they take in a file of the format, independent of where in the file they
 * go. With it, many workers saving to one file encode their rows at the same time and the
 * engine only appends the bytes under its lock. One instance is used by one thread at a time.
 *
 * @since 0.1
 */
public interface RowEncoder {

    /**
     * Encodes {@code rows} (each as described in {@link RowWriter#write}), in order.
     *
     * @return the bytes, to be given to {@link RowWriter#writeEncoded}; valid until the next call
     * @throws IOException if encoding fails
     */
    byte[] encode(List<? extends List<?>> rows) throws IOException;
}
