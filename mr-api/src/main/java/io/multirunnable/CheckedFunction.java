package io.multirunnable;

/**
 * A function that may throw any exception, for tasks handed to
 * {@link SimpleExecutor#map} and {@link SimplePool#map}.
 *
 * @param <I> input type
 * @param <O> output type
 * @since 0.1
 */
@FunctionalInterface
public interface CheckedFunction<I, O> {
    /**
     * Applies the function.
     *
     * @param input the input
     * @return the output
     * @throws Exception any failure, which becomes the {@link WorkerResult#error()}
     */
    O apply(I input) throws Exception;
}
