package io.multirunnable.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The file benchmarks' scratch directories: one per trial, removed with everything in it at the end. */
final class TempDirs {
    private TempDirs() {
    }

    /** Deletes {@code dir} and everything under it, children first. */
    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
