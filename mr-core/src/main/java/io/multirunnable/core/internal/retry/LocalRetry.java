package io.multirunnable.core.internal.retry;

import io.multirunnable.CheckedFunction;
import io.multirunnable.internal.Check;
import io.multirunnable.retry.Retry;
import io.multirunnable.retry.RetryPolicy;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/** A {@link Retry} that keeps no state but its policy; each call gets its own {@link RetryCall}. */
final class LocalRetry<T> implements Retry<T> {
    private final RetryPolicy<T> policy;

    LocalRetry(RetryPolicy<T> policy) {
        this.policy = policy;
    }

    @Override
    public RetryPolicy<T> policy() {
        return policy;
    }

    @Override
    public T call(Callable<? extends T> target) throws Exception {
        Check.notNull(target, "target");
        return new RetryCall<>(policy, true).runSync(target);
    }

    @Override
    public Callable<T> wrap(Callable<? extends T> target) {
        Check.notNull(target, "target");
        return () -> call(target);
    }

    @Override
    public <I> CheckedFunction<I, T> wrap(CheckedFunction<? super I, ? extends T> function) {
        Check.notNull(function, "function");
        return input -> call(() -> function.apply(input));
    }

    @Override
    public CompletableFuture<T> callAsync(Supplier<? extends CompletionStage<? extends T>> target) {
        Check.notNull(target, "target");
        CompletableFuture<T> result = new CompletableFuture<>();
        new RetryCall<>(policy, false).runAsync(target, result);
        return result;
    }

    @Override
    public String toString() {
        return "Retry[" + policy + "]";
    }
}
