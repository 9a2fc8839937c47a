package io.multirunnable.tests.retry;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A target that fails its first calls with the given exceptions (one per call, in order) and
 * then returns {@code "r<call number>"}. Logs {@code "call#n"} into the shared hook log.
 */
final class ScriptedTarget implements Callable<String> {
    private final List<String> log;
    private final List<? extends Throwable> failures;
    final AtomicInteger calls = new AtomicInteger();

    ScriptedTarget(List<String> log, List<? extends Throwable> failures) {
        this.log = log;
        this.failures = failures;
    }

    @Override
    public String call() throws Exception {
        int n = calls.incrementAndGet();
        log.add("call#" + n);
        if (n <= failures.size()) {
            Throwable t = failures.get(n - 1);
            if (t instanceof Exception e) {
                throw e;
            }
            throw (Error) t;
        }
        return "r" + n;
    }

    /** The same script as an async target: failures become failed stages. */
    Supplier<CompletionStage<String>> async() {
        return () -> {
            try {
                return CompletableFuture.completedFuture(call());
            } catch (Throwable t) {
                return CompletableFuture.failedFuture(t);
            }
        };
    }
}
