package io.multirunnable.examples;

import io.multirunnable.RunningMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The demo's command line, parsed and checked. Bad arguments throw {@link UsageException} with a
 * one-line message; {@link #USAGE} lists every option.
 *
 * @param directory  the directory to scan
 * @param workers    number of workers
 * @param mode       running mode
 * @param dbUrl      JDBC URL of the database (null: an embedded SQLite file in the output directory)
 * @param formats    report formats (csv, jsonl, json, xlsx)
 * @param strategy   saving strategy: one-file, per-worker or zip
 * @param out        output directory
 * @param maxOpen    files open at once (semaphore permits)
 * @param attempts   attempts per file read (retry)
 * @param injectFailures the first N file reads fail with an IOException (to see retry at work)
 * @param progress   draw a progress bar
 * @param help       print usage and exit
 * @param distributed Redis URL: read the files on the workers of a distributed pool there (null: locally)
 * @param pool       the distributed pool's name
 * @param resume     continue the report of a killed run: skip files already in it (resumable FAO)
 */
record DemoOptions(Path directory, int workers, RunningMode mode, String dbUrl, Set<String> formats, String strategy,
                   Path out, int maxOpen, int attempts, int injectFailures, boolean progress, boolean help,
                   String distributed, String pool, boolean resume) {

    /** The pool name the demo's client and workers use unless told otherwise. */
    static final String DEFAULT_POOL = "mr-demo";

    static final String USAGE = """
            usage: mr-demo [options] [directory]

            Scans every file under <directory> (default: the current directory) with N workers, computes
            size, line count and SHA-256, stores the rows in a database and writes a report.

            options:
              --workers N        number of workers (default 8)
              --mode MODE        PARALLEL, CONCURRENT, GREEN_THREAD or ASYNCHRONOUS (default GREEN_THREAD)
              --db URL           JDBC URL (default: embedded SQLite file <out>/files.db);
                                 jdbc:postgresql://..., jdbc:mysql://... or jdbc:mariadb://...
                                 when that plugin is present
              --format LIST      comma-separated report formats: csv, jsonl, json, xlsx (default csv)
              --strategy S       one-file (all workers into one file), per-worker (one file per worker)
                                 or zip (one zip, one entry per worker) (default one-file)
              --out DIR          output directory (default ./multirunnable-demo-out)
              --max-open N       files open at once, a semaphore's permits (default 4)
              --attempts N       attempts per file read, retried on I/O errors (default 3)
              --inject-read-failures N
                                 make the first N file reads fail with an I/O error, to watch
                                 retry recover them (default 0)
              --no-progress      do not draw the progress bar
              --distributed URL  read the files on the workers of a distributed pool at this Redis URL
                                 (redis://host:6379, rediss://:password@host:6380); start them with
                                 mr-demo worker --redis URL. Rows, report and database stay here.
              --pool NAME        the distributed pool's name (default mr-demo)
              --resume           continue the report of a scan that was killed or failed: files already
                                 in it are skipped, the others scanned, and the report published once,
                                 each file exactly once (formats csv/jsonl, strategy one-file/per-worker).
                                 The database gets the files read in this run.
              --help             print this help

            usage: mr-demo worker --redis URL [--pool NAME] [--mode MODE] [--workers N] [--max-open N] [--attempts N]

            Joins the distributed pool NAME at URL and reads files for mr-demo --distributed clients until
            stopped (Ctrl-C / SIGTERM: finishes the files in hand first). --workers is its concurrency
            (default 8); --max-open is shared by all workers of the pool (a Redis semaphore).
            """;

    static final Set<String> FORMATS = Set.of("csv", "jsonl", "json", "xlsx");
    static final Set<String> STRATEGIES = Set.of("one-file", "per-worker", "zip");

    /** Thrown for bad arguments; the message is one line. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    static DemoOptions parse(String... args) throws UsageException {
        Path directory = null;
        int workers = 8;
        RunningMode mode = RunningMode.GREEN_THREAD;
        String db = null;
        Set<String> formats = new LinkedHashSet<>(List.of("csv"));
        String strategy = "one-file";
        Path out = Path.of("multirunnable-demo-out");
        int maxOpen = 4;
        int attempts = 3;
        int inject = 0;
        boolean progress = true;
        boolean help = false;
        String distributed = null;
        String pool = DEFAULT_POOL;
        boolean resume = false;
        List<String> rest = new ArrayList<>(List.of(args));
        for (int i = 0; i < rest.size(); i++) {
            String a = rest.get(i);
            switch (a) {
                case "--help", "-h" -> help = true;
                case "--no-progress" -> progress = false;
                case "--resume" -> resume = true;
                case "--workers" -> workers = positive(a, value(rest, ++i, a));
                case "--max-open" -> maxOpen = positive(a, value(rest, ++i, a));
                case "--attempts" -> attempts = positive(a, value(rest, ++i, a));
                case "--inject-read-failures" -> inject = notNegative(a, value(rest, ++i, a));
                case "--mode" -> mode = mode(value(rest, ++i, a));
                case "--db" -> db = value(rest, ++i, a);
                case "--distributed" -> distributed = redisUrl(a, value(rest, ++i, a));
                case "--pool" -> pool = value(rest, ++i, a);
                case "--out" -> out = Path.of(value(rest, ++i, a));
                case "--strategy" -> {
                    strategy = value(rest, ++i, a).toLowerCase(Locale.ROOT);
                    if (!STRATEGIES.contains(strategy)) {
                        throw new UsageException("--strategy must be one of one-file, per-worker, zip but was '" + strategy + "'");
                    }
                }
                case "--format" -> {
                    formats = new LinkedHashSet<>();
                    for (String f : value(rest, ++i, a).split(",")) {
                        String name = f.trim().toLowerCase(Locale.ROOT);
                        if (!FORMATS.contains(name)) {
                            throw new UsageException("--format must list csv, jsonl, json or xlsx but had '" + f.trim() + "'");
                        }
                        formats.add(name);
                    }
                }
                default -> {
                    if (a.startsWith("-")) {
                        throw new UsageException("unknown option '" + a + "'");
                    }
                    if (directory != null) {
                        throw new UsageException("only one directory may be given, but got '" + directory + "' and '" + a + "'");
                    }
                    directory = Path.of(a);
                }
            }
        }
        if (directory == null) {
            directory = Path.of(".");
        }
        if (!help && !Files.isDirectory(directory)) {
            throw new UsageException("directory '" + directory + "' does not exist or is not a directory");
        }
        if (resume && strategy.equals("zip")) {
            throw new UsageException("--resume works with --strategy one-file or per-worker but was 'zip'"
                    + " (a zip archive is built in one piece)");
        }
        if (resume) {
            for (String f : formats) {
                if (!f.equals("csv") && !f.equals("jsonl")) {
                    throw new UsageException("--resume needs --format csv and/or jsonl but had '" + f
                            + "' (json and xlsx files are written in one piece and cannot be continued)");
                }
            }
        }
        return new DemoOptions(directory, workers, mode, db, Collections.unmodifiableSet(formats), strategy, out, maxOpen, attempts,
                inject, progress, help, distributed, pool, resume);
    }

    static String redisUrl(String option, String url) throws UsageException {
        if (!url.startsWith("redis://") && !url.startsWith("rediss://")) {
            throw new UsageException(option + " must be a redis:// or rediss:// URL but was '"
                    + url.replaceAll("//[^@/]*@", "//***@") + "'");
        }
        return url;
    }

    static String value(List<String> args, int i, String option) throws UsageException {
        if (i >= args.size() || args.get(i).startsWith("--")) {
            throw new UsageException(option + " needs a value");
        }
        return args.get(i);
    }

    static int positive(String option, String text) throws UsageException {
        try {
            int n = Integer.parseInt(text);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new UsageException(option + " must be a whole number > 0 but was '" + text + "'");
    }

    static int notNegative(String option, String text) throws UsageException {
        try {
            int n = Integer.parseInt(text);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new UsageException(option + " must be a whole number >= 0 but was '" + text + "'");
    }

    static RunningMode mode(String text) throws UsageException {
        try {
            return RunningMode.valueOf(text.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--mode must be PARALLEL, CONCURRENT, GREEN_THREAD or ASYNCHRONOUS but was '" + text + "'");
        }
    }
}
