package io.multirunnable.examples;

import io.multirunnable.RunningMode;
import io.multirunnable.WorkerResult;
import io.multirunnable.distributed.redis.DistributedPool;
import io.multirunnable.distributed.redis.DistributedTask;
import io.multirunnable.distributed.redis.DistributedWorker;
import io.multirunnable.retry.Retry;
import io.multirunnable.sync.redis.RedisSync;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * The demo's distributed mode: the same file reading (semaphore, retry, SHA-256) runs on the workers of a
 * distributed pool, and the client writes the report and the database rows as the local run does. Only
 * this class touches {@code io.multirunnable.distributed.redis} (an optional module: {@code requires static}),
 * so the local demo and the runtime image work without it.
 */
final class DistributedScan {
    /** What a client asks a worker: read {@code path} under {@code root} (both as the worker sees them). */
    record ReadRequest(String root, String path) {
    }

    static final DistributedTask<ReadRequest, FileRow> READ_FILE =
            DistributedTask.of("mr-demo.read-file", ReadRequest.class, FileRow.class);

    private DistributedScan() {
    }

    /** Reads {@code files} on the pool's workers; one result per file, in order, progress drawn as they come. */
    static List<WorkerResult<FileRow>> read(DemoOptions options, Path root, List<Path> files, ProgressBar bar) {
        List<ReadRequest> requests = new ArrayList<>(files.size());
        for (Path f : files) {
            requests.add(new ReadRequest(root.toString(), root.relativize(f).toString()));
        }
        @SuppressWarnings("unchecked")
        WorkerResult<FileRow>[] out = new WorkerResult[files.size()];
        try (DistributedPool pool = DistributedPool.builder(options.pool()).withUrl(options.distributed()).build()) {
            Iterator<WorkerResult<FileRow>> it = pool.imapUnordered(READ_FILE, requests);
            while (it.hasNext()) {
                WorkerResult<FileRow> r = it.next();
                out[r.index()] = r;
                bar.step(r.isSuccessful() ? r.value().sizeBytes() : 0);
            }
            if (pool.lastReport() != null && pool.lastReport().reExecutions() > 0) {
                bar.log("distributed: " + pool.lastReport().reExecutions() + " files were read again after a worker was lost");
            }
        }
        return Arrays.asList(out);
    }

    /** {@code mr-demo worker ...}: parses, joins the pool, and serves until the JVM is stopped. Returns the exit code. */
    static int serve(String[] args, PrintStream out, PrintStream err) throws InterruptedException {
        String url = null;
        String pool = DemoOptions.DEFAULT_POOL;
        RunningMode mode = RunningMode.GREEN_THREAD;
        int workers = 8;
        int maxOpen = 4;
        int attempts = 3;
        try {
            List<String> rest = List.of(args);
            for (int i = 1; i < rest.size(); i++) {
                String a = rest.get(i);
                switch (a) {
                    case "--redis" -> url = DemoOptions.redisUrl(a, DemoOptions.value(rest, ++i, a));
                    case "--pool" -> pool = DemoOptions.value(rest, ++i, a);
                    case "--mode" -> mode = DemoOptions.mode(DemoOptions.value(rest, ++i, a));
                    case "--workers" -> workers = DemoOptions.positive(a, DemoOptions.value(rest, ++i, a));
                    case "--max-open" -> maxOpen = DemoOptions.positive(a, DemoOptions.value(rest, ++i, a));
                    case "--attempts" -> attempts = DemoOptions.positive(a, DemoOptions.value(rest, ++i, a));
                    default -> throw new DemoOptions.UsageException("unknown worker option '" + a + "'");
                }
            }
            if (url == null) {
                throw new DemoOptions.UsageException("worker needs --redis URL");
            }
        } catch (DemoOptions.UsageException e) {
            err.println("mr-demo worker: " + e.getMessage());
            err.print(DemoOptions.USAGE);
            return 2;
        }
        DistributedWorker worker = start(url, pool, mode, workers, maxOpen, attempts, out);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(worker::close));
        worker.awaitStop();
        return 0;
    }

    /** Joins {@code pool} at {@code url} as a reader of files; the caller closes the worker. */
    static DistributedWorker start(String url, String pool, RunningMode mode, int workers, int maxOpen, int attempts,
                                   PrintStream out) {
        DemoOptions readOptions = new DemoOptions(Path.of("."), workers, mode, null, java.util.Set.of(), "one-file",
                Path.of("."), maxOpen, attempts, 0, false, false, url, pool, false);
        Scan scan = new Scan(readOptions, out);
        ProgressBar quiet = new ProgressBar(out, 0, false);
        Retry<FileRow> retry = Retry.of(scan.retryPolicy(quiet));
        // One semaphore for every worker JVM of the pool: --max-open files open at once over all of them.
        RedisSync redis = RedisSync.builder().withUrl(url).build();
        DistributedWorker worker = DistributedWorker.builder(pool).withUrl(url).withMode(mode).withConcurrency(workers)
                .withFeature(redis.newSemaphore("mr-demo-open-files-" + pool, maxOpen))
                .withTask(READ_FILE, request -> {
                    Path root = Path.of(request.root());
                    return retry.call(() -> scan.read(root, root.resolve(request.path())));
                })
                .start();
        out.println("WORKER " + worker.name() + " READY pool=" + pool + " mode=" + mode + " concurrency=" + workers);
        out.flush();
        return worker;
    }
}
