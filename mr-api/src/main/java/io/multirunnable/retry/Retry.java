package io.multirunnable.retry;

import io.multirunnable.CheckedFunction;
import io.multirunnable.internal.Check;
import io.multirunnable.internal.Providers;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Runs targets under a {@link RetryPolicy} — the seed's {@code @retry} / {@code async_retry}.
 *
 * <pre>{@code
 * Retry<String> retry = Retry.of(policy);
 * String value = retry.call(() -> fetch());                         // blocking
 * executor.run(retry.wrap(() -> fetch()));                          // handed to an executor
 * CompletableFuture<String> later = retry.callAsync(() -> fetchAsync()); // never blocks while backing off
 * }</pre>
 *
 * <h2>One call</h2>
 * For each attempt: {@code onInitialization}, the target; on success {@code onDone} (its value
 * is the result) and the call ends; on failure {@code onError}, then — if the failure is
 * retryable, an attempt is left, the deadline allows and the thread is not interrupted — the
 * backoff delay and the next attempt. Finally {@code onFinal}, exactly once, whatever happened.
 *
 * <h2>What the caller gets</h2>
 * <ul>
 *   <li>the (done-handled) result of the first successful attempt;</li>
 *   <li>after the last failure, the error hook's fallback value if it returned one, else the
 *       <b>original exception, unchanged</b> (same object, same type — no wrapper; checked
 *       exceptions included, which is why {@link #call} declares {@code throws Exception});</li>
 *   <li>an exception thrown by a hook (other than the error hook rethrowing the attempt's
 *       error) or by the {@code retryOn} predicate: that exception, at once, not retried (when
 *       the error hook throws another exception, the attempt's exception is added to it as
 *       suppressed unless it is its cause);</li>
 *   <li>if {@code onFinal} throws after a failure, its exception is added as suppressed to that
 *       failure; after a success, its exception is what the caller gets.</li>
 * </ul>
 * {@link Error}s are never retried nor passed to the error hook: they propagate unchanged.
 *
 * <h2>Interruption</h2>
 * An interrupt stops retrying at once: if the target throws {@link InterruptedException} (or
 * fails while the thread's interrupt flag is set) that exception propagates without the error
 * hook; if the thread is interrupted while sleeping between attempts, the
 * {@link InterruptedException} of the sleep propagates with the last failure suppressed. In
 * both cases the interrupt flag is set again when {@code call} returns, and {@code onFinal}
 * still runs once.
 *
 * <p>Implementations are stateless apart from the policy and thread-safe: one {@code Retry} may
 * serve any number of threads at once.
 *
 * @param <T> the result type
 * @since 0.1
 */
public interface Retry<T> {

    /**
     * A retry for {@code policy}, made by the installed retry engine
     * ({@link io.multirunnable.MultiRunnable#retryProvider()}).
     *
     * @throws IllegalArgumentException "policy must not be null"
     * @throws IllegalStateException    if no retry engine (io.multirunnable.core) is installed
     */
    static <T> Retry<T> of(RetryPolicy<T> policy) {
        return Providers.newRetry(Check.notNull(policy, "policy"));
    }

    /** The policy this retry applies. */
    RetryPolicy<T> policy();

    /**
     * Calls {@code target} under the policy on the calling thread, sleeping (with the policy's
     * clock) between attempts.
     *
     * @return the result, or the error hook's fallback
     * @throws Exception                the original failure, unchanged (see the class comment)
     * @throws IllegalArgumentException "target must not be null"
     */
    T call(Callable<? extends T> target) throws Exception;

    /**
     * {@code target} wrapped so that each call of the returned callable is a {@link #call}: give
     * it to a {@code SimpleExecutor} or {@code SimplePool}; every worker runs its own retries.
     *
     * @throws IllegalArgumentException "target must not be null"
     */
    Callable<T> wrap(Callable<? extends T> target);

    /**
     * {@code function} wrapped so that each application is retried under the policy, e.g. for
     * {@code executor.map(retry.wrap(x -> parse(x)), inputs)}.
     *
     * @throws IllegalArgumentException "function must not be null"
     */
    <I> CheckedFunction<I, T> wrap(CheckedFunction<? super I, ? extends T> function);

    /**
     * Runs an asynchronous target under the policy without blocking any thread: each attempt is
     * {@code target.get()}; the wait between attempts is the clock's non-blocking
     * {@link RetryClock#delay}. Hooks and listeners run on whichever thread completes the
     * previous step. The returned future completes with the result, the fallback, or the
     * original exception unchanged (not wrapped in {@link java.util.concurrent.CompletionException};
     * a stage failing with a CompletionException is unwrapped to its cause). If {@code target}
     * throws instead of returning a stage, that counts as a failed attempt. Cancelling the
     * returned future stops further attempts ({@code onFinal} still runs once, when the pending
     * attempt or delay completes). There is no per-attempt timeout: a stage that never completes
     * holds the call forever, so give the target's stage its own ({@code orTimeout}).
     *
     * @throws IllegalArgumentException "target must not be null"
     */
    CompletableFuture<T> callAsync(Supplier<? extends CompletionStage<? extends T>> target);
}
