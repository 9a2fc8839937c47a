package io.multirunnable.distributed.redis;

import io.multirunnable.CheckedFunction;

/**
 * Where a worker's allow-list is built: each {@link #register} adds one task name and the function that
 * runs it. A worker runs nothing else; a request for any other name fails that input only.
 *
 * <p>Not thread-safe: register during setup, before the worker starts.
 *
 * @since 0.2
 */
public interface TaskRegistry {
    /**
     * Registers {@code function} as the code of {@code task}.
     *
     * @throws IllegalArgumentException "function must not be null", or "task 'NAME' is already registered"
     */
    <I, O> TaskRegistry register(DistributedTask<I, O> task, CheckedFunction<? super I, ? extends O> function);
}
