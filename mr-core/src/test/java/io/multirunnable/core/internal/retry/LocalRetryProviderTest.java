package io.multirunnable.core.internal.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multirunnable.CheckedFunction;
import io.multirunnable.retry.Retry;
import io.multirunnable.retry.RetryPolicy;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** White-box checks of the local engine, used directly rather than through ServiceLoader. */
class LocalRetryProviderTest {
    private final LocalRetryProvider provider = new LocalRetryProvider();

    @Test
    void nameAndArguments() {
        assertThat(provider.name()).isEqualTo("local");
        assertThatThrownBy(() -> provider.newRetry(null)).isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("policy must not be null");
        Retry<String> retry = provider.newRetry(RetryPolicy.ofAttempts(2));
        assertThatThrownBy(() -> retry.wrap((CheckedFunction<String, String>) null)).hasMessage("function must not be null");
        assertThat(retry.policy().maxAttempts()).isEqualTo(2);
        assertThat(retry).hasToString("Retry[RetryPolicy[maxAttempts=2, backoff=Backoff.none(), retryOn=any Exception, deadline=none, listeners=0]]");
    }

    @Test
    void nestedCompletionAndExecutionExceptionsAreUnwrappedToTheOriginal() {
        IOException original = new IOException("deep");
        AtomicInteger calls = new AtomicInteger();
        Retry<String> retry = provider.newRetry(RetryPolicy.ofAttempts(2));
        CompletableFuture<String> f = retry.callAsync(() -> {
            calls.incrementAndGet();
            return CompletableFuture.failedFuture(new CompletionException(new ExecutionException(original)));
        });
        assertThat(f.exceptionNow()).isSameAs(original);
        assertThat(calls).hasValue(2);
    }

    @Test
    void nullStageCountsAsAFailedAttempt() {
        AtomicInteger calls = new AtomicInteger();
        CompletableFuture<String> f = provider.newRetry(RetryPolicy.<String>ofAttempts(3)).callAsync(() -> {
            calls.incrementAndGet();
            return null;
        });
        assertThat(f.exceptionNow()).isExactlyInstanceOf(NullPointerException.class)
                .hasMessage("the retried target returned null instead of a CompletionStage");
        assertThat(calls).hasValue(3);
    }

    @Test
    void retryOnPredicateThatThrowsEndsTheCall() {
        IllegalStateException predicateFailure = new IllegalStateException("predicate broke");
        IOException attemptFailure = new IOException("attempt");
        RetryPolicy<String> policy = RetryPolicy.<String>builder().withMaxAttempts(3).retryOn(e -> {
            throw predicateFailure;
        }).build();
        assertThatThrownBy(() -> provider.newRetry(policy).call(() -> {
            throw attemptFailure;
        })).isSameAs(predicateFailure).satisfies(t -> assertThat(t.getSuppressed()).containsExactly(attemptFailure));
    }

    @Test
    void manyImmediateAsyncAttemptsDoNotGrowTheStack() {
        int attempts = 20_000;
        AtomicInteger calls = new AtomicInteger();
        AtomicInteger inits = new AtomicInteger();
        IOException last = new IOException("last");
        RetryPolicy<String> policy = RetryPolicy.<String>builder().withMaxAttempts(attempts)
                .onInitialization(inits::incrementAndGet).build();
        CompletableFuture<String> f = provider.newRetry(policy).callAsync(() -> calls.incrementAndGet() < attempts
                ? CompletableFuture.failedFuture(new IOException("again"))
                : CompletableFuture.failedFuture(last));
        assertThat(f.exceptionNow()).isSameAs(last);
        assertThat(calls).hasValue(attempts);
        assertThat(inits).hasValue(attempts);
    }
}
