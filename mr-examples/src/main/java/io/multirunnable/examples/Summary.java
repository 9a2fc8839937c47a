package io.multirunnable.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** What a run did, printed at the end. */
record Summary(Path root, int files, List<String> failures, long bytes, long lines, Duration time, DemoOptions options,
               long retries, String database, long rowsInDb, String table, List<Path> outputs) {

    void print(PrintStream out) {
        String who = options.distributed() == null ? options.workers() + " " + options.mode() + " workers"
                : "the workers of distributed pool '" + options.pool() + "' at "
                        + options.distributed().replaceAll("//[^@/]*@", "//***@");
        out.printf(Locale.ROOT, "scanned %,d files (%s, %,d lines) in %.2f s with %s%n", files,
                ProgressBar.human(bytes), lines, time.toNanos() / 1e9, who);
        out.printf(Locale.ROOT, "  directory      %s%n", root);
        out.printf(Locale.ROOT, "  retried reads  %,d%n", retries);
        out.printf(Locale.ROOT, "  failed files   %,d%n", failures.size());
        failures.stream().limit(5).forEach(f -> out.println("                 " + f));
        out.printf(Locale.ROOT, "  database       %s: %,d rows in %s%n", database, rowsInDb, table);
        out.printf(Locale.ROOT, "  report (%s)%n", options.strategy());
        for (Path p : outputs) {
            out.printf(Locale.ROOT, "                 %s (%s)%n", p, ProgressBar.human(size(p)));
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }
}
