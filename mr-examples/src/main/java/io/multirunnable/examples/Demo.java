package io.multirunnable.examples;

import java.io.PrintStream;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The MultiRunnable demo: scans a directory with N workers in a chosen running mode, computes
 * size, line count and SHA-256 of every file, retries transient read failures, limits open
 * files with a semaphore, stores the rows in a database (embedded SQLite by default) and writes
 * a report with FAO. {@code --help} lists every option.
 */
public final class Demo {
    private Demo() {
    }

    /**
     * Entry point; exits 0 on success, 1 if some files could not be read or the run failed,
     * 2 on bad arguments.
     *
     * @param args command-line arguments, see {@code --help}
     */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static final String DISTRIBUTED_MISSING = "the distributed mode needs the module io.multirunnable.distributed.redis "
            + "and its dependencies (Redisson) on the module path, resolved with --add-modules "
            + "io.multirunnable.distributed.redis; the runtime image does not include them";

    /**
     * {@code true} if the optional distributed module is resolved. Checked here, not in {@link DistributedScan},
     * whose static fields already need the module.
     */
    static boolean distributedAvailable() {
        try {
            Class.forName("io.multirunnable.distributed.redis.DistributedPool");
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Runs the demo and returns its exit code. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        // Library chatter (pool start/stop) would break the progress bar; warnings still show.
        Logger.getLogger("").setLevel(Level.WARNING);
        if (args.length > 0 && args[0].equals("worker")) {
            if (!distributedAvailable()) {
                err.println("mr-demo worker: " + DISTRIBUTED_MISSING);
                return 2;
            }
            try {
                return DistributedScan.serve(args, out, err);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 1;
            } catch (RuntimeException e) {
                err.println("mr-demo worker: " + e.getMessage());
                return 1;
            }
        }
        DemoOptions options;
        try {
            options = DemoOptions.parse(args);
        } catch (DemoOptions.UsageException e) {
            err.println("mr-demo: " + e.getMessage());
            err.print(DemoOptions.USAGE);
            return 2;
        }
        if (options.help()) {
            out.print(DemoOptions.USAGE);
            return 0;
        }
        if (options.distributed() != null && !distributedAvailable()) {
            err.println("mr-demo: " + DISTRIBUTED_MISSING);
            return 2;
        }
        try {
            Summary summary = new Scan(options, out).run();
            summary.print(out);
            return summary.failures().isEmpty() ? 0 : 1;
        } catch (Exception e) {
            err.println("mr-demo: " + e);
            for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
                err.println("  caused by: " + c);
            }
            return 1;
        }
    }
}
