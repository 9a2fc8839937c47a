package io.multirunnable.retry;

/**
 * The seed's {@code done_handling}: runs once after the attempt that succeeded; what it returns
 * is what the caller gets.
 *
 * @param <T> the result type
 * @since 0.1
 */
@FunctionalInterface
public interface DoneHandler<T> {
    /**
     * Turns the target's result into the caller's result.
     *
     * @param result what the successful attempt returned (may be null)
     * @return the caller's result
     * @throws Exception any failure; it is not retried and propagates unchanged
     */
    T handle(T result) throws Exception;
}
