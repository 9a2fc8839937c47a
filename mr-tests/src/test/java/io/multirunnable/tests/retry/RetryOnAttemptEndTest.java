package io.multirunnable.tests.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multirunnable.retry.Retry;
import io.multirunnable.retry.RetryPolicy;
import io.multirunnable.retry.RetryPolicyBuilder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * onAttemptEnd: the Python original's final_handling, which runs after every attempt; onFinal
 * stays once per call, after the last attempt's onAttemptEnd.
 */
class RetryOnAttemptEndTest {
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());

    private RetryPolicyBuilder<String> recorded(int attempts) {
        return RetryPolicy.<String>builder()
                .withMaxAttempts(attempts)
                .onInitialization(() -> log.add("init"))
                .onDone(r -> {
                    log.add("done");
                    return r;
                })
                .onError(e -> {
                    log.add("error");
                    throw e;
                })
                .onAttemptEnd(() -> log.add("end"))
                .onFinal(() -> log.add("final"));
    }

    private static java.util.concurrent.Callable<String> failing(int times) {
        AtomicInteger calls = new AtomicInteger();
        return () -> {
            if (calls.incrementAndGet() <= times) {
                throw new IOException("try " + calls.get());
            }
            return "ok";
        };
    }

    @Test
    void runsAfterEveryAttemptThenOnFinalOnce() throws Exception {
        assertThat(Retry.of(recorded(3).build()).call(failing(2))).isEqualTo("ok");
        assertThat(log).containsExactly("init", "error", "end", "init", "error", "end", "init", "done", "end", "final");
    }

    @Test
    void runsAfterEveryAttemptOfAnAsyncCallToo() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        CompletableFuture<String> result = Retry.of(recorded(3).build()).callAsync(() -> calls.incrementAndGet() < 3
                ? CompletableFuture.failedFuture(new IOException("async " + calls.get()))
                : CompletableFuture.completedFuture("ok"));
        assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo("ok");
        assertThat(log).containsExactly("init", "error", "end", "init", "error", "end", "init", "done", "end", "final");
    }

    @Test
    void runsAfterTheLastFailedAttemptAndAfterAFailingInitialization() {
        assertThatThrownBy(() -> Retry.of(recorded(2).build()).call(failing(5))).isInstanceOf(IOException.class)
                .hasMessage("try 2");
        assertThat(log).containsExactly("init", "error", "end", "init", "error", "end", "final");

        log.clear();
        IllegalStateException broken = new IllegalStateException("init broke");
        RetryPolicy<String> policy = recorded(3).onInitialization(() -> {
            throw broken;
        }).build();
        assertThatThrownBy(() -> Retry.of(policy).call(() -> "never")).isSameAs(broken);
        assertThat(log).containsExactly("end", "final");
    }

    @Test
    void itsFailureEndsTheCallOrIsAddedToTheFailureThatAlreadyEndedIt() {
        IllegalStateException hook = new IllegalStateException("attempt-end hook broke");
        RetryPolicy<String> throwing = recorded(3).onAttemptEnd(() -> {
            log.add("end");
            throw hook;
        }).build();
        // a failure that would be retried: the hook's exception ends the call instead
        assertThatThrownBy(() -> Retry.of(throwing).call(failing(1))).isSameAs(hook);
        assertThat(log).containsExactly("init", "error", "end", "final");

        log.clear();
        RetryPolicy<String> lastTry = throwing.toBuilder().withMaxAttempts(1).build();
        assertThatThrownBy(() -> Retry.of(lastTry).call(failing(1))).isInstanceOf(IOException.class)
                .satisfies(e -> assertThat(e.getSuppressed()).containsExactly(hook));

        log.clear();
        assertThatThrownBy(() -> Retry.of(throwing).callAsync(() -> CompletableFuture.completedFuture("ok")).join())
                .isInstanceOf(CompletionException.class).hasCause(hook);
        assertThat(log).containsExactly("init", "done", "end", "final");
    }

    @Test
    void isKeptByToBuilderAndRejectsNull() {
        RetryPolicy<String> policy = recorded(2).build();
        assertThat(policy.toBuilder().build().onAttemptEnd()).isSameAs(policy.onAttemptEnd());
        assertThatThrownBy(() -> RetryPolicy.builder().onAttemptEnd(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("onAttemptEnd must not be null");
    }
}
