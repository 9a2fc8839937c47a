package io.multirunnable.distributed.redis.internal;

import io.multirunnable.CheckedFunction;
import io.multirunnable.distributed.redis.DistributedTask;

/** A task name of a worker's allow-list and the function that runs it. */
public record Registered<I, O>(DistributedTask<I, O> task, CheckedFunction<? super I, ? extends O> function) {

    /** Decodes {@code json} as the declared input, runs the function, and returns the result as a JSON tree. */
    Object run(String json) throws Exception {
        I input;
        try {
            input = Codec.read(json, task.inputType());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("input of task '" + task.name() + "' is not a valid "
                    + task.inputType().getName() + ": " + Codec.shortMessage(e), e);
        }
        O out = function.apply(input);
        try {
            return Codec.tree(out);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the result of task '" + task.name() + "' (" + out.getClass().getName()
                    + ") cannot be written as JSON: " + Codec.shortMessage(e), e);
        }
    }
}
