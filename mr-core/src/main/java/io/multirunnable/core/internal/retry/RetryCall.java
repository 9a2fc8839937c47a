package io.multirunnable.core.internal.retry;

import io.multirunnable.retry.RetryEvent;
import io.multirunnable.retry.RetryEvent.Type;
import io.multirunnable.retry.RetryListener;
import io.multirunnable.retry.RetryPolicy;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The state of one retried call (attempt number, last failure, outcome) and the rules shared by
 * the synchronous and asynchronous paths. Used by one call only; the async path hands it from
 * stage to stage (each step happens-after the previous one), so it needs no locking.
 */
final class RetryCall<T> {
    private static final System.Logger LOG = System.getLogger(RetryCall.class.getName());

    private final RetryPolicy<T> policy;
    private final boolean sync;
    private final long start;
    private final AtomicBoolean finished = new AtomicBoolean();
    private final AtomicInteger due = new AtomicInteger();
    private int attempt;
    private Throwable lastError;
    private boolean recovered;

    RetryCall(RetryPolicy<T> policy, boolean sync) {
        this.policy = policy;
        this.sync = sync;
        this.start = policy.clock().nanoTime();
    }

    /** What follows a failed attempt. */
    private sealed interface Step permits RetryAfter, Fail, Recover {
    }

    private record RetryAfter(Duration delay) implements Step {
    }

    private record Fail(Throwable error) implements Step {
    }

    private record Recover(Object value) implements Step {
    }

    // ---------------------------------------------------------------- synchronous

    T runSync(Callable<? extends T> target) throws Exception {
        T result = null;
        Throwable failure = null;
        try {
            result = attempts(target);
        } catch (Throwable t) {
            failure = t;
        }
        failure = finish(failure);
        if (failure != null) {
            throw RetryCall.<RuntimeException>sneaky(failure);
        }
        return result;
    }

    @SuppressWarnings("unchecked")
    private T attempts(Callable<? extends T> target) throws Throwable {
        while (true) {
            attempt++;
            emit(Type.ATTEMPT_STARTED, attempt, Duration.ZERO, lastError);
            T value;
            try {
                policy.onInitialization().run();
            } catch (Throwable e) {
                throw endAttempt(e);
            }
            try {
                value = target.call();
            } catch (Throwable e) {
                Step step = onFailure(e);
                Throwable ended = endAttempt(step instanceof Fail f ? f.error() : null);
                if (ended != null) {
                    throw ended;
                }
                if (step instanceof Fail f) {
                    throw f.error();
                } else if (step instanceof Recover r) {
                    return (T) r.value();
                }
                Duration delay = ((RetryAfter) step).delay();
                emit(Type.RETRY_SCHEDULED, attempt + 1, delay, lastError);
                if (Thread.currentThread().isInterrupted()) {
                    InterruptedException ie = new InterruptedException("interrupted before attempt " + (attempt + 1));
                    suppress(ie, lastError);
                    throw ie;
                }
                if (!delay.isZero()) {
                    try {
                        policy.clock().sleep(delay);
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        suppress(ie, lastError);
                        throw ie;
                    }
                }
                continue;
            }
            T out;
            try {
                out = policy.onDone().handle(value);
            } catch (Throwable e) {
                throw endAttempt(e);
            }
            Throwable ended = endAttempt(null);
            if (ended != null) {
                throw ended;
            }
            return out;
        }
    }

    // ---------------------------------------------------------------- asynchronous

    /**
     * Starts the next attempt, without growing the stack.
     *
     * <p>Why a drain loop: {@code whenComplete} on a stage that is already complete runs its action at
     * once, on the calling thread. A target whose stages fail immediately (a cached failure, a
     * {@code failedFuture}) with a zero delay would therefore call {@code runAsync} from inside
     * {@code attemptAsync} from inside {@code runAsync}..., one stack level per attempt: 10,000 attempts
     * overflow the stack. So {@code due} counts requested attempts ("work in progress"). The caller that
     * moves it from 0 to 1 owns the loop; a call arriving while the owner is still inside an attempt
     * (0 is not what it read) only adds one and returns, and the owner's {@code decrementAndGet} sees it
     * and runs that attempt next, iteratively. When an attempt's stage completes later, on another
     * thread, the owner has already left ({@code due} is back to 0), and that thread becomes the owner.
     *
     * <p>Why it is safe: {@code due} is an atomic counter, so exactly one thread at a time is between
     * the increment that found 0 and the decrement that reached 0: attempts never overlap, and none is
     * lost (a request made just before the owner's last decrement makes that decrement non-zero). The
     * plain fields ({@code attempt}, {@code lastError}) are written only by the owner; the next owner
     * reads them after its own {@code getAndIncrement}, which follows the previous owner's
     * {@code decrementAndGet} on the same atomic, so it sees them (and the stage hand-off itself
     * orders them too). The same pattern as RxJava's and Reactor's "wip" drain loops.
     */
    void runAsync(Supplier<? extends CompletionStage<? extends T>> target, CompletableFuture<T> result) {
        if (due.getAndIncrement() > 0) {
            return;
        }
        do {
            try {
                attemptAsync(target, result);
            } catch (Throwable t) { // never leave the caller's future incomplete
                complete(result, null, t);
            }
        } while (due.decrementAndGet() > 0);
    }

    private void attemptAsync(Supplier<? extends CompletionStage<? extends T>> target, CompletableFuture<T> result) {
        if (result.isDone()) {
            complete(result, null, new CancellationException("retry cancelled before attempt " + (attempt + 1)));
            return;
        }
        attempt++;
        emit(Type.ATTEMPT_STARTED, attempt, Duration.ZERO, lastError);
        try {
            policy.onInitialization().run();
        } catch (Throwable t) {
            complete(result, null, endAttempt(t));
            return;
        }
        CompletionStage<? extends T> stage;
        try {
            stage = target.get();
            if (stage == null) {
                throw new NullPointerException("the retried target returned null instead of a CompletionStage");
            }
        } catch (Throwable t) {
            stage = CompletableFuture.failedFuture(t);
        }
        stage.whenComplete((value, error) -> {
            try {
                afterAttempt(target, result, value, error);
            } catch (Throwable t) { // CompletableFuture would swallow it: complete the caller's future instead
                complete(result, null, t);
            }
        });
    }

    private void afterAttempt(Supplier<? extends CompletionStage<? extends T>> target, CompletableFuture<T> result,
                              T value, Throwable error) {
        if (error == null) {
            T out;
            try {
                out = policy.onDone().handle(value);
            } catch (Throwable t) {
                complete(result, null, endAttempt(t));
                return;
            }
            Throwable ended = endAttempt(null);
            complete(result, ended == null ? out : null, ended);
            return;
        }
        Step step = onFailure(unwrap(error));
        Throwable ended = endAttempt(step instanceof Fail f ? f.error() : null);
        if (ended != null) {
            complete(result, null, ended);
        } else if (step instanceof Fail f) {
            complete(result, null, f.error());
        } else if (step instanceof Recover r) {
            @SuppressWarnings("unchecked")
            T fallback = (T) r.value();
            complete(result, fallback, null);
        } else {
            Duration delay = ((RetryAfter) step).delay();
            emit(Type.RETRY_SCHEDULED, attempt + 1, delay, lastError);
            CompletionStage<Void> wait;
            try {
                wait = delay.isZero() ? CompletableFuture.completedFuture(null) : policy.clock().delay(delay);
            } catch (Throwable t) {
                suppress(t, lastError);
                complete(result, null, t);
                return;
            }
            wait.whenComplete((ignored, delayError) -> {
                if (delayError != null) {
                    Throwable u = unwrap(delayError);
                    suppress(u, lastError);
                    complete(result, null, u);
                } else {
                    runAsync(target, result);
                }
            });
        }
    }

    private void complete(CompletableFuture<T> result, T value, Throwable failure) {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        Throwable f = failure;
        try {
            f = finish(failure);
        } finally {
            if (f != null) {
                result.completeExceptionally(f);
            } else {
                result.complete(value);
            }
        }
    }

    // ---------------------------------------------------------------- shared rules

    /** The decision after attempt {@link #attempt} threw {@code e}: runs the error hook when it applies. */
    private Step onFailure(Throwable e) {
        emit(Type.ATTEMPT_FAILED, attempt, Duration.ZERO, e);
        lastError = e;
        if (e instanceof InterruptedException || (sync && Thread.currentThread().isInterrupted())) {
            if (sync) {
                Thread.currentThread().interrupt();
            }
            return new Fail(e);
        }
        if (!(e instanceof Exception ex)) {
            return new Fail(e); // an Error: never retried, never handled
        }
        boolean retry;
        Duration delay = Duration.ZERO;
        try {
            retry = attempt < policy.maxAttempts() && policy.isRetryable(ex);
        } catch (Throwable predicateError) {
            suppress(predicateError, ex);
            return new Fail(predicateError);
        }
        if (retry) {
            delay = policy.backoff().delayBefore(attempt, ThreadLocalRandom.current().nextDouble());
            if (policy.deadline().isPresent()) {
                long left = policy.deadline().get().toNanos() - (policy.clock().nanoTime() - start);
                retry = delay.toNanos() <= left;
            }
        }
        T fallback;
        try {
            fallback = policy.onError().handle(ex);
        } catch (Throwable hookError) {
            if (hookError != ex) {
                suppress(hookError, ex);
                return new Fail(hookError);
            }
            return retry ? new RetryAfter(delay) : new Fail(ex);
        }
        if (retry) {
            return new RetryAfter(delay);
        }
        recovered = true;
        return new Recover(fallback);
    }

    /**
     * Runs the per-attempt hook ({@code onAttemptEnd}) once the attempt's outcome is known. Returns
     * what the attempt now ends with: {@code pending} (with a hook failure added as suppressed), the
     * hook's own failure when nothing was pending, or null when the call may go on.
     */
    private Throwable endAttempt(Throwable pending) {
        try {
            policy.onAttemptEnd().run();
            return pending;
        } catch (Throwable hookError) {
            if (pending == null) {
                return hookError;
            }
            suppress(pending, hookError);
            return pending;
        }
    }

    /** Runs the final hook once, combines its failure with the call's, emits the outcome event. */
    private Throwable finish(Throwable failure) {
        try {
            policy.onFinal().run();
        } catch (Throwable finalError) {
            if (failure == null) {
                failure = finalError;
            } else {
                suppress(failure, finalError);
            }
        }
        if (sync && failure instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        Type type = failure != null ? Type.FAILED : recovered ? Type.RECOVERED : Type.SUCCEEDED;
        emit(type, Math.max(attempt, 1), Duration.ZERO, failure != null ? failure : lastError);
        return failure;
    }

    private void emit(Type type, int n, Duration delay, Throwable error) {
        if (policy.listeners().isEmpty()) {
            return;
        }
        RetryEvent event = new RetryEvent(type, n, policy.maxAttempts(), delay, error,
                Duration.ofNanos(Math.max(0L, policy.clock().nanoTime() - start)));
        for (RetryListener listener : policy.listeners()) {
            try {
                listener.onEvent(event);
            } catch (VirtualMachineError fatal) {
                throw fatal;
            } catch (Throwable e) {
                LOG.log(Level.WARNING, "RetryListener " + listener + " failed on " + type + "; ignored", e);
            }
        }
    }

    private static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static void suppress(Throwable target, Throwable other) {
        if (other != null && target != other && target.getCause() != other) {
            target.addSuppressed(other);
        }
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> E sneaky(Throwable t) throws E {
        throw (E) t;
    }
}
