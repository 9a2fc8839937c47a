package io.multirunnable.retry;

/**
 * A hook without argument or result: {@link RetryPolicyBuilder#onInitialization} (before each
 * attempt) and {@link RetryPolicyBuilder#onFinal} (once, at the very end).
 *
 * @since 0.1
 */
@FunctionalInterface
public interface RetryHook {
    /**
     * Runs the hook.
     *
     * @throws Exception any failure; it stops retrying at once and propagates unchanged
     *                   (see {@link Retry} for how it combines with other failures)
     */
    void run() throws Exception;
}
