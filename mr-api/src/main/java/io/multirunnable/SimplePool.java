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
 * <p>At most {@link PoolConfig#size()} tasks run at once; the rest wait in submission order.
 * A task that throws never kills the pool: its exception is in its {@link WorkerResult}.
 * {@link #close()} refuses new tasks and waits for queued and running ones; {@link #terminate()}
 * interrupts running tasks and discards queued ones (their futures complete with a
 * {@link java.util.concurrent.CancellationException}). Any submitting method called after
 * either throws {@link IllegalStateException}. Implementations are thread-safe.
 *
 * @since 0.1
 */
public interface SimplePool extends AutoCloseable {

    /**
     * A pool of {@code size} workers in {@code mode}.
     *
     * @throws IllegalArgumentException if {@code mode} is null or {@code size <= 0}
     * @throws IllegalStateException    if no implementation module (io.multirunnable.core) is present
     */
    static SimplePool of(RunningMode mode, int size) {
        return builder(mode).withSize(size).build();
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

    /** Shortcut for {@code config().size()}. */
    default int size() {
        return config().size();
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
     * or discarded by {@link #terminate()}; cancelling it interrupts the task.
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
     * Lazily applies {@code function} to {@code inputs}: inputs are read and submitted as the
     * iterator is consumed, at most {@code 2 × size} ahead, so an endless input is fine.
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

    /** Refuses new tasks, discards queued ones and interrupts running ones; does not wait. */
    void terminate();

    /** {@code true} once {@link #close()} or {@link #terminate()} was called. */
    boolean isClosed();
}
