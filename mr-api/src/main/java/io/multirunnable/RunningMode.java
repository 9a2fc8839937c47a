package io.multirunnable;

/**
 * How workers run. Switching a program from one mode to another is changing this one argument;
 * the tasks, results and sync primitives stay the same.
 *
 * @since 0.1
 */
public enum RunningMode {
    /**
     * CPU-parallel workers on a dedicated work-stealing {@link java.util.concurrent.ForkJoinPool}
     * sized to the worker count (the Python original's processes).
     */
    PARALLEL,
    /** One platform thread per worker (the Python original's threads). */
    CONCURRENT,
    /** One virtual thread per worker (the Python original's greenlets): cheap enough for 10,000s. */
    GREEN_THREAD,
    /**
     * Workers are {@link java.util.concurrent.CompletableFuture} pipelines on an async-mode
     * (FIFO) pool; tasks that return a {@link java.util.concurrent.CompletionStage} through
     * {@code runAsync} are composed without blocking a thread (the Python original's asyncio).
     */
    ASYNCHRONOUS
}
