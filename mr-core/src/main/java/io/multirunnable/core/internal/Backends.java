package io.multirunnable.core.internal;

import io.multirunnable.RunningMode;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The thread machinery behind each running mode. */
final class Backends {
    private Backends() {
    }

    /**
     * An executor service able to run {@code workers} tasks at once in {@code mode}.
     * Thread names start with {@code name}.
     */
    static ExecutorService create(RunningMode mode, int workers, String name) {
        return switch (mode) {
            case PARALLEL -> forkJoin(workers, name + "-fj-", false);
            case ASYNCHRONOUS -> forkJoin(workers, name + "-async-", true);
            case GREEN_THREAD -> Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name(name + "-vt-", 1).factory());
            case CONCURRENT -> {
                // Idle platform threads time out, so an executor that is never closed does not pin the JVM.
                ThreadPoolExecutor tpe = new ThreadPoolExecutor(workers, workers, 30, TimeUnit.SECONDS,
                        new LinkedBlockingQueue<>(), Thread.ofPlatform().name(name + "-t-", 1).factory());
                tpe.allowCoreThreadTimeOut(true);
                yield tpe;
            }
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
