package io.multirunnable.retry;

/**
 * Observes retried calls (logging, metrics): see {@link RetryEvent} for the events and their
 * order. Called synchronously on the thread running the call (for async calls, the thread that
 * completed the stage). A listener that throws is logged and ignored: it never changes a call's
 * outcome. Must be thread-safe when the policy is shared.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface RetryListener {
    /** Receives one event. */
    void onEvent(RetryEvent event);
}
