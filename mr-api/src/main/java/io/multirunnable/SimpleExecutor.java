package io.multirunnable;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Runs one piece of work on N workers in a {@link RunningMode}.
 *
 * <pre>{@code
 * try (SimpleExecutor executor = SimpleExecutor.of(RunningMode.GREEN_THREAD, 8)) {
 *     List<WorkerResult<String>> results = executor.run(() -> WorkerContext.current().name());
 * }
 * }</pre>
 *
 * <p>A task that throws never kills the executor: its exception is in its {@link WorkerResult}.
 * The blocking methods wait until every worker has finished; if the calling thread is
 * interrupted while waiting, the workers are cancelled (interrupted) and
 * {@link InterruptedException} is thrown. One executor may run many batches, one after
 * another or from several threads at once.
 *
 * <p>The methods above collect every result. Their overloads taking a {@link BatchPolicy} stop a
 * batch early, structured-concurrency style: at the first failure, at the first success, or at a
 * deadline, cancelling (interrupting) the workers still running:
 * <pre>{@code
 * executor.map(BatchPolicy.failFast().withTimeout(Duration.ofSeconds(5)), this::check, hosts);
 * }</pre>
 *
 * <p>{@link #close()} refuses new work and waits for running workers; {@link #shutdownNow()}
 * interrupts them. Any method but {@code close}/{@code shutdownNow} called after either throws
 * {@link IllegalStateException}. Implementations are thread-safe.
 *
 * <p>Threads (the local implementation, since 0.3): GREEN_THREAD starts a virtual thread per worker;
 * CONCURRENT gives every worker a platform thread at once, so workers that block or wait for each other
 * all run at the same time, but a thread whose worker has finished takes the next worker still queued
 * (of the same batch or another) before a sleeping thread is woken for it, and a thread that finished
 * within the last second is reused (at most 64 are kept idle). So, as on any pool, thread-locals a task
 * leaves behind may be seen by a later worker's task, and two workers of one batch may report the same
 * {@code Thread.currentThread()}; {@link WorkerContext#current()} always names the right worker.
 * PARALLEL and ASYNCHRONOUS run workers on the executor's fork-join pool, which starts its threads as
 * the work needs them (two or three for a batch of tiny tasks, one per worker when they block).
 * {@code close()} ends the idle threads too: none survives it. On these two modes
 * {@link WorkerContext#current()} finds the worker through the thread's uncaught-exception-handler slot
 * (nothing is allocated per worker); a task that installs its own handler hides its context until it ends.
 *
 * @since 0.1
 */
public interface SimpleExecutor extends AutoCloseable {

    /**
     * An executor of {@code workers} workers in {@code mode}, with default settings.
     *
     * @throws IllegalArgumentException if {@code mode} is null or {@code workers <= 0}
     * @throws IllegalStateException    if no implementation module (io.multirunnable.core) is present
     */
    static SimpleExecutor of(RunningMode mode, int workers) {
        return builder(mode).withWorkers(workers).build();
    }

    /** A builder for an executor in {@code mode}. */
    static SimpleExecutorBuilder builder(RunningMode mode) {
        return new SimpleExecutorBuilder(mode);
    }

    /** The configuration this executor was built with. */
    ExecutorConfig config();

    /** Shortcut for {@code config().mode()}. */
    default RunningMode mode() {
        return config().mode();
    }

    /** Shortcut for {@code config().workers()}. */
    default int workers() {
        return config().workers();
    }

    /**
     * Runs {@code task} once on every worker and waits for all of them.
     *
     * @return one result per worker, ordered by worker id
     * @throws InterruptedException     if interrupted while waiting (workers are cancelled)
     * @throws IllegalArgumentException if {@code task} is null
     * @throws IllegalStateException    if the executor is closed
     */
    <T> List<WorkerResult<T>> run(Callable<T> task) throws InterruptedException;

    /** {@link #run(Callable)} for a task without a value; each result's value is {@code null}. */
    List<WorkerResult<Void>> run(Runnable task) throws InterruptedException;

    /**
     * Applies {@code function} to every input, spreading the inputs over the workers (each
     * worker takes the next input when it is free), and waits for all of them.
     *
     * @return one result per input, in input order
     */
    <I, O> List<WorkerResult<O>> map(CheckedFunction<? super I, ? extends O> function,
                                     Collection<? extends I> inputs) throws InterruptedException;

    /**
     * Runs a list of different tasks, spread over the workers, and waits for all of them.
     *
     * @return one result per task, in task order
     */
    <T> List<WorkerResult<T>> mapWithFunction(List<? extends Callable<? extends T>> tasks) throws InterruptedException;

    /**
     * {@link #run(Callable)} under {@code policy}: stops at the first failure, the first success or the
     * deadline, as {@link BatchPolicy} says, cancelling (interrupting) the workers still running; the call
     * returns without waiting for them to stop ({@link #close()} does). {@link #result()} then holds every
     * worker's result, cancelled ones included.
     *
     * @return one result per worker, ordered by worker id; results not in when the batch was decided
     *         carry a {@link java.util.concurrent.CancellationException} or, at the deadline, a
     *         {@link java.util.concurrent.TimeoutException}
     * @throws Exception                the first failure, unchanged ({@link BatchPolicy#failFast()}); the first
     *                                  failure with the others suppressed ({@link BatchPolicy#firstSuccess()},
     *                                  all failed); a {@link java.util.concurrent.TimeoutException} (deadline,
     *                                  except with {@link BatchPolicy#collectAll()}); {@link InterruptedException}
     *                                  if the caller is interrupted (workers are cancelled)
     * @throws IllegalArgumentException "policy must not be null", or a null task
     * @throws IllegalStateException    if the executor is closed
     * @since 0.2
     */
    <T> List<WorkerResult<T>> run(BatchPolicy policy, Callable<T> task) throws Exception;

    /**
     * {@link #map(CheckedFunction, Collection)} under {@code policy}, as {@link #run(BatchPolicy, Callable)}
     * describes; inputs not started when the batch is decided are never started, and their results
     * (worker id 0, named after the executor) say why.
     *
     * @since 0.2
     */
    <I, O> List<WorkerResult<O>> map(BatchPolicy policy, CheckedFunction<? super I, ? extends O> function,
                                     Collection<? extends I> inputs) throws Exception;

    /**
     * {@link #mapWithFunction(List)} under {@code policy}, as {@link #map(BatchPolicy, CheckedFunction, Collection)}.
     *
     * @since 0.2
     */
    <T> List<WorkerResult<T>> mapWithFunction(BatchPolicy policy, List<? extends Callable<? extends T>> tasks)
            throws Exception;

    /**
     * Starts {@code task} on every worker without blocking; a task returning a
     * {@link CompletionStage} is composed, not waited on, so in {@link RunningMode#ASYNCHRONOUS}
     * no thread blocks while it is pending.
     *
     * @return a future of one result per worker, ordered by worker id; cancelling it interrupts the workers
     */
    <T> CompletableFuture<List<WorkerResult<T>>> runAsync(Callable<? extends CompletionStage<T>> task);

    /** The results of the most recently completed batch ({@code run}, {@code map}, ...), or an empty list. */
    List<WorkerResult<?>> result();

    /** Refuses new work and waits for running workers to finish. Idempotent. */
    @Override
    void close();

    /**
     * Refuses new work and interrupts running workers; returns without waiting for them. A batch
     * call blocked meanwhile returns at once: results not in by then carry a
     * {@link java.util.concurrent.CancellationException}. {@link #close()} afterwards waits for the
     * worker threads to end.
     */
    void shutdownNow();

    /** {@code true} once {@link #close()} or {@link #shutdownNow()} was called. */
    boolean isClosed();
}
