package io.multirunnable.tests.retry;

import static org.assertj.core.api.Assertions.assertThat;

import io.multirunnable.retry.Backoff;
import io.multirunnable.retry.Retry;
import io.multirunnable.retry.RetryEvent;
import io.multirunnable.retry.RetryEvent.Type;
import io.multirunnable.retry.RetryPolicy;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * For random attempt counts, failure scripts, backoffs and fallback choices, a retried call (sync
 * or async) makes exactly the calls, hook invocations, backoffs, events and outcome that a
 * straightforward model of the policy predicts. Tries: {@code jqwik.tries.default} (1000 unless
 * raised with {@code -Djqwik.tries=N}).
 */
class RetryPropertiesTest {

    /** What the scripted target does on one call. */
    enum Outcome {
        /** throws IOException: retryable under the policy. */
        RETRYABLE,
        /** throws IllegalStateException: not retryable (retryOn IOException only). */
        NOT_RETRYABLE,
        /** throws an Error: never retried, never given to the error hook. */
        ERROR,
        /** returns normally. */
        SUCCESS
    }

    @Property
    void callsHooksBackoffsAndOutcomeMatchThePolicy(
            @ForAll @IntRange(min = 1, max = 8) int maxAttempts,
            @ForAll @Size(max = 10) List<Outcome> script,
            @ForAll("backoffs") Backoff backoff,
            @ForAll boolean fallback,
            @ForAll boolean async) throws Exception {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        List<RetryEvent> events = Collections.synchronizedList(new ArrayList<>());
        FakeClock clock = new FakeClock();
        List<Throwable> thrown = new ArrayList<>();
        AtomicInteger calls = new AtomicInteger();

        RetryPolicy<String> policy = RetryPolicy.<String>builder()
                .withMaxAttempts(maxAttempts)
                .withBackoff(backoff)
                .retryOn(IOException.class)
                .withClock(clock)
                .withListener(events::add)
                .onInitialization(() -> log.add("init"))
                .onDone(r -> {
                    log.add("done(" + r + ")");
                    return r.toUpperCase();
                })
                .onError(e -> {
                    log.add("error(" + e.getMessage() + ")");
                    if (fallback) {
                        return "fallback";
                    }
                    throw e;
                })
                .onFinal(() -> log.add("final"))
                .build();
        java.util.concurrent.Callable<String> target = () -> {
            int n = calls.incrementAndGet();
            log.add("call#" + n);
            Outcome o = n <= script.size() ? script.get(n - 1) : Outcome.SUCCESS;
            Throwable t = switch (o) {
                case RETRYABLE -> new IOException("io" + n);
                case NOT_RETRYABLE -> new IllegalStateException("state" + n);
                case ERROR -> new AssertionError("error" + n);
                case SUCCESS -> null;
            };
            if (t == null) {
                return "r" + n;
            }
            thrown.add(t);
            if (t instanceof Exception e) {
                throw e;
            }
            throw (Error) t;
        };

        // ---- run
        String result = null;
        Throwable failure = null;
        if (async) {
            CompletableFuture<String> f = Retry.of(policy).callAsync(() -> {
                try {
                    return CompletableFuture.completedFuture(target.call());
                } catch (Throwable t) {
                    return CompletableFuture.failedFuture(t);
                }
            });
            assertThat(f).isDone(); // the fake clock completes delays at once
            if (f.isCompletedExceptionally()) {
                failure = f.exceptionNow();
            } else {
                result = f.resultNow();
            }
        } else {
            try {
                result = Retry.of(policy).call(target);
            } catch (Throwable t) {
                failure = t;
            }
        }

        // ---- model
        List<String> expectedLog = new ArrayList<>();
        List<Type> expectedEvents = new ArrayList<>();
        int expectedCalls = 0;
        String expectedResult = null;
        boolean expectFailure = false;
        boolean recovered = false;
        for (int n = 1; n <= maxAttempts; n++) {
            expectedCalls++;
            expectedLog.add("init");
            expectedLog.add("call#" + n);
            expectedEvents.add(Type.ATTEMPT_STARTED);
            Outcome o = n <= script.size() ? script.get(n - 1) : Outcome.SUCCESS;
            if (o == Outcome.SUCCESS) {
                expectedLog.add("done(r" + n + ")");
                expectedResult = "R" + n;
                break;
            }
            expectedEvents.add(Type.ATTEMPT_FAILED);
            if (o == Outcome.ERROR) {
                expectFailure = true;
                break;
            }
            expectedLog.add("error(" + (o == Outcome.RETRYABLE ? "io" : "state") + n + ")");
            boolean retry = n < maxAttempts && o == Outcome.RETRYABLE;
            if (!retry) {
                if (fallback) {
                    expectedResult = "fallback";
                    recovered = true;
                } else {
                    expectFailure = true;
                }
                break;
            }
            expectedEvents.add(Type.RETRY_SCHEDULED);
        }
        expectedLog.add("final");
        expectedEvents.add(expectFailure ? Type.FAILED : recovered ? Type.RECOVERED : Type.SUCCEEDED);

        // ---- compare
        assertThat(calls).hasValue(expectedCalls);
        assertThat(log).containsExactlyElementsOf(expectedLog);
        assertThat(events).extracting(RetryEvent::type).containsExactlyElementsOf(expectedEvents);
        if (expectFailure) {
            assertThat(failure).isSameAs(thrown.get(thrown.size() - 1)); // the original, unchanged
            assertThat(result).isNull();
        } else {
            assertThat(failure).isNull();
            assertThat(result).isEqualTo(expectedResult);
        }
        List<Duration> scheduled = events.stream().filter(e -> e.type() == Type.RETRY_SCHEDULED).map(RetryEvent::delay).toList();
        assertThat(scheduled).hasSize(expectedCalls - 1);
        for (int i = 0; i < scheduled.size(); i++) {
            assertWithinPolicy(backoff, i + 1, scheduled.get(i));
        }
        // every non-zero backoff was waited for on the clock (sleep when sync, delay when async), none else
        List<Duration> waited = scheduled.stream().filter(d -> !d.isZero()).toList();
        assertThat(async ? clock.delays : clock.sleeps).containsExactlyElementsOf(waited);
        assertThat(async ? clock.sleeps : clock.delays).isEmpty();
    }

    @Property
    void backoffDelaysFollowThePolicy(
            @ForAll @IntRange(min = 1, max = 30) int maxAttempts,
            @ForAll("backoffs") Backoff backoff) {
        FakeClock clock = new FakeClock();
        RetryPolicy<String> policy = RetryPolicy.<String>builder()
                .withMaxAttempts(maxAttempts).withBackoff(backoff).withClock(clock).build();
        AtomicInteger calls = new AtomicInteger();
        IOException last = new IOException("always");
        try {
            Retry.of(policy).call(() -> {
                calls.incrementAndGet();
                throw last;
            });
        } catch (Exception e) {
            assertThat(e).isSameAs(last);
        }
        assertThat(calls).hasValue(maxAttempts);
        List<Duration> sleeps = clock.sleeps;
        if (backoff.baseDelay().isZero()) {
            assertThat(sleeps).isEmpty();
            return;
        }
        assertThat(sleeps).hasSize(maxAttempts - 1);
        for (int i = 0; i < sleeps.size(); i++) {
            assertWithinPolicy(backoff, i + 1, sleeps.get(i));
        }
    }

    /**
     * With a deadline, a retry is made exactly when its backoff ends within the deadline, given
     * random attempt durations (each attempt moves the fake clock on). Backoffs without jitter,
     * so the model knows every delay in advance.
     */
    @Property
    void deadlineAllowsExactlyTheRetriesThatEndInTime(
            @ForAll @IntRange(min = 1, max = 12) int maxAttempts,
            @ForAll @IntRange(min = 1, max = 2_000) int deadlineMillis,
            @ForAll @Size(min = 12, max = 12) List<@IntRange(min = 0, max = 300) Integer> attemptMillis,
            @ForAll("backoffs") Backoff anyBackoff,
            @ForAll boolean async) {
        Backoff backoff = anyBackoff.jitter() == 0.0 ? anyBackoff
                : anyBackoff.maxDelay() == null ? Backoff.fixed(anyBackoff.baseDelay())
                : Backoff.exponential(anyBackoff.baseDelay(), anyBackoff.multiplier(), anyBackoff.maxDelay());
        FakeClock clock = new FakeClock();
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger calls = new AtomicInteger();
        RetryPolicy<String> policy = RetryPolicy.<String>builder().withMaxAttempts(maxAttempts).withBackoff(backoff)
                .withDeadline(Duration.ofMillis(deadlineMillis)).withClock(clock)
                .onError(e -> {
                    log.add("error");
                    throw e;
                })
                .onFinal(() -> log.add("final")).build();
        List<IOException> thrown = new ArrayList<>();
        java.util.concurrent.Callable<String> target = () -> {
            int n = calls.incrementAndGet();
            clock.advance(Duration.ofMillis(attemptMillis.get(n - 1)));
            IOException e = new IOException("attempt " + n);
            thrown.add(e);
            throw e;
        };
        Throwable failure;
        if (async) {
            failure = Retry.of(policy).callAsync(() -> {
                try {
                    return CompletableFuture.completedFuture(target.call());
                } catch (Exception e) {
                    return CompletableFuture.<String>failedFuture(e);
                }
            }).exceptionNow();
        } else {
            try {
                Retry.of(policy).call(target);
                failure = null;
            } catch (Exception e) {
                failure = e;
            }
        }
        // model: elapsed time on the fake clock; retry n happens iff n < maxAttempts and elapsed + delay <= deadline
        long elapsed = 0;
        long deadline = Duration.ofMillis(deadlineMillis).toNanos();
        int expectedCalls = 0;
        for (int n = 1; n <= maxAttempts; n++) {
            expectedCalls++;
            elapsed += Duration.ofMillis(attemptMillis.get(n - 1)).toNanos();
            if (n == maxAttempts) {
                break;
            }
            long delay = backoff.nominalDelay(n).toNanos();
            if (elapsed + delay > deadline) {
                break;
            }
            elapsed += delay;
        }
        assertThat(calls).hasValue(expectedCalls);
        assertThat(failure).isSameAs(thrown.get(thrown.size() - 1));
        List<String> expectedLog = new ArrayList<>(Collections.nCopies(expectedCalls, "error"));
        expectedLog.add("final");
        assertThat(log).containsExactlyElementsOf(expectedLog);
    }

    /**
     * The delay before retry {@code n}, computed here independently (exact decimal arithmetic):
     * {@code nominal = min(cap, base × multiplier^(n-1))}; with jitter {@code j} the delay lies in
     * {@code [nominal × (1-j), min(cap, nominal × (1+j))]}; without it, it is the nominal value
     * (±1 ns for the engine's double arithmetic).
     */
    private static void assertWithinPolicy(Backoff backoff, int n, Duration actual) {
        BigDecimal base = BigDecimal.valueOf(backoff.baseDelay().toNanos());
        BigDecimal nominal = base.multiply(BigDecimal.valueOf(backoff.multiplier()).pow(n - 1, MathContext.DECIMAL128));
        BigDecimal cap = backoff.maxDelay() == null ? null : BigDecimal.valueOf(backoff.maxDelay().toNanos());
        if (cap != null && nominal.compareTo(cap) > 0) {
            nominal = cap;
        }
        BigDecimal j = BigDecimal.valueOf(backoff.jitter());
        BigDecimal low = nominal.multiply(BigDecimal.ONE.subtract(j)).setScale(0, RoundingMode.FLOOR).subtract(BigDecimal.ONE);
        BigDecimal high = nominal.multiply(BigDecimal.ONE.add(j)).setScale(0, RoundingMode.CEILING).add(BigDecimal.ONE);
        if (cap != null && high.compareTo(cap) > 0) {
            high = cap;
        }
        BigDecimal got = BigDecimal.valueOf(actual.toNanos());
        assertThat(got).as("delay before retry %d under %s", n, backoff).isBetween(low, high);
    }

    @Provide
    Arbitrary<Backoff> backoffs() {
        Arbitrary<Duration> base = Arbitraries.longs().between(1, 500).map(Duration::ofMillis);
        Arbitrary<Backoff> fixed = base.map(Backoff::fixed);
        Arbitrary<Backoff> exponential = Combinators.combine(
                        base,
                        Arbitraries.doubles().between(1.0, 4.0).ofScale(2),
                        Arbitraries.integers().between(1, 100))
                .as((b, m, capFactor) -> Backoff.exponential(b, m, b.multipliedBy(capFactor)));
        Arbitrary<Backoff> plain = Arbitraries.oneOf(Arbitraries.just(Backoff.none()), fixed, exponential);
        Arbitrary<Double> jitter = Arbitraries.doubles().between(0.0, 0.9).ofScale(2);
        return Combinators.combine(plain, jitter, Arbitraries.of(true, false))
                .as((b, j, useJitter) -> useJitter ? b.withJitter(j) : b);
    }
}
