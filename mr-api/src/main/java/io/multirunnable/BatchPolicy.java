package io.multirunnable;

import io.multirunnable.internal.Check;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * When a batch ({@code run}, {@code map}, {@code mapWithFunction} of a {@link SimpleExecutor},
 * {@code map} of a {@link SimplePool}) is over: after every task ({@link #collectAll()}, the default and
 * the Python original's behaviour), at the first failure ({@link #failFast()}), at the first success
 * ({@link #firstSuccess()}), and in every case by a deadline if one is set ({@link #withTimeout(Duration)}).
 * The JDK's {@code StructuredTaskScope} joiners {@code awaitAll()}, {@code allSuccessfulOrThrow()} and
 * {@code anySuccessfulResultOrThrow()}, and its {@code withTimeout}, are the same ideas.
 *
 * <pre>{@code
 * // The first failure cancels the rest and is thrown as it is; executor.result() shows who was cancelled.
 * List<WorkerResult<Page>> pages = executor.map(BatchPolicy.failFast(), url -> fetch(url), urls);
 *
 * // Ask three mirrors, keep the first answer; all failing throws the first failure, the others suppressed.
 * List<WorkerResult<Page>> any = executor.mapWithFunction(BatchPolicy.firstSuccess(), List.of(a, b, c));
 *
 * // Everything, but give up on what is still running after 2 seconds: those results carry a TimeoutException.
 * List<WorkerResult<Page>> some = pool.map(BatchPolicy.collectAll().withTimeout(Duration.ofSeconds(2)), this::fetch, urls);
 * }</pre>
 *
 * <p><b>Cancelling</b> a task means interrupting the worker running it (so it stops in
 * {@link MultiRunnable#sleep}, a sync primitive's {@code acquire}, a connection-pool checkout, a retry
 * backoff or any other interruptible wait) and not starting tasks that have not started. Once a batch
 * is decided (first failure, first success, deadline), its call returns at once, without waiting for
 * the cancelled workers to notice; the results that were not in by then say why they are missing:
 * a {@link java.util.concurrent.CancellationException} (decided by another task) or a
 * {@link java.util.concurrent.TimeoutException} (deadline). The executor's or pool's {@code close()}
 * still waits for every worker thread to end.
 *
 * <p>Immutable and thread-safe; one policy may serve any number of batches.
 *
 * @since 0.2
 */
public final class BatchPolicy {

    /** What ends a batch before its deadline. */
    public enum Completion {
        /** Every task runs to its end; failures are results like any other (the default). */
        COLLECT_ALL,
        /**
         * The first failure cancels the tasks still running or waiting; the call throws that failure
         * unchanged.
         */
        FAIL_FAST,
        /**
         * The first success cancels the rest and the call returns; when every task fails, the call throws
         * the first failure with the others attached as suppressed.
         */
        FIRST_SUCCESS
    }

    private static final BatchPolicy COLLECT_ALL = new BatchPolicy(Completion.COLLECT_ALL, null);
    private static final BatchPolicy FAIL_FAST = new BatchPolicy(Completion.FAIL_FAST, null);
    private static final BatchPolicy FIRST_SUCCESS = new BatchPolicy(Completion.FIRST_SUCCESS, null);

    private final Completion completion;
    private final Duration timeout;

    private BatchPolicy(Completion completion, Duration timeout) {
        this.completion = completion;
        this.timeout = timeout;
    }

    /** Wait for every task; failures stay in their results. No deadline. The policy of the methods without one. */
    public static BatchPolicy collectAll() {
        return COLLECT_ALL;
    }

    /** Stop at the first failure and throw it. No deadline. */
    public static BatchPolicy failFast() {
        return FAIL_FAST;
    }

    /** Stop at the first success; throw the first failure (others suppressed) if none succeeds. No deadline. */
    public static BatchPolicy firstSuccess() {
        return FIRST_SUCCESS;
    }

    /**
     * This policy with a deadline {@code timeout} after the call starts. At the deadline the tasks still
     * running are interrupted, those not started never start, and their results carry a
     * {@link java.util.concurrent.TimeoutException}; the call returns within a few milliseconds of it.
     * With {@link Completion#COLLECT_ALL} the call returns the results; with {@link Completion#FAIL_FAST}
     * or {@link Completion#FIRST_SUCCESS} (when nothing succeeded yet) it throws the
     * {@code TimeoutException} (for {@code FIRST_SUCCESS}, with the failures so far suppressed).
     *
     * @throws IllegalArgumentException "timeout must be > 0 but was PT0S" for a null, zero or negative timeout
     */
    public BatchPolicy withTimeout(Duration timeout) {
        return new BatchPolicy(completion, Check.positive(timeout, "timeout"));
    }

    /** What ends the batch before its deadline. */
    public Completion completion() {
        return completion;
    }

    /** The deadline, counted from the start of the call, if any. */
    public Optional<Duration> timeout() {
        return Optional.ofNullable(timeout);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BatchPolicy p && p.completion == completion && Objects.equals(p.timeout, timeout);
    }

    @Override
    public int hashCode() {
        return completion.hashCode() * 31 + Objects.hashCode(timeout);
    }

    @Override
    public String toString() {
        return "BatchPolicy[" + completion + (timeout == null ? "" : ", timeout=" + timeout) + "]";
    }
}
