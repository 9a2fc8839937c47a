package io.multirunnable.examples;

import io.multirunnable.RunningMode;
import io.multirunnable.SimpleExecutor;
import io.multirunnable.WorkerContext;
import io.multirunnable.WorkerResult;
import java.util.List;
import java.util.Locale;

/**
 * The demo: runs the same task in every running mode and prints who ran what.
 * Usage: {@code Demo [workers]}.
 */
public final class Demo {
    private Demo() {
    }

    /** Entry point. */
    public static void main(String[] args) throws InterruptedException {
        int workers = 4;
        if (args.length > 0) {
            try {
                workers = Integer.parseInt(args[0]);
            } catch (NumberFormatException e) {
                System.err.println("error: workers must be a number but was '" + args[0] + "'");
                System.err.println("usage: Demo [workers]");
                System.exit(2);
            }
        }
        for (RunningMode mode : RunningMode.values()) {
            try (SimpleExecutor executor = SimpleExecutor.of(mode, workers)) {
                List<WorkerResult<String>> results = executor.run(() -> {
                    WorkerContext me = WorkerContext.current();
                    return me.name() + " on " + Thread.currentThread();
                });
                long ok = results.stream().filter(WorkerResult::isSuccessful).count();
                System.out.printf(Locale.ROOT, "%-13s %d/%d workers ok, e.g. %s%n", mode, ok, results.size(),
                        results.get(0).value());
            }
        }
    }
}
