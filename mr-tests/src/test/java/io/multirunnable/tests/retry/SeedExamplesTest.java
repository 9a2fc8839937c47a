package io.multirunnable.tests.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multirunnable.MultiRunnable;
import io.multirunnable.retry.Retry;
import io.multirunnable.retry.RetryPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The examples of the seed's "Retry to run target function if it raises any exception" page,
 * translated. {@code print} becomes an entry in {@link #out}; the seed's {@code sleep(3)} (seconds)
 * is scaled down to 3 ms. One documented difference: after the last attempt the original
 * exception propagates to the caller, unchanged.
 */
class SeedExamplesTest {
    private final List<String> out = Collections.synchronizedList(new ArrayList<>());

    /** {@code def target_fail_function(): print(...); sleep(3); raise Exception("Test for error")}. */
    private final Callable<String> targetFailFunction = () -> {
        out.add("It will raise exception after 3 seconds ...");
        MultiRunnable.sleep(Duration.ofMillis(3));
        throw new Exception("Test for error");
    };

    /** {@code @retry}: one attempt by default; the exception reaches the caller as it was raised. */
    @Test
    void retryDecoratorDefaultsToOneAttempt() {
        Retry<String> retry = Retry.of(RetryPolicy.<String>builder().build());
        assertThatThrownBy(() -> retry.call(targetFailFunction))
                .isExactlyInstanceOf(Exception.class).hasMessage("Test for error");
        assertThat(out).containsExactly("It will raise exception after 3 seconds ...");
    }

    /** {@code @retry(timeout=3)}: the target runs 3 times. */
    @Test
    void retryWithTimeoutThreeRunsThreeTimes() {
        Retry<String> retry = Retry.of(RetryPolicy.ofAttempts(3));
        assertThatThrownBy(() -> retry.call(targetFailFunction)).hasMessage("Test for error");
        assertThat(out).containsExactly(
                "It will raise exception after 3 seconds ...",
                "It will raise exception after 3 seconds ...",
                "It will raise exception after 3 seconds ...");
    }

    /** The four hooks as the seed registers them with {@code @target_fail_function.initialization} etc. */
    private RetryPolicy<String> seedHooks(int timeout) {
        return RetryPolicy.<String>builder()
                .withMaxAttempts(timeout)
                .onInitialization(() -> out.add("This is testing initialization"))
                .onDone(result -> {
                    out.add("This is testing done process");
                    out.add("Get something result: " + result);
                    return result;
                })
                .onFinal(() -> out.add("This is final process"))
                .onError(error -> {
                    out.add("This is error process");
                    out.add("Get something error: " + error.getMessage());
                    throw error; // the seed's error_handling returns nothing: keep the default
                })
                .build();
    }

    @Test
    void hooksOnAFailingTarget() {
        assertThatThrownBy(() -> Retry.of(seedHooks(2)).call(targetFailFunction)).hasMessage("Test for error");
        assertThat(out).containsExactly(
                "This is testing initialization",
                "It will raise exception after 3 seconds ...",
                "This is error process",
                "Get something error: Test for error",
                "This is testing initialization",
                "It will raise exception after 3 seconds ...",
                "This is error process",
                "Get something error: Test for error",
                "This is final process");
    }

    @Test
    void hooksOnASucceedingTarget() throws Exception {
        String result = Retry.of(seedHooks(3)).call(() -> {
            out.add("Running target");
            return "the result";
        });
        assertThat(result).isEqualTo("the result");
        assertThat(out).containsExactly(
                "This is testing initialization",
                "Running target",
                "This is testing done process",
                "Get something result: the result",
                "This is final process");
    }

    /** The seed's {@code async_retry}: same hooks, target returns a stage. */
    @Test
    void asyncRetry() throws Exception {
        List<String> calls = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<String> result = Retry.of(seedHooks(3)).callAsync(() -> {
            calls.add("call");
            return calls.size() < 2
                    ? MultiRunnable.delay(Duration.ofMillis(3)).thenApply(v -> { throw new IllegalStateException("Test for error"); })
                    : MultiRunnable.delay(Duration.ofMillis(3)).thenApply(v -> "async result");
        });
        assertThat(result.get(30, TimeUnit.SECONDS)).isEqualTo("async result");
        assertThat(out).containsExactly(
                "This is testing initialization",
                "This is error process",
                "Get something error: Test for error",
                "This is testing initialization",
                "This is testing done process",
                "Get something result: async result",
                "This is final process");
    }
}
