package io.multirunnable.examples;

import io.multirunnable.SimpleExecutor;
import io.multirunnable.WorkerContext;
import io.multirunnable.WorkerResult;
import io.multirunnable.fao.Fao;
import io.multirunnable.fao.SavingStrategy;
import io.multirunnable.persistence.ConnectionStrategy;
import io.multirunnable.persistence.Database;
import io.multirunnable.persistence.DatabaseConfig;
import io.multirunnable.retry.Backoff;
import io.multirunnable.retry.Retry;
import io.multirunnable.retry.RetryEvent;
import io.multirunnable.retry.RetryPolicy;
import io.multirunnable.sync.Guard;
import io.multirunnable.sync.Semaphore;
import io.multirunnable.sync.Sync;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * One run of the demo: every capability of MultiRunnable doing one real job.
 * <ol>
 *   <li>an executor of N workers in the chosen running mode maps over the files;</li>
 *   <li>a {@link Semaphore}, handed to the executor as a feature, limits files open at once;</li>
 *   <li>a {@link Retry} policy retries transient read failures, its hooks logging each attempt;</li>
 *   <li>every worker saves its rows through one {@link Fao} under the chosen saving strategy;</li>
 *   <li>the rows go to a database through a pooled {@link ConnectionStrategy} and a DAO.</li>
 * </ol>
 */
final class Scan {
    private static final Map<String, String> EXTENSIONS = Map.of("csv", "csv", "jsonl", "jsonl", "json", "json", "xlsx", "xlsx");

    private final DemoOptions options;
    private final PrintStream out;
    private final AtomicInteger injectedLeft;
    private final AtomicLong retries = new AtomicLong();

    Scan(DemoOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
        this.injectedLeft = new AtomicInteger(options.injectFailures());
    }

    Summary run() throws Exception {
        long start = System.nanoTime();
        Path root = options.directory().toAbsolutePath().normalize();
        Path outDir = options.out().toAbsolutePath().normalize();
        Files.createDirectories(outDir);
        // with --resume the Fao is opened first: it knows which files a killed run reported already
        Fao fao = fao(outDir);
        List<Path> files = options.resume() ? notYetReported(fao, root, outDir, listFiles(root, outDir)) : listFiles(root, outDir);

        String dbUrl = options.dbUrl() != null ? options.dbUrl() : "jdbc:sqlite:" + outDir.resolve("files.db");
        DatabaseConfig dbConfig = DatabaseConfig.builder(dbUrl).withPoolName("demo")
                .withPoolSize(Math.min(options.workers(), 8)).withConnectionTimeout(Duration.ofSeconds(30)).build();
        Semaphore openFiles = Sync.semaphore("open-files", options.maxOpen());

        List<FileRow> rows = new ArrayList<>(files.size());
        List<String> failures = new ArrayList<>();
        long rowsInDb;
        List<Path> outputs;
        try (ProgressBar bar = new ProgressBar(out, files.size(), options.progress() && ProgressBar.onTerminal());
             ConnectionStrategy pool = Database.pool(dbConfig)) {
            FileDao dao = new FileDao(pool);
            dao.recreate();
            Retry<FileRow> retry = Retry.of(retryPolicy(bar));
            try {
                List<WorkerResult<FileRow>> results;
                if (options.distributed() != null) {
                    // The workers of the pool read the files; the report and the rows are written here, as locally.
                    results = DistributedScan.read(options, root, files, bar);
                    for (WorkerResult<FileRow> r : results) {
                        if (r.isSuccessful()) {
                            report(fao, outDir, r.value());
                        }
                    }
                } else {
                    try (SimpleExecutor executor = SimpleExecutor.builder(options.mode()).withWorkers(options.workers())
                            .withName("scan").withFeature(openFiles).build()) {
                        results = executor.map(file -> {
                            FileRow row = retry.call(() -> read(root, file));
                            report(fao, outDir, row);
                            bar.step(row.sizeBytes());
                            return row;
                        }, files);
                    }
                }
                for (WorkerResult<FileRow> r : results) {
                    if (r.isSuccessful()) {
                        rows.add(r.value());
                    } else {
                        failures.add(root.relativize(files.get(r.index())) + ": " + r.error());
                        bar.step(0);
                    }
                }
            } finally {
                fao.close();
            }
            outputs = fao.published();
            dao.saveAll(rows);
            rowsInDb = dao.count();
        }
        long bytes = rows.stream().mapToLong(FileRow::sizeBytes).sum();
        long lines = rows.stream().mapToLong(FileRow::lines).sum();
        return new Summary(root, rows.size(), failures, bytes, lines, Duration.ofNanos(System.nanoTime() - start),
                options, retries.get(), redact(dbUrl), rowsInDb, FileDao.TABLE, outputs);
    }

    private Fao fao(Path outDir) {
        return switch (options.strategy()) {
            case "per-worker" -> Fao.builder().withStrategy(SavingStrategy.ONE_THREAD_ONE_FILE).withResume(options.resume()).build();
            case "zip" -> Fao.builder().withStrategy(SavingStrategy.ONE_THREAD_ONE_FILE_AND_COMPRESS_ALL)
                    .withZipFile(outDir.resolve("report.zip")).build();
            default -> Fao.builder().withStrategy(SavingStrategy.ALL_THREADS_ONE_FILE).withResume(options.resume()).build();
        };
    }

    private Path reportPath(Path outDir, String format) {
        return outDir.resolve("report." + EXTENSIONS.get(format));
    }

    /** Saves one file's row in every report format; with --resume keyed by the file's path, durable on return. */
    private void report(Fao fao, Path outDir, FileRow row) throws IOException {
        for (String format : options.formats()) {
            if (options.resume()) {
                fao.save(row.path(), format, reportPath(outDir, format), FileRow.HEADER, List.of(row.values()));
            } else {
                fao.save(format, reportPath(outDir, format), FileRow.HEADER, List.of(row.values()));
            }
        }
    }

    /** With --resume: the files not yet durable in every report of a killed run (keys are relative paths). */
    private List<Path> notYetReported(Fao fao, Path root, Path outDir, List<Path> files) throws IOException {
        List<java.util.Set<String>> done = new ArrayList<>();
        for (String format : options.formats()) {
            done.add(fao.durableKeys(reportPath(outDir, format)));
        }
        List<Path> todo = files.stream().filter(f -> {
            String key = FileRow.key(root, f);
            return !done.stream().allMatch(d -> d.contains(key));
        }).toList();
        out.printf(java.util.Locale.ROOT, "resuming: %,d of %,d files are in the report already; scanning the other %,d%n",
                files.size() - todo.size(), files.size(), todo.size());
        return todo;
    }

    /** Retries I/O errors that may pass (not a missing or forbidden file); the hooks log every attempt. */
    RetryPolicy<FileRow> retryPolicy(ProgressBar bar) {
        return RetryPolicy.<FileRow>builder()
                .withMaxAttempts(options.attempts())
                .withBackoff(Backoff.exponential(Duration.ofMillis(20), Duration.ofMillis(500)).withJitter(0.2))
                .retryOn(e -> e instanceof IOException && !(e instanceof NoSuchFileException)
                        && !(e instanceof AccessDeniedException))
                .onError(error -> {
                    bar.log("retry: " + WorkerContext.current().name() + " read failed: " + error.getMessage());
                    throw error;
                })
                .withListener(event -> {
                    if (event.type() == RetryEvent.Type.RETRY_SCHEDULED) {
                        retries.incrementAndGet();
                        bar.log("retry: attempt " + event.attempt() + "/" + event.maxAttempts() + " in "
                                + event.delay().toMillis() + " ms");
                    }
                })
                .build();
    }

    /** Reads one file while holding one of the semaphore's permits. */
    FileRow read(Path root, Path file) throws IOException, InterruptedException {
        WorkerContext me = WorkerContext.current();
        try (Guard permit = me.feature(Semaphore.class).acquire()) {
            if (injectedLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new IOException("injected transient read failure: " + root.relativize(file));
            }
            MessageDigest sha = sha256();
            long size = 0;
            long lines = 0;
            int last = '\n';
            byte[] buf = new byte[64 * 1024];
            try (InputStream in = Files.newInputStream(file)) {
                for (int n; (n = in.read(buf)) > 0; ) {
                    sha.update(buf, 0, n);
                    size += n;
                    for (int i = 0; i < n; i++) {
                        if (buf[i] == '\n') {
                            lines++;
                        }
                    }
                    last = buf[n - 1];
                }
            }
            if (size > 0 && last != '\n') {
                lines++;
            }
            return new FileRow(FileRow.key(root, file), size, lines, HexFormat.of().formatHex(sha.digest()), me.name());
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Regular files under {@code root}, sorted, skipping the output directory. */
    static List<Path> listFiles(Path root, Path outDir) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> !p.startsWith(outDir))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
        }
    }

    /** A JDBC URL without any password parameter, for printing. */
    static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }
}
