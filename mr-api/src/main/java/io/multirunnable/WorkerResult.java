package io.multirunnable;

import io.multirunnable.internal.Check;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;

/**
 * What one worker produced for one task: who ran it, its value or its exception, and when.
 * A task that throws never kills its executor or pool; its exception is kept here.
 *
 * <p>Immutable and thread-safe. Equal when every accessor is equal.
 *
 * <p>Until 0.2 this was a record; since 0.3 it is a final class with the same accessors and the same
 * constructor, so that an executor running 100,000 workers does not allocate two {@code Instant}s and a
 * worker name per task: times are kept as epoch nanoseconds and the worker's name is read from its
 * {@link WorkerContext} when asked ({@link #WorkerResult(WorkerContext, int, Object, Throwable, long, long)}).
 * Record deconstruction patterns ({@code case WorkerResult(var n, ...)}) no longer apply.
 *
 * @param <T> the task's value type
 * @since 0.1
 */
public final class WorkerResult<T> {
    private final WorkerContext worker;
    private final int index;
    private final T value;
    private final Throwable error;
    private final long startNanos;
    private final long endNanos;

    /**
     * A result with every attribute given.
     *
     * @param workerName the worker's name, e.g. {@code "executor-1-worker-3"}
     * @param workerId   the worker's id within its executor or pool, from 1
     * @param parentName the name of the thread that started the work
     * @param index      the position of the input (for {@code map}) or task (for {@code mapWithFunction}),
     *                   or the worker index minus one for {@code run}
     * @param value      the task's value, or {@code null} if it failed or returned {@code null}
     * @param error      the exception the task threw, or {@code null} on success
     * @param start      when the task started; within about 1677 to 2262 (epoch nanoseconds must fit a long)
     * @param end        when the task ended; same range
     * @throws IllegalArgumentException if {@code start} or {@code end} is null or out of that range
     * @since 0.1
     */
    public WorkerResult(String workerName, long workerId, String parentName, int index,
                        T value, Throwable error, Instant start, Instant end) {
        this(new Given(workerName, workerId, parentName), index, value, error,
                epochNanos(start, "start"), epochNanos(end, "end"));
    }

    /**
     * A result whose worker attributes are read from {@code worker} when asked: what executor
     * implementations use, so that a task's result costs one object. {@code worker}'s {@code name()},
     * {@code id()} and {@code parent()} must not change.
     *
     * @param worker           the worker that ran the task (not {@code null})
     * @param index            as in the other constructor
     * @param value            the task's value, or {@code null}
     * @param error            the exception the task threw, or {@code null} on success
     * @param startEpochNanos  when the task started, in nanoseconds since 1970-01-01T00:00Z
     * @param endEpochNanos    when the task ended, in nanoseconds since 1970-01-01T00:00Z
     * @throws IllegalArgumentException if {@code worker} is null
     * @since 0.3
     */
    public WorkerResult(WorkerContext worker, int index, T value, Throwable error,
                        long startEpochNanos, long endEpochNanos) {
        this.worker = Check.notNull(worker, "worker");
        this.index = index;
        this.value = value;
        this.error = error;
        this.startNanos = startEpochNanos;
        this.endNanos = endEpochNanos;
    }

    /** The current time in nanoseconds since the epoch, at {@link Instant#now()}'s precision. */
    public static long nowEpochNanos() {
        Instant now = Instant.now(); // does not escape: the JIT removes it
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    private static long epochNanos(Instant t, String name) {
        Check.notNull(t, name);
        try {
            return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(name + " " + t
                    + " is out of range: a WorkerResult time must be between 1677-09-21 and 2262-04-11", e);
        }
    }

    /** The worker's name, e.g. {@code "executor-1-worker-3"}. */
    public String workerName() {
        return worker.name();
    }

    /** The worker's id within its executor or pool, from 1. */
    public long workerId() {
        return worker.id();
    }

    /** The name of the thread that started the work. */
    public String parentName() {
        return worker.parent();
    }

    /**
     * The position of the input (for {@code map}) or task (for {@code mapWithFunction}), or the worker
     * index minus one for {@code run}.
     */
    public int index() {
        return index;
    }

    /** The task's value, or {@code null} if it failed or returned {@code null}. */
    public T value() {
        return value;
    }

    /**
     * The exception the task threw, or {@code null} on success; {@link #failure()} is the same as an
     * {@code Optional}. Both exist on purpose: {@code error()} allocates nothing on hot paths,
     * {@code failure()} reads better in stream code ({@code r.failure().ifPresent(log::warn)}).
     */
    public Throwable error() {
        return error;
    }

    /**
     * When the task started (a new {@code Instant} each call). A worker that runs tasks one after another
     * ({@code map}, a pool's chunk of inputs) reads the clock once per task: a task's start is the end of the
     * task before it on that worker, so it includes the worker's bookkeeping between the two (tens of
     * nanoseconds, unless the thread is descheduled right then).
     */
    public Instant start() {
        return instant(startNanos);
    }

    /** When the task ended (a new {@code Instant} each call). */
    public Instant end() {
        return instant(endNanos);
    }

    private static Instant instant(long epochNanos) {
        return Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L), Math.floorMod(epochNanos, 1_000_000_000L));
    }

    /** {@code true} if the task returned normally. */
    public boolean isSuccessful() {
        return error == null;
    }

    /** How long the task ran. */
    public Duration duration() {
        return Duration.ofNanos(endNanos - startNanos);
    }

    /** The exception, if the task failed: {@link #error()} as an {@code Optional}. */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(error);
    }

    /**
     * The value, or the task's exception wrapped in an {@link ExecutionException}, as
     * {@link java.util.concurrent.Future#get()} does.
     *
     * @throws ExecutionException if the task failed; its cause is the task's exception
     */
    public T get() throws ExecutionException {
        if (error != null) {
            throw new ExecutionException(workerName() + " failed: " + error, error);
        }
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WorkerResult<?> r && index == r.index && startNanos == r.startNanos
                && endNanos == r.endNanos && workerId() == r.workerId() && Objects.equals(workerName(), r.workerName())
                && Objects.equals(parentName(), r.parentName()) && Objects.equals(value, r.value)
                && Objects.equals(error, r.error);
    }

    @Override
    public int hashCode() {
        return Objects.hash(workerName(), workerId(), parentName(), index, value, error, startNanos, endNanos);
    }

    @Override
    public String toString() {
        return "WorkerResult[" + workerName() + " #" + index + (error == null ? " value=" + value : " error=" + error)
                + " in " + duration().toMillis() + " ms]";
    }

    /** The worker of a result made with the first constructor. */
    private record Given(String name, long id, String parent) implements WorkerContext {
        @Override
        public int activeCount() {
            return 0;
        }

        @Override
        public RunningMode mode() {
            return null;
        }

        @Override
        public boolean isWorker() {
            return true;
        }
    }
}
