package io.multirunnable.distributed.redis.internal;

import io.multirunnable.WorkerResult;
import io.multirunnable.distributed.redis.DistributedTask;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The inputs of one call ({@code map}, {@code imap}, {@code apply}...) and their results. Inputs are
 * read and sent by the calling thread, at most {@code maxInFlight} ahead of the results; results are
 * filed by the client's receiver thread. The first result for an index wins; later ones (an input run
 * twice) are counted and dropped, so the caller sees exactly one result per input.
 *
 * @param <O> the result type
 */
public final class Batch<O> {
    /**
     * One input ready to send: its JSON, or the error that kept it from being sent.
     *
     * @param json  the input's JSON, or null
     * @param error why it cannot be sent, or null
     */
    public record Encoded(String json, RuntimeException error) {
        /** An input ready to send. */
        public static Encoded of(String json) {
            return new Encoded(json, null);
        }
    }

    /** An input sent and not yet answered: what is needed to cancel it or send it again. */
    static final class Pending {
        final String json;
        volatile String entryId;

        Pending(String json) {
            this.json = json;
        }
    }

    final long id;
    final DistributedTask<?, O> task;
    final String parent;
    final long startNanos = System.nanoTime();
    final long deadlineNanos; // Long.MAX_VALUE: none
    /** map reads every input even after the deadline (each gets a result); imap stops reading. */
    final boolean drainOnExpiry;
    private final Iterator<Encoded> inputs;
    private int nextIndex;
    private boolean exhausted;
    final Map<Integer, Pending> pending = new ConcurrentHashMap<>();
    private final Map<Integer, WorkerResult<O>> results = new ConcurrentHashMap<>();
    private final LinkedBlockingQueue<WorkerResult<O>> arrivals = new LinkedBlockingQueue<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** Called with each first result, on the thread that filed it (asyncApply completes its future here). */
    volatile java.util.function.Consumer<WorkerResult<O>> listener;
    private volatile Throwable failure; // set on deadline, outage or cancel: the error of every unanswered input
    final AtomicLong duplicates = new AtomicLong();
    private final java.util.concurrent.atomic.AtomicReference<WorkerResult<O>> firstSuccess = new java.util.concurrent.atomic.AtomicReference<>();
    private final java.util.concurrent.atomic.AtomicReference<WorkerResult<O>> firstFailure = new java.util.concurrent.atomic.AtomicReference<>();
    final AtomicLong resubmitted = new AtomicLong();

    /** The deadline as configured, for messages, or null. */
    final java.time.Duration deadline;

    Batch(long id, DistributedTask<?, O> task, String parent, Iterator<Encoded> inputs, java.time.Duration deadline,
          boolean drainOnExpiry) {
        this.deadline = deadline;
        long deadlineNanos = deadline == null ? Long.MAX_VALUE : System.nanoTime() + deadline.toNanos();
        this.id = id;
        this.task = task;
        this.parent = parent;
        this.inputs = inputs;
        this.deadlineNanos = deadlineNanos;
        this.drainOnExpiry = drainOnExpiry;
    }

    /**
     * The next inputs to send, at most {@code room}, with their indexes; inputs that could not be
     * encoded are answered at once with their error. Called by the caller's thread only.
     */
    List<Map.Entry<Integer, String>> take(int room) {
        List<Map.Entry<Integer, String>> out = new ArrayList<>();
        while (out.size() < room && !exhausted) {
            if (!inputs.hasNext()) {
                exhausted = true;
                break;
            }
            Encoded e = inputs.next();
            int index = nextIndex++;
            if (failure != null) {
                if (!drainOnExpiry) {
                    exhausted = true;
                    break;
                }
                file(failed(index, failure));
            } else if (e.error() != null) {
                file(failed(index, e.error()));
            } else {
                pending.put(index, new Pending(e.json()));
                out.add(Map.entry(index, e.json()));
            }
        }
        return out;
    }

    /** Files a result: the first per index wins. Returns false for a duplicate. */
    boolean file(WorkerResult<O> r) {
        if (results.putIfAbsent(r.index(), r) != null) {
            duplicates.incrementAndGet();
            return false;
        }
        pending.remove(r.index());
        if (r.isSuccessful()) {
            firstSuccess.compareAndSet(null, r);
        } else if (!(r.error() instanceof java.util.concurrent.CancellationException)
                && !(r.error() instanceof java.util.concurrent.TimeoutException)) {
            firstFailure.compareAndSet(null, r);
        }
        arrivals.add(r);
        signal();
        java.util.function.Consumer<WorkerResult<O>> l = listener;
        if (l != null) {
            l.accept(r);
        }
        return true;
    }

    /** Answers every unanswered input with {@code error} (deadline, outage, cancel); returns their entry ids. */
    List<String> fail(Throwable error) {
        if (failure == null) {
            failure = error;
        }
        List<String> ids = new ArrayList<>();
        for (Map.Entry<Integer, Pending> e : List.copyOf(pending.entrySet())) {
            if (e.getValue().entryId != null) {
                ids.add(e.getValue().entryId);
            }
            file(failed(e.getKey(), failure));
        }
        signal();
        return ids;
    }

    Throwable failure() {
        return failure;
    }

    WorkerResult<O> failed(int index, Throwable error) {
        Instant now = Instant.now();
        return new WorkerResult<>("(not run)", 0, parent, index, null, error, now, now);
    }

    /** {@code true} when every input was read and answered. */
    public boolean isComplete() {
        return exhausted && pending.isEmpty();
    }

    /** The first successful result in arrival order, or null. */
    public WorkerResult<O> firstSuccess() {
        return firstSuccess.get();
    }

    /** The first result holding a task's failure (not a cancellation or timeout) in arrival order, or null. */
    public WorkerResult<O> firstFailure() {
        return firstFailure.get();
    }

    /** Why the unanswered inputs were answered early (deadline, outage, cancel), or null. */
    public Throwable earlyEnd() {
        return failure;
    }

    /** {@code true} once no further input will be read. */
    public boolean isExhausted() {
        return exhausted;
    }

    /** Inputs read so far. */
    public int inputsRead() {
        return nextIndex;
    }

    /** The result of input {@code index}, or null if not in yet. */
    public WorkerResult<O> resultAt(int index) {
        return results.get(index);
    }

    /** The next result in arrival order not yet taken, or null. */
    public WorkerResult<O> nextArrival() {
        return arrivals.poll();
    }

    /** {@code true} if {@link #nextArrival()} would return a result. */
    public boolean hasArrival() {
        return !arrivals.isEmpty();
    }

    /** Calls {@code listener} with each first result (on the receiving thread). */
    public void onResult(java.util.function.Consumer<WorkerResult<O>> listener) {
        this.listener = listener;
    }

    int inFlight() {
        return pending.size();
    }

    /** Waits until {@code ready} holds or {@code nanos} pass (checked under the lock every signal takes: no lost wake-up). */
    void await(java.util.function.BooleanSupplier ready, long nanos) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (!ready.getAsBoolean() && nanos > 0) {
                nanos = changed.awaitNanos(nanos);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Wakes the caller waiting in {@link #await}. Every change that could end a wait signals under the lock. */
    void signal() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    static long waitSlice(long deadlineNanos) {
        long left = deadlineNanos == Long.MAX_VALUE ? Long.MAX_VALUE : deadlineNanos - System.nanoTime();
        return Math.max(0, Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)));
    }
}
