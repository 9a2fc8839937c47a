package io.multirunnable.retry;

/**
 * The seed's {@code error_handling}: runs after <em>every</em> failed attempt with the
 * exception that attempt threw. What it does decides what happens once no retry follows:
 *
 * <ul>
 *   <li><b>rethrow the same exception</b> ({@code throw error}) — "not handled": the retry goes
 *       on if an attempt is left; after the last attempt that exception propagates unchanged.
 *       This is the default handler, so a policy without one behaves this way.</li>
 *   <li><b>return a value</b> — "handled": the retry still goes on if an attempt is left (the
 *       value is ignored); after the last attempt the value is the caller's result (a
 *       fallback; {@link RetryPolicyBuilder#onDone} is not applied to it).</li>
 *   <li><b>throw another exception</b> — abort: no further attempt; that exception propagates,
 *       with the attempt's exception added as suppressed (unless it is the cause).</li>
 * </ul>
 *
 * <p>It is not called for {@link Error}s nor for an interrupt ({@link InterruptedException}):
 * those always propagate and are never turned into a fallback.
 *
 * <pre>{@code
 * .onError(error -> { log.warn(error); throw error; })   // observe, keep the default
 * .onError(error -> "cached value")                       // fallback after the last attempt
 * }</pre>
 *
 * @param <T> the result type
 * @since 0.1
 */
@FunctionalInterface
public interface ErrorHandler<T> {
    /**
     * Handles one failed attempt.
     *
     * @param error what the attempt threw
     * @return the fallback result, used only when no retry follows
     * @throws Exception {@code error} itself to keep the default, anything else to abort
     */
    T handle(Exception error) throws Exception;
}
