package io.multirunnable.examples;

import java.util.List;

/**
 * What the demo learns about one file.
 *
 * @param path      path relative to the scanned directory, with '/' separators
 * @param sizeBytes size in bytes
 * @param lines     number of line breaks ('\n'), plus one if the last line has none
 * @param sha256    SHA-256 of the content, lower-case hex
 * @param worker    the worker that read it
 */
record FileRow(String path, long sizeBytes, long lines, String sha256, String worker) {
    static final List<String> HEADER = List.of("path", "size_bytes", "lines", "sha256", "worker");

    /** The path of {@code file} relative to {@code root}, with '/' separators: the row's id (and its --resume key). */
    static String key(java.nio.file.Path root, java.nio.file.Path file) {
        return root.relativize(file).toString().replace(java.io.File.separatorChar, '/');
    }

    List<Object> values() {
        return List.of(path, sizeBytes, lines, sha256, worker);
    }
}
