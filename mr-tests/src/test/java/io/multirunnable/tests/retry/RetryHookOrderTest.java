package io.multirunnable.tests.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multirunnable.MultiRunnable;
import io.multirunnable.retry.Backoff;
import io.multirunnable.retry.Retry;
import io.multirunnable.retry.RetryEvent;
import io.multirunnable.retry.RetryEvent.Type;
import io.multirunnable.retry.RetryPolicy;
import io.multirunnable.retry.RetryPolicyBuilder;
import io.multirunnable.retry.spi.RetryProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The exact order and number of hook calls, events and backoffs, per scenario, sync and async. */
class RetryHookOrderTest {
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private final List<RetryEvent> events = Collections.synchronizedList(new ArrayList<>());
    private final FakeClock clock = new FakeClock();

    /** Hooks that log themselves; onDone appends "!", onError logs and rethrows (the default behaviour). */
    private RetryPolicyBuilder<String> recorded(int attempts) {
        return RetryPolicy.<String>builder()
                .withMaxAttempts(attempts)
                .withBackoff(Backoff.fixed(Duration.ofMillis(100)))
                .withClock(clock)
                .withListener(events::add)
                .onInitialization(() -> log.add("init"))
                .onDone(r -> {
                    log.add("done(" + r + ")");
                    return r + "!";
                })
                .onError(e -> {
                    log.add("error(" + e.getMessage() + ")");
                    throw e;
                })
                .onFinal(() -> log.add("final"));
    }

    private List<Type> eventTypes() {
        return events.stream().map(RetryEvent::type).toList();
    }

    @Test
    void theEngineIsTheLocalProvider() {
        assertThat(MultiRunnable.retryProvider().name()).isEqualTo("local");
        assertThat(MultiRunnable.retryProviders()).extracting(RetryProvider::name).containsExactly("local");
        assertThatThrownBy(() -> Retry.of(null)).isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("policy must not be null");
        Retry<String> retry = Retry.of(RetryPolicy.ofAttempts(2));
        assertThatThrownBy(() -> retry.call(null)).hasMessage("target must not be null");
        assertThatThrownBy(() -> retry.wrap((java.util.concurrent.Callable<String>) null)).hasMessage("target must not be null");
        assertThatThrownBy(() -> retry.callAsync(null)).hasMessage("target must not be null");
    }

    @Test
    void successFirstTime() throws Exception {
        ScriptedTarget target = new ScriptedTarget(log, List.of());
        assertThat(Retry.of(recorded(3).build()).call(target)).isEqualTo("r1!");
        assertThat(log).containsExactly("init", "call#1", "done(r1)", "final");
        assertThat(clock.sleeps).isEmpty();
        assertThat(eventTypes()).containsExactly(Type.ATTEMPT_STARTED, Type.SUCCEEDED);
    }

    @Test
    void successOnAttemptK() throws Exception {
        ScriptedTarget target = new ScriptedTarget(log, List.of(new IOException("e1"), new IllegalStateException("e2")));
        assertThat(Retry.of(recorded(5).build()).call(target)).isEqualTo("r3!");
        assertThat(log).containsExactly(
                "init", "call#1", "error(e1)",
                "init", "call#2", "error(e2)",
                "init", "call#3", "done(r3)", "final");
        assertThat(clock.sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(100));
        assertThat(eventTypes()).containsExactly(
                Type.ATTEMPT_STARTED, Type.ATTEMPT_FAILED, Type.RETRY_SCHEDULED,
                Type.ATTEMPT_STARTED, Type.ATTEMPT_FAILED, Type.RETRY_SCHEDULED,
                Type.ATTEMPT_STARTED, Type.SUCCEEDED);
        RetryEvent scheduled = events.get(5);
        assertThat(scheduled.attempt()).isEqualTo(3);
        assertThat(scheduled.delay()).isEqualTo(Duration.ofMillis(100));
        assertThat(scheduled.error()).hasMessage("e2");
        assertThat(scheduled.maxAttempts()).isEqualTo(5);
        assertThat(events.get(7).attempt()).isEqualTo(3);
        assertThat(events.get(7).elapsed()).isEqualTo(Duration.ofMillis(200));
    }

    @Test
    void failureOnAllAttemptsPropagatesTheOriginalCheckedException() {
        IOException last = new IOException("e3");
        ScriptedTarget target = new ScriptedTarget(log, List.of(new IOException("e1"), new IOException("e2"), last));
        assertThatThrownBy(() -> Retry.of(recorded(3).build()).call(target)).isSameAs(last).hasNoSuppressedExceptions();
        assertThat(log).containsExactly(
                "init", "call#1", "error(e1)",
                "init", "call#2", "error(e2)",
                "init", "call#3", "error(e3)", "final");
        assertThat(clock.sleeps).hasSize(2);
        assertThat(events.get(events.size() - 1).type()).isEqualTo(Type.FAILED);
        assertThat(events.get(events.size() - 1).error()).isSameAs(last);
    }

    @Test
    void errorHookFallbackAfterTheLastAttempt() throws Exception {
        ScriptedTarget target = new ScriptedTarget(log, List.of(new IOException("e1"), new IOException("e2")));
        RetryPolicy<String> policy = recorded(2).onError(e -> {
            log.add("error(" + e.getMessage() + ")");
            return "fallback";
        }).build();
        assertThat(Retry.of(policy).call(target)).isEqualTo("fallback"); // onDone not applied to a fallback
        assertThat(log).containsExactly("init", "call#1", "error(e1)", "init", "call#2", "error(e2)", "final");
        assertThat(eventTypes()).endsWith(Type.RECOVERED);
    }

    @Test
    void notRetryableFailureEndsAfterOneErrorHook() {
        IllegalStateException boom = new IllegalStateException("nope");
        ScriptedTarget target = new ScriptedTarget(log, List.of(boom));
        RetryPolicy<String> policy = recorded(5).retryOn(IOException.class, UncheckedIOException.class).build();
        assertThatThrownBy(() -> Retry.of(policy).call(target)).isSameAs(boom);
        assertThat(log).containsExactly("init", "call#1", "error(nope)", "final");
        assertThat(clock.sleeps).isEmpty();
    }

    @Test
    void errorsAreNeverRetriedNorHandled() {
        AssertionError fatal = new AssertionError("bug");
        ScriptedTarget target = new ScriptedTarget(log, List.of(fatal));
        assertThatThrownBy(() -> Retry.of(recorded(5).build()).call(target)).isSameAs(fatal);
        assertThat(log).containsExactly("init", "call#1", "final");
    }

    @Test
    void exceptionInInitializationHookStopsAtOnce() {
        RuntimeException hookFailure = new RuntimeException("init broke");
        ScriptedTarget target = new ScriptedTarget(log, List.of(new IOException("e1")));
        RetryPolicy<String> policy = recorded(5).onInitialization(() -> {
            log.add("init");
            if (log.stream().filter("init"::equals).count() == 2) {
                throw hookFailure;
            }
        }).build();
        assertThatThrownBy(() -> Retry.of(policy).call(target)).isSameAs(hookFailure);
        assertThat(log).containsExactly("init", "call#1", "error(e1)", "init", "final");
    }

    @Test
    void exceptionInDoneHookIsNotRetried() {
        IllegalStateException doneFailure = new IllegalStateException("done broke");
        ScriptedTarget target = new ScriptedTarget(log, List.of());
        RetryPolicy<String> policy = recorded(5).onDone(r -> {
            log.add("done(" + r + ")");
            throw doneFailure;
        }).build();
        assertThatThrownBy(() -> Retry.of(policy).call(target)).isSameAs(doneFailure);
        assertThat(log).containsExactly("init", "call#1", "done(r1)", "final");
    }

    @Test
    void errorHookThrowingAnotherExceptionAborts() {
        IOException e1 = new IOException("e1");
        ScriptedTarget target = new ScriptedTarget(log, List.of(e1, new IOException("e2")));
        RetryPolicy<String> policy = recorded(5).onError(e -> {
            log.add("error(" + e.getMessage() + ")");
            throw new IllegalStateException("give up");
        }).build();
        assertThatThrownBy(() -> Retry.of(policy).call(target))
                .isExactlyInstanceOf(IllegalStateException.class).hasMessage("give up")
                .satisfies(t -> assertThat(t.getSuppressed()).containsExactly(e1));
        assertThat(log).containsExactly("init", "call#1", "error(e1)", "final");
    }

    @Test
    void exceptionInFinalHook() {
        IllegalStateException finalFailure = new IllegalStateException("final broke");
        RetryPolicy<String> policy = recorded(2).onFinal(() -> {
            log.add("final");
            throw finalFailure;
        }).build();
        // after a success: the caller gets the final hook's exception
        assertThatThrownBy(() -> Retry.of(policy).call(new ScriptedTarget(log, List.of()))).isSameAs(finalFailure);
        assertThat(log).containsExactly("init", "call#1", "done(r1)", "final");
        // after a failure: the original failure, with the final hook's exception suppressed
        log.clear();
        IOException e2 = new IOException("e2");
        assertThatThrownBy(() -> Retry.of(policy).call(new ScriptedTarget(log, List.of(new IOException("e1"), e2))))
                .isSameAs(e2).satisfies(t -> assertThat(t.getSuppressed()).containsExactly(finalFailure));
        assertThat(log).containsExactly("init", "call#1", "error(e1)", "init", "call#2", "error(e2)", "final");
    }

    @Test
    void interruptedExceptionFromTheTargetStopsAtOnceAndRestoresTheFlag() throws Exception {
        InterruptedException ie = new InterruptedException("stop");
        ScriptedTarget target = new ScriptedTarget(log, List.of(ie));
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicBoolean flagAfter = new AtomicBoolean();
        Thread t = Thread.ofPlatform().start(() -> {
            try {
                Retry.of(recorded(5).build()).call(target);
            } catch (Throwable e) {
                thrown.set(e);
            }
            flagAfter.set(Thread.currentThread().isInterrupted());
        });
        t.join();
        assertThat(thrown.get()).isSameAs(ie);
        assertThat(flagAfter).isTrue();
        assertThat(log).containsExactly("init", "call#1", "final"); // no error hook for an interrupt
    }

    @Test
    void failureWhileInterruptedStopsAtOnce() throws Exception {
        IOException io = new IOException("io while interrupted");
        RetryPolicy<String> policy = recorded(5).build();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicBoolean flagAfter = new AtomicBoolean();
        Thread t = Thread.ofVirtual().start(() -> {
            try {
                Retry.of(policy).call(() -> {
                    log.add("call");
                    Thread.currentThread().interrupt();
                    throw io;
                });
            } catch (Throwable e) {
                thrown.set(e);
            }
            flagAfter.set(Thread.interrupted());
        });
        t.join();
        assertThat(thrown.get()).isSameAs(io);
        assertThat(flagAfter).isTrue();
        assertThat(log).containsExactly("init", "call", "final");
    }

    @Test
    void interruptDuringBackoffStopsRetryingAndRestoresTheFlag() throws Exception {
        CountDownLatch backingOff = new CountDownLatch(1);
        IOException e1 = new IOException("e1");
        RetryPolicy<String> policy = recorded(5)
                .withClock(io.multirunnable.retry.RetryClock.system())   // a real sleep of one hour
                .withBackoff(Backoff.fixed(Duration.ofHours(1)))
                .withListener(e -> {
                    if (e.type() == Type.RETRY_SCHEDULED) {
                        backingOff.countDown();
                    }
                })
                .build();
        ScriptedTarget target = new ScriptedTarget(log, List.of(e1));
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicBoolean flagAfter = new AtomicBoolean();
        Thread t = Thread.ofPlatform().start(() -> {
            try {
                Retry.of(policy).call(target);
            } catch (Throwable e) {
                thrown.set(e);
            }
            flagAfter.set(Thread.currentThread().isInterrupted());
        });
        assertThat(backingOff.await(30, TimeUnit.SECONDS)).isTrue();
        t.interrupt();
        t.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(t.isAlive()).isFalse();
        assertThat(thrown.get()).isInstanceOf(InterruptedException.class)
                .satisfies(x -> assertThat(x.getSuppressed()).containsExactly(e1));
        assertThat(flagAfter).isTrue();
        assertThat(target.calls).hasValue(1);
        assertThat(log).containsExactly("init", "call#1", "error(e1)", "final");
        assertThat(eventTypes()).endsWith(Type.RETRY_SCHEDULED, Type.FAILED);
    }

    @Test
    void deadlineStopsRetriesWhoseBackoffWouldEndPastIt() {
        IOException e3 = new IOException("e3");
        ScriptedTarget target = new ScriptedTarget(log,
                List.of(new IOException("e1"), new IOException("e2"), e3, new IOException("e4")));
        RetryPolicy<String> policy = recorded(10).withDeadline(Duration.ofMillis(250)).build(); // backoff 100ms
        assertThatThrownBy(() -> Retry.of(policy).call(target)).isSameAs(e3);
        // t=0 fail (100 <= 250 left), t=100 fail (100 <= 150), t=200 fail (100 > 50): 3 calls
        assertThat(target.calls).hasValue(3);
        assertThat(clock.sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(100));
        assertThat(log).containsExactly("init", "call#1", "error(e1)", "init", "call#2", "error(e2)",
                "init", "call#3", "error(e3)", "final");
    }

    @Test
    void listenerFailuresNeverChangeTheOutcome() throws Exception {
        RetryPolicy<String> policy = recorded(2).withListener(e -> {
            throw new IllegalStateException("listener broke");
        }).build();
        assertThat(Retry.of(policy).call(new ScriptedTarget(log, List.of(new IOException("e1"))))).isEqualTo("r2!");
        assertThat(log).containsExactly("init", "call#1", "error(e1)", "init", "call#2", "done(r2)", "final");
    }

    // ------------------------------------------------------------------ async

    @Test
    void asyncSuccessOnAttemptKWithoutBlockingWhileBackingOff() throws Exception {
        FakeClock manual = new FakeClock(true);
        ScriptedTarget target = new ScriptedTarget(log, List.of(new IOException("e1"), new IOException("e2")));
        RetryPolicy<String> policy = recorded(3).withClock(manual).withBackoff(Backoff.exponential(
                Duration.ofMillis(10), Duration.ofSeconds(1))).build();
        CompletableFuture<String> result = Retry.of(policy).callAsync(target.async());
        // callAsync returned while the first backoff is pending: no thread is waiting for it
        assertThat(result).isNotDone();
        assertThat(log).containsExactly("init", "call#1", "error(e1)");
        manual.pending.poll().complete(null);
        assertThat(result).isNotDone();
        manual.pending.poll().complete(null);
        assertThat(result.get(30, TimeUnit.SECONDS)).isEqualTo("r3!");
        assertThat(manual.delays).containsExactly(Duration.ofMillis(10), Duration.ofMillis(20));
        assertThat(manual.sleeps).isEmpty();
        assertThat(log).containsExactly("init", "call#1", "error(e1)", "init", "call#2", "error(e2)",
                "init", "call#3", "done(r3)", "final");
    }

    @Test
    void asyncSuccessFirstTime() throws Exception {
        ScriptedTarget target = new ScriptedTarget(log, List.of());
        assertThat(Retry.of(recorded(3).build()).callAsync(target.async()).get(30, TimeUnit.SECONDS)).isEqualTo("r1!");
        assertThat(log).containsExactly("init", "call#1", "done(r1)", "final");
    }

    @Test
    void asyncFailureOnAllAttemptsCompletesWithTheOriginalException() {
        IOException last = new IOException("e2");
        ScriptedTarget target = new ScriptedTarget(log, List.of(new IOException("e1"), last));
        CompletableFuture<String> result = Retry.of(recorded(2).build()).callAsync(target.async());
        assertThat(result).isCompletedExceptionally();
        assertThat(result.exceptionNow()).isSameAs(last);
        assertThat(log).containsExactly("init", "call#1", "error(e1)", "init", "call#2", "error(e2)", "final");
        assertThat(clock.delays).containsExactly(Duration.ofMillis(100));
    }

    @Test
    void asyncCompletionExceptionIsUnwrappedAndSyncThrowCountsAsAttempt() throws Exception {
        IOException e1 = new IOException("e1");
        List<Object> calls = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<String> result = Retry.of(recorded(3).build()).callAsync(() -> {
            calls.add("c");
            if (calls.size() == 1) {
                return CompletableFuture.supplyAsync(() -> { throw new java.util.concurrent.CompletionException(e1); });
            }
            if (calls.size() == 2) {
                throw new IllegalStateException("thrown, not returned");
            }
            return CompletableFuture.completedFuture("ok");
        });
        assertThat(result.get(30, TimeUnit.SECONDS)).isEqualTo("ok!");
        assertThat(log).containsExactly("init", "error(e1)", "init", "error(thrown, not returned)", "init", "done(ok)", "final");
    }

    @Test
    void asyncInterruptedExceptionStopsAtOnce() {
        InterruptedException ie = new InterruptedException("stop");
        ScriptedTarget target = new ScriptedTarget(log, List.of(ie));
        CompletableFuture<String> result = Retry.of(recorded(5).build()).callAsync(target.async());
        assertThat(result.exceptionNow()).isSameAs(ie);
        assertThat(log).containsExactly("init", "call#1", "final");
    }

    @Test
    void asyncCancelDuringBackoffStopsFurtherAttempts() {
        FakeClock manual = new FakeClock(true);
        ScriptedTarget target = new ScriptedTarget(log, List.of(new IOException("e1")));
        CompletableFuture<String> result = Retry.of(recorded(5).withClock(manual).build()).callAsync(target.async());
        assertThat(result.cancel(true)).isTrue();
        manual.pending.poll().complete(null);
        assertThat(target.calls).hasValue(1);
        assertThat(log).containsExactly("init", "call#1", "error(e1)", "final");
        assertThat(eventTypes()).endsWith(Type.FAILED);
    }

    @Test
    void asyncFallbackAndHookFailure() throws Exception {
        ScriptedTarget target = new ScriptedTarget(log, List.of(new IOException("e1")));
        RetryPolicy<String> policy = recorded(1).onError(e -> "fallback").build();
        assertThat(Retry.of(policy).callAsync(target.async()).get(30, TimeUnit.SECONDS)).isEqualTo("fallback");
        assertThat(log).containsExactly("init", "call#1", "final");

        log.clear();
        IllegalStateException initFailure = new IllegalStateException("init broke");
        RetryPolicy<String> broken = recorded(3).onInitialization(() -> {
            throw initFailure;
        }).build();
        ScriptedTarget untouched = new ScriptedTarget(log, List.of());
        assertThat(Retry.of(broken).callAsync(untouched.async()).exceptionNow()).isSameAs(initFailure);
        assertThat(untouched.calls).hasValue(0);
        assertThat(log).containsExactly("final");
    }

    @Test
    void asyncHookExceptions() {
        IOException e1 = new IOException("e1");
        IllegalStateException other = new IllegalStateException("give up");
        RetryPolicy<String> abort = recorded(5).onError(e -> {
            log.add("error(" + e.getMessage() + ")");
            throw other;
        }).build();
        CompletableFuture<String> aborted = Retry.of(abort).callAsync(new ScriptedTarget(log, List.of(e1)).async());
        assertThat(aborted.exceptionNow()).isSameAs(other);
        assertThat(other.getSuppressed()).containsExactly(e1);
        assertThat(log).containsExactly("init", "call#1", "error(e1)", "final");

        log.clear();
        IllegalStateException doneFailure = new IllegalStateException("done broke");
        IllegalStateException finalFailure = new IllegalStateException("final broke");
        RetryPolicy<String> broken = recorded(5).onDone(r -> {
            log.add("done(" + r + ")");
            throw doneFailure;
        }).onFinal(() -> {
            log.add("final");
            throw finalFailure;
        }).build();
        CompletableFuture<String> failed = Retry.of(broken).callAsync(new ScriptedTarget(log, List.of()).async());
        assertThat(failed.exceptionNow()).isSameAs(doneFailure);
        assertThat(doneFailure.getSuppressed()).containsExactly(finalFailure);
        assertThat(log).containsExactly("init", "call#1", "done(r1)", "final");
    }
}
