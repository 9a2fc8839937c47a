package io.multirunnable;

import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/**
 * A pool of a fixed number of workers in a {@link RunningMode} that tasks are handed to one at a
 * time or in bulk.
 *
 * <pre>{@code
 * try (SimplePool pool = SimplePool.of(RunningMode.CONCURRENT, 4)) {
 *     Iterator<WorkerResult<Integer>> squares = pool.imap(x -> x * x, List.of(1, 2, 3));
 * }
 * }</pre>
 *
 * <p>At most {@link PoolConfig#workers()} tasks run at once; the rest wait in submission order.
 * A task that throws never kills the pool: its exception is in its {@link WorkerResult}.
 * {@link #map(BatchPolicy, CheckedFunction, Collection)} stops a batch early: at the first failure,
 * the first success or a deadline (see {@link BatchPolicy}).
 * {@link #close()} refuses new tasks and waits for queued and running ones; {@link #shutdownNow()}
 * interrupts running tasks and discards queued ones (their futures complete with a
 * {@link java.util.concurrent.CancellationException}). Any submitting method called after
 * either throws {@link IllegalStateException}. Implementations are thread-safe.
 *
 * @since 0.1
 */
public interface SimplePool extends AutoCloseable {

    /**
     * A pool of {@code workers} workers in {@code mode}.
     *
     * @throws IllegalArgumentException if {@code mode} is null or {@code workers <= 0}
     * @throws IllegalStateException    if no implementation module (io.multirunnable.core) is present
     */
    static SimplePool of(RunningMode mode, int workers) {
        return builder(mode).withWorkers(workers).build();
    }

    /** A builder for a pool in {@code mode}. */
    static SimplePoolBuilder builder(RunningMode mode) {
        return new SimplePoolBuilder(mode);
    }

    /** The configuration this pool was built with. */
    PoolConfig config();

    /** Shortcut for {@code config().mode()}. */
    default RunningMode mode() {
        return config().mode();
    }

    /**
     * Shortcut for {@code config().workers()}: how many tasks run at once.
     *
     * @since 0.2
     */
    default int workers() {
        return config().workers();
    }

    /**
     * Shortcut for {@code config().workers()}.
     *
     * @deprecated since 0.2: the same as {@link #workers()}, the name executors and pools now share
     */
    @Deprecated(since = "0.2")
    default int size() {
        return workers();
    }

    /**
     * Runs {@code task} on one worker and waits for it.
     *
     * @throws InterruptedException if interrupted while waiting (the task is cancelled)
     */
    <T> WorkerResult<T> apply(Callable<T> task) throws InterruptedException;

    /**
     * Queues {@code task} for one worker and returns at once. The future always completes
     * normally with a result (holding the task's exception if it threw), unless cancelled
     * or discarded by {@link #shutdownNow()}; cancelling it interrupts the task.
     */
    <T> CompletableFuture<WorkerResult<T>> asyncApply(Callable<T> task);

    /**
     * Applies {@code function} to every input on the pool's workers and waits for all.
     *
     * @return one result per input, in input order
     */
    <I, O> List<WorkerResult<O>> map(CheckedFunction<? super I, ? extends O> function,
                                     Collection<? extends I> inputs) throws InterruptedException;

    /**
     * {@link #map(CheckedFunction, Collection)} under {@code policy}: stops at the first failure, the first
     * success or the deadline, as {@link BatchPolicy} says, cancelling (interrupting) the tasks still
     * running and never starting the ones still queued; the call returns without waiting for them to stop.
     * {@link #result()} then holds every input's result.
     *
     * @return one result per input, in input order; results not in when the batch was decided carry a
     *         {@link java.util.concurrent.CancellationException} or, at the deadline, a
     *         {@link java.util.concurrent.TimeoutException} (inputs never started: worker id 0, named after the pool)
     * @throws Exception                as {@link SimpleExecutor#run(BatchPolicy, Callable)}: the first failure
     *                                  unchanged (fail fast), the first failure with the others suppressed
     *                                  (first success, all failed), a {@link java.util.concurrent.TimeoutException},
     *                                  or {@link InterruptedException}
     * @throws IllegalArgumentException "policy must not be null", or a null function or inputs
     * @throws IllegalStateException    if the pool is closed
     * @since 0.2
     */
    <I, O> List<WorkerResult<O>> map(BatchPolicy policy, CheckedFunction<? super I, ? extends O> function,
                                     Collection<? extends I> inputs) throws Exception;

    /**
     * Lazily applies {@code function} to {@code inputs}: inputs are read and submitted as the
     * iterator is consumed, at most {@code 2 × workers} ahead, so an endless input is fine.
     * Results come in input order. {@code next()} blocks until the next result is ready; if the
     * thread is interrupted it restores the interrupt flag and throws
     * {@link java.util.concurrent.CancellationException}.
     */
    <I, O> Iterator<WorkerResult<O>> imap(CheckedFunction<? super I, ? extends O> function,
                                          Iterable<? extends I> inputs);

    /** Like {@link #imap} but results come in completion order. */
    <I, O> Iterator<WorkerResult<O>> imapUnordered(CheckedFunction<? super I, ? extends O> function,
                                                   Iterable<? extends I> inputs);

    /** The results of the most recent {@code map} call, or an empty list. */
    List<WorkerResult<?>> result();

    /** Refuses new tasks and waits for queued and running ones. Idempotent. */
    @Override
    void close();

    /**
     * Refuses new tasks, discards queued ones and interrupts running ones; does not wait. The name and
     * meaning of {@link java.util.concurrent.ExecutorService#shutdownNow()} and {@link SimpleExecutor#shutdownNow()}.
     *
     * @since 0.2
     */
    void shutdownNow();

    /**
     * The Python original's name for {@link #shutdownNow()}.
     *
     * @deprecated since 0.2: use {@link #shutdownNow()}, the name executors and pools now share
     */
    @Deprecated(since = "0.2")
    default void terminate() {
        shutdownNow();
    }

    /** {@code true} once {@link #close()} or {@link #shutdownNow()} was called. */
    boolean isClosed();
}
