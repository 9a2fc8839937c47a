package io.multirunnable.core.internal;

import io.multirunnable.BatchPolicy;
import io.multirunnable.WorkerResult;
import io.multirunnable.internal.Check;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * One batch call ({@code run}, {@code map}, {@code mapWithFunction} of an executor, {@code map} of a
 * pool): {@code count} tasks run by {@code parts} worker loops, one result slot per task, and the
 * {@link BatchPolicy} that decides when the batch is over.
 *
 * <p><b>Shape.</b> A part is one worker loop. In "fixed" mode ({@code run}) part {@code k} runs task
 * {@code k} once. In "pull" mode ({@code map}) each part takes the next indices (a few at a time
 * for long batches) from a shared counter until none is left, so {@code map} of 100,000 inputs on 8 workers costs 8 submissions, not 100,000;
 * results still come one per input. The executor hands each part to its backend; the pool queues each
 * part as one job behind the jobs already queued.
 *
 * <p><b>Protocol.</b> {@code state} only ever leaves {@code RUNNING}, once, by a CAS: to {@code DECIDED}
 * (a task's result ended the batch: first failure or first success, recorded in {@code decisive}),
 * {@code TIMED_OUT} (the waiting caller saw the deadline pass) or {@code CANCELLED} (caller interrupted,
 * executor or pool shut down). Whoever wins that CAS interrupts the running parts and wakes the caller,
 * which fills every empty result slot with a {@link CancellationException} or {@link TimeoutException}
 * and returns without waiting for the interrupted workers. A worker finishing later cannot overwrite
 * a slot: each slot is written once, by CAS from {@code null}; first writer wins, caller or worker.
 *
 * <p><b>Interrupting the right task.</b> Pool and fork-join threads outlive a part and go on to run
 * other jobs, so an interrupt meant for this batch must never land after the part has ended. Each part
 * has a slot in {@code runners}: {@code null} (not started), its {@code Thread} (running),
 * {@link #INTERRUPTING} (a canceller is delivering the interrupt right now) or {@link #DONE}. The
 * canceller swaps {@code Thread -> INTERRUPTING}, interrupts, then swaps back; the part ends with a CAS
 * {@code Thread -> DONE} that spins while the slot says {@code INTERRUPTING}, then clears its interrupt
 * flag. So an interrupt is delivered only while the part is registered, and whatever is left of it is
 * cleared before the thread runs anything else. The part that starts after a cancel (CAS
 * {@code null -> Thread}, then a read of {@code state}) sees the new state and skips its work: both
 * sides write one volatile location and then read the other, so at least one sees the other's write.
 *
 * <p><b>Memory ordering.</b> Result slots are written by CAS and read by the caller with
 * {@code getVolatile} after it has seen {@code pending == 0} or a state change, each a volatile read
 * that follows the writers' volatile writes: every result written before is visible. The
 * {@code decisive} result is CAS'ed before {@code state} is set to {@code DECIDED}, so a caller that
 * reads {@code DECIDED} reads the decisive result, and a worker interrupted by the decider (interrupt
 * happens-after the state write) sees {@code decisive} and reports itself cancelled.
 *
 * <p><b>Waking the caller.</b> Only the calling thread waits, parked; the last part to finish (the
 * decrement of {@code pending} to 0) and the winner of the state CAS unpark it. Spurious wake-ups just
 * loop. No lock, no future per task.
 */
final class Batch<T> {
    /** One task of the batch, by index: no object per task. */
    @FunctionalInterface
    interface Work<T> {
        T call(int index) throws Exception;
    }

    private static final int RUNNING = 0;
    private static final int DECIDED = 1;
    private static final int TIMED_OUT = 2;
    private static final int CANCELLED = 3;

    private static final Object INTERRUPTING = new Object();
    private static final Object DONE = new Object();

    private static final VarHandle STATE;
    private static final VarHandle PENDING;
    private static final VarHandle NEXT;
    private static final VarHandle DECISIVE;
    private static final VarHandle FIRST_FAILURE;
    private static final VarHandle RESULTS = MethodHandles.arrayElementVarHandle(WorkerResult[].class);
    private static final VarHandle RUNNERS = MethodHandles.arrayElementVarHandle(Object[].class);

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            STATE = l.findVarHandle(Batch.class, "state", int.class);
            PENDING = l.findVarHandle(Batch.class, "pending", int.class);
            NEXT = l.findVarHandle(Batch.class, "next", int.class);
            DECISIVE = l.findVarHandle(Batch.class, "decisive", WorkerResult.class);
            FIRST_FAILURE = l.findVarHandle(Batch.class, "firstFailure", WorkerResult.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final BatchPolicy.Completion completion;
    private final Duration timeout;
    private final long deadline;
    private final Work<? extends T> work;
    private final boolean pull;
    private final int grain;
    private final int count;
    private final WorkerResult<T>[] results;
    private final Object[] runners;
    private final Thread caller = Thread.currentThread();
    private final String callerName = caller.getName();
    private final String ownerName;
    private final Instant started = Instant.now();

    private volatile int state;          // RUNNING -> DECIDED | TIMED_OUT | CANCELLED, once, by CAS
    private volatile int pending;        // parts not finished; the one taking it to 0 wakes the caller
    private volatile int next;           // pull mode: the next task index to take
    private volatile WorkerResult<T> decisive;     // the result that decided the batch (fail fast / first success)
    private volatile WorkerResult<T> firstFailure; // first success: the failure to throw if none succeeds

    /**
     * @param policy    when the batch is over; {@code null} means collect all, no deadline
     * @param count     the number of tasks (= results)
     * @param parts     the number of worker loops; in fixed mode it must equal {@code count}
     * @param pull      {@code true}: parts pull indices from a counter; {@code false}: part k runs task k
     * @param ownerName the executor's or pool's name, for the results of tasks never started
     */
    @SuppressWarnings("unchecked")
    Batch(BatchPolicy policy, int count, int parts, boolean pull, Work<? extends T> work, String ownerName) {
        this.completion = policy == null ? BatchPolicy.Completion.COLLECT_ALL : policy.completion();
        this.timeout = policy == null ? null : policy.timeout().orElse(null);
        this.deadline = timeout == null ? 0 : System.nanoTime() + saturatedNanos(timeout);
        this.count = count;
        this.pull = pull;
        // Pull mode takes `grain` indices per counter update: with tiny tasks, eight workers hitting one
        // counter per task spend more time bouncing its cache line than working. A part never holds more
        // than 1/16 of its fair share, so one slow task cannot leave much work stranded behind it.
        this.grain = Math.max(1, Math.min(64, count / (Math.max(1, parts) * 16)));
        this.work = work;
        this.ownerName = ownerName;
        this.results = (WorkerResult<T>[]) new WorkerResult<?>[count];
        this.runners = new Object[parts];
        this.pending = parts;
    }

    /** The name of the thread that started the batch: its workers' parent. */
    String callerName() {
        return callerName;
    }

    int parts() {
        return runners.length;
    }

    /**
     * Runs part {@code part} as {@code worker} on the calling thread; every part must be run or
     * {@linkplain #skip skipped} exactly once. {@code ownsThread}: the thread was started for this part
     * and ends with it (thread-per-task backends), so its context goes in {@code Workers}' owned map.
     */
    void runPart(Workers.Worker worker, int part, boolean ownsThread) {
        Thread me = Thread.currentThread();
        RUNNERS.setVolatile(runners, part, me);
        try {
            if (state == RUNNING) {
                Workers.Worker previous = null;
                if (ownsThread) {
                    Workers.enterOwned(worker);
                } else {
                    previous = Workers.enter(worker);
                }
                try {
                    if (pull) {
                        int from;
                        Workers.Laps laps = new Workers.Laps();
                        while (state == RUNNING && (from = (int) NEXT.getAndAdd(this, grain)) < count) {
                            int to = Math.min(from + grain, count);
                            for (int i = from; i < to && state == RUNNING; i++) {
                                complete(i, laps.call(worker, i, work));
                            }
                        }
                    } else {
                        complete(part, Workers.call(worker, part, work));
                    }
                } finally {
                    if (ownsThread) {
                        Workers.leaveOwned(worker);
                    } else {
                        Workers.leave(worker, previous);
                    }
                }
            }
        } finally {
            endPart(worker, me, part);
        }
    }

    /**
     * {@link #runPart} for {@code run} on a thread that the part owns (CONCURRENT, GREEN_THREAD): one task,
     * called directly, in one frame. A parked virtual thread's frames are copied into a heap stack chunk,
     * so each frame between the thread's entry and the task costs bytes per worker (100,000 workers sleeping
     * = 100,000 chunks); this path has two (the part's run and this) where runPart has four. What it does
     * is runPart's fixed branch with {@link Workers#call} written out (the failure kept by {@link Workers#kept}).
     */
    void runOwned(Workers.Worker worker, int part, Callable<? extends T> task) {
        Thread me = Thread.currentThread();
        RUNNERS.setVolatile(runners, part, me);
        try {
            if (state == RUNNING) {
                Workers.enterOwned(worker);
                long start = WorkerResult.nowEpochNanos();
                T value = null;
                Throwable error = null;
                try {
                    value = task.call();
                } catch (Throwable t) {
                    error = Workers.kept(t);
                } finally {
                    Workers.leaveOwned(worker);
                }
                complete(part, new WorkerResult<>(worker, part, value, error, start, WorkerResult.nowEpochNanos()));
            }
        } finally {
            endPart(worker, me, part);
        }
    }

    /**
     * Ends a part: see "Interrupting the right task" above. {@code worker.partEnding()} runs before the
     * part is counted done: the count reaching 0 wakes the caller, which may preempt this thread at once
     * (same core) and go on to close(), so whatever close() waits for must be settled before that wake-up.
     */
    private void endPart(Workers.Worker worker, Thread me, int part) {
        // Wait out a canceller that is delivering an interrupt to us right now, then drop whatever
        // interrupt is left: this thread may go on to run another batch's part or a pool job.
        while (!RUNNERS.compareAndSet(runners, part, me, DONE)) {
            Thread.onSpinWait();
        }
        Thread.interrupted();
        worker.partEnding();
        partDone();
    }

    /** Accounts for a part that will never run (discarded from a pool queue, rejected by a closed backend). */
    void skip(int part) {
        RUNNERS.setVolatile(runners, part, DONE);
        partDone();
    }

    private void partDone() {
        if ((int) PENDING.getAndAdd(this, -1) == 1) {
            LockSupport.unpark(caller);
        }
    }

    /** Records task {@code i}'s result unless its slot is already filled, and applies the policy to it. */
    private void complete(int i, WorkerResult<T> r) {
        if (state == RUNNING && decisive == null) {
            boolean decides = r.isSuccessful() ? completion == BatchPolicy.Completion.FIRST_SUCCESS
                    : completion == BatchPolicy.Completion.FAIL_FAST;
            if (!r.isSuccessful() && completion == BatchPolicy.Completion.FIRST_SUCCESS) {
                FIRST_FAILURE.compareAndSet(this, null, r);
            }
            if (decides && DECISIVE.compareAndSet(this, null, r)) {
                RESULTS.setVolatile(results, i, r);
                stop(DECIDED);
                return;
            }
        }
        if (decisive != null) {
            r = replaced(r, cancelled("task " + decisive.index() + " decided the batch first"));
        } else if (state == TIMED_OUT) {
            r = replaced(r, timedOut());
        }
        RESULTS.compareAndSet(results, i, null, r);
    }

    /**
     * Ends the batch as {@code to} unless it has ended already: interrupts the running parts and wakes the
     * caller. Returns {@code true} if this call ended it.
     */
    boolean stop(int to) {
        if (!STATE.compareAndSet(this, RUNNING, to)) {
            return false;
        }
        for (int k = 0; k < runners.length; k++) {
            Object r = RUNNERS.getVolatile(runners, k);
            if (r instanceof Thread t && RUNNERS.compareAndSet(runners, k, t, INTERRUPTING)) {
                t.interrupt();
                RUNNERS.setVolatile(runners, k, t);
            }
        }
        LockSupport.unpark(caller);
        return true;
    }

    /** Cancels the batch from outside (executor or pool shut down): its caller returns at once. */
    void cancel() {
        stop(CANCELLED);
    }

    /**
     * Waits until the batch is over, by the policy, then returns one result per task or throws as
     * {@link BatchPolicy} says; {@code publish} gets the results first, even when the call throws, so
     * that {@code result()} shows who was cancelled. Must be called by the thread that created the batch.
     */
    List<WorkerResult<T>> await(Consumer<List<WorkerResult<T>>> publish) throws Exception {
        while (pending > 0 && state == RUNNING) {
            if (timeout != null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    stop(TIMED_OUT);
                    break;
                }
                LockSupport.parkNanos(this, left);
            } else {
                LockSupport.park(this);
            }
            if (Thread.interrupted()) {
                stop(CANCELLED);
                throw new InterruptedException("interrupted while waiting for a batch; its workers were cancelled");
            }
        }
        List<WorkerResult<T>> list = finish();
        publish.accept(list);
        return outcome(list, state);
    }

    /** {@link #await()} for the methods without a policy, which declare only InterruptedException. */
    List<WorkerResult<T>> awaitAll(Consumer<List<WorkerResult<T>>> publish) throws InterruptedException {
        try {
            return await(publish);
        } catch (InterruptedException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("collect-all batch threw " + e, e); // cannot happen: nothing decides it
        }
    }

    private List<WorkerResult<T>> finish() {
        int s = state;
        for (int i = 0; i < count; i++) {
            if (RESULTS.getVolatile(results, i) == null) {
                Throwable why = switch (s) {
                    case TIMED_OUT -> timedOut();
                    case DECIDED -> cancelled("task " + decisive.index() + " decided the batch first");
                    default -> cancelled("the executor or pool was shut down");
                };
                RESULTS.compareAndSet(results, i, null, new WorkerResult<T>(ownerName, 0, callerName, i,
                        null, why, started, Instant.now()));
            }
        }
        // Every slot is filled now, and a slot is written once (CAS from null): the array never changes
        // again, so an unmodifiable view of it is an immutable list, without copying 4 bytes per task twice.
        // The getVolatile reads above order this thread after every writer.
        return Collections.unmodifiableList(Arrays.asList(results));
    }

    private List<WorkerResult<T>> outcome(List<WorkerResult<T>> list, int s) throws Exception {
        switch (completion) {
            case FAIL_FAST -> {
                if (decisive != null) {
                    throw rethrowable(decisive.error());
                }
                if (s == TIMED_OUT) {
                    throw timedOut();
                }
            }
            case FIRST_SUCCESS -> {
                if (decisive == null) {
                    Throwable first = s == TIMED_OUT ? timedOut()
                            : firstFailure != null ? firstFailure.error() : cancelled("the executor or pool was shut down");
                    for (WorkerResult<T> r : list) {
                        Throwable e = r.error();
                        if (e != null && e != first && !(e instanceof TimeoutException) && !(e instanceof CancellationException)) {
                            first.addSuppressed(e);
                        }
                    }
                    throw rethrowable(first);
                }
            }
            case COLLECT_ALL -> {
            }
        }
        return list;
    }

    private static Exception rethrowable(Throwable t) {
        if (t instanceof Error e) {
            throw e;
        }
        return t instanceof Exception e ? e : new IllegalStateException(t);
    }

    private TimeoutException timedOut() {
        return new TimeoutException("batch deadline of " + timeout + " passed before this task finished");
    }

    private static CancellationException cancelled(String why) {
        return new CancellationException("cancelled: " + why);
    }

    /** {@code r} with its value or error replaced by {@code why}; the task's own error, if any, becomes the cause. */
    private WorkerResult<T> replaced(WorkerResult<T> r, Exception why) {
        if (r.error() != null && why.getCause() == null) {
            why.initCause(r.error());
        }
        return new WorkerResult<>(r.workerName(), r.workerId(), r.parentName(), r.index(), null, why, r.start(), r.end());
    }

    /** The check every batch and pool method makes first: "executor is closed" / "pool is closed". */
    static void checkOpen(boolean closed, String what) {
        Check.state(!closed, what + " is closed");
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE / 2;
        }
    }
}
