package io.multirunnable.core.internal;

import io.multirunnable.RunningMode;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.atomic.AtomicInteger;

/** The thread machinery behind each running mode. */
final class Backends {
    private Backends() {
    }

    /**
     * An executor service able to run {@code workers} tasks at once in {@code mode}.
     * Platform thread names start with {@code name}.
     *
     * <p>CONCURRENT and GREEN_THREAD start one thread per submitted worker loop and keep none: the
     * loops themselves are the workers (an executor batch starts at most {@code workers} of them, a pool
     * exactly {@code workers} for its lifetime). That is the raw JDK construct of each mode, so there
     * is no idle thread to wake and join at {@code close()}: a {@code ThreadPoolExecutor} with 5,000
     * core threads took 0.7-1.0 s to close, one interrupt and exit after another. Virtual threads are
     * not named: a name is one more string per task, and the worker context carries the worker's name.
     */
    static ExecutorService create(RunningMode mode, int workers, String name) {
        return switch (mode) {
            case PARALLEL -> forkJoin(workers, name + "-fj-", false);
            case ASYNCHRONOUS -> forkJoin(workers, name + "-async-", true);
            case GREEN_THREAD -> Executors.newThreadPerTaskExecutor(Thread.ofVirtual().factory());
            case CONCURRENT -> Executors.newThreadPerTaskExecutor(Thread.ofPlatform().name(name + "-t-", 1).factory());
        };
    }

    private static ForkJoinPool forkJoin(int parallelism, String prefix, boolean asyncMode) {
        AtomicInteger n = new AtomicInteger();
        ForkJoinPool.ForkJoinWorkerThreadFactory factory = pool -> {
            ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
            t.setName(prefix + n.incrementAndGet());
            return t;
        };
        return new ForkJoinPool(Math.min(parallelism, 32767), factory, null, asyncMode);
    }
}
