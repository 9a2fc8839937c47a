/**
 * Retry with hooks — the seed's {@code @retry} / {@code async_retry}. Start with
 * {@link io.multirunnable.retry.RetryPolicy#builder()} and {@link io.multirunnable.retry.Retry#of}.
 * Delays are a {@link io.multirunnable.retry.Backoff}; events go to a
 * {@link io.multirunnable.retry.RetryListener}.
 */
package io.multirunnable.retry;
