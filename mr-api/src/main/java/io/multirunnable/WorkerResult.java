package io.multirunnable;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutionException;

/**
 * What one worker produced for one task: who ran it, its value or its exception, and when.
 * A task that throws never kills its executor or pool; its exception is kept here.
 *
 * <p>Immutable and thread-safe.
 *
 * @param workerName the worker's name, e.g. {@code "executor-1-worker-3"}
 * @param workerId   the worker's id within its executor or pool, from 1
 * @param parentName the name of the thread that started the work
 * @param index      the position of the input (for {@code map}) or task (for {@code mapWithFunction}),
 *                   or the worker index minus one for {@code run}
 * @param value      the task's value, or {@code null} if it failed or returned {@code null}
 * @param error      the exception the task threw, or {@code null} on success; {@link #failure()} is the
 *                   same as an {@code Optional}. Both exist on purpose: {@code error} is the record
 *                   component (deconstruction patterns, no allocation on hot paths), {@code failure()} reads
 *                   better in stream code ({@code r.failure().ifPresent(log::warn)})
 * @param start      when the task started
 * @param end        when the task ended
 * @param <T>        the task's value type
 * @since 0.1
 */
public record WorkerResult<T>(String workerName, long workerId, String parentName, int index,
                              T value, Throwable error, Instant start, Instant end) {

    /** {@code true} if the task returned normally. */
    public boolean isSuccessful() {
        return error == null;
    }

    /** How long the task ran. */
    public Duration duration() {
        return Duration.between(start, end);
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
            throw new ExecutionException(workerName + " failed: " + error, error);
        }
        return value;
    }

    @Override
    public String toString() {
        return "WorkerResult[" + workerName + " #" + index + (error == null ? " value=" + value : " error=" + error)
                + " in " + duration().toMillis() + " ms]";
    }
}
