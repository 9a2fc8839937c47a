package io.multirunnable.core.internal.retry;

import io.multirunnable.internal.Check;
import io.multirunnable.retry.Retry;
import io.multirunnable.retry.RetryPolicy;
import io.multirunnable.retry.spi.RetryProvider;

/** The JDK-only {@link RetryProvider}, named {@code "local"}. */
public final class LocalRetryProvider implements RetryProvider {

    /** Public for ServiceLoader. */
    public LocalRetryProvider() {
    }

    @Override
    public String name() {
        return "local";
    }

    @Override
    public <T> Retry<T> newRetry(RetryPolicy<T> policy) {
        return new LocalRetry<>(Check.notNull(policy, "policy"));
    }
}
