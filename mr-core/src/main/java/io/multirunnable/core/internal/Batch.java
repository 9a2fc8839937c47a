package io.multirunnable.core.internal;

import io.multirunnable.internal.Check;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;

/**
 * One call's worker loops on an executor service: submits them, waits for them, and can cancel
 * them by interrupting the threads that run them (which works for every backend, including
 * ForkJoinPool, whose futures do not interrupt on cancel).
 */
final class Batch {
    private final ExecutorService service;
    // Concurrent: shutdownNow() may cancel a batch while its caller is still submitting loops.
    private final Queue<Future<?>> futures = new ConcurrentLinkedQueue<>();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private volatile boolean cancelled;

    Batch(ExecutorService service) {
        this.service = service;
    }

    boolean isCancelled() {
        return cancelled;
    }

    /** Submits one worker loop. */
    void submit(Runnable loop) {
        Runnable tracked = () -> {
            Thread me = Thread.currentThread();
            threads.add(me);
            try {
                if (!cancelled) {
                    loop.run();
                }
            } finally {
                threads.remove(me);
            }
        };
        try {
            futures.add(service.submit(tracked));
        } catch (RejectedExecutionException e) {
            cancel();
            throw new IllegalStateException("executor is closed", e);
        }
    }

    /** Waits for every loop; if interrupted, cancels them all and rethrows. */
    void await() throws InterruptedException {
        try {
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            cancel();
            throw e;
        } catch (ExecutionException e) {
            // Workers.run captures task failures; only a fatal error or a bug gets here.
            cancel();
            Throwable cause = e.getCause();
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("worker loop failed", cause);
        } catch (CancellationException e) {
            // shutdownNow() cancelled queued loops; the caller sees the executor as closed.
            cancel();
            throw new IllegalStateException("executor was shut down while the batch was running", e);
        }
    }

    /** Stops loops that have not started and interrupts those that have. */
    void cancel() {
        cancelled = true;
        for (Future<?> f : futures) {
            f.cancel(true);
        }
        for (Thread t : threads) {
            t.interrupt();
        }
    }

    static void checkOpen(boolean closed) {
        Check.state(!closed, "executor is closed");
    }
}
