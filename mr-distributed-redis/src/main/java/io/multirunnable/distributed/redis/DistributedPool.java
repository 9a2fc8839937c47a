package io.multirunnable.distributed.redis;

import io.multirunnable.BatchPolicy;
import io.multirunnable.WorkerResult;
import io.multirunnable.distributed.redis.internal.Batch;
import io.multirunnable.distributed.redis.internal.ClientEngine;
import io.multirunnable.distributed.redis.internal.ClientSettings;
import io.multirunnable.internal.Check;
import io.multirunnable.sync.redis.RedisSync;
import io.multirunnable.sync.redis.internal.Settings;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A pool whose workers are other JVMs: the client side. Workers ({@link DistributedWorker}) join a named
 * pool on a Redis server; this sends them inputs of {@link DistributedTask registered tasks} and gives back
 * one {@link WorkerResult} per input, whose {@link WorkerResult#workerName()} says which JVM and worker ran
 * it ({@code pid@host#n-worker-k}) and whose {@link WorkerResult#parentName()} is the calling thread.
 *
 * <pre>{@code
 * DistributedTask<String, Long> SIZE = DistributedTask.of("file-size", String.class, Long.class);
 * try (DistributedPool pool = DistributedPool.builder("scan").withUrl("redis://redis-host:6379").build()) {
 *     List<WorkerResult<Long>> sizes = pool.map(SIZE, paths);
 * }
 * }</pre>
 *
 * <p>The same shape as {@link io.multirunnable.SimplePool} ({@code apply}, {@code asyncApply}, {@code map},
 * {@code imap}, {@code imapUnordered}, {@code close}, {@code shutdownNow}/{@code terminate}, and {@link BatchPolicy} on
 * {@code map}), with a task name where the local
 * pool takes a lambda: code never crosses the wire.
 *
 * <p><b>Guarantees.</b> Exactly one result per input to the caller; execution at least once (an input whose
 * worker dies runs again on another worker once the worker's lease runs out; see {@link #lastReport()} for
 * the re-executions). A task that throws gives a {@link RemoteTaskException} (the remote type and message)
 * as that input's error; so does a name outside the worker's allow-list. No call waits for ever: the batch
 * deadline ({@link DistributedPoolBuilder#withBatchDeadline}) and the outage tolerance
 * ({@link DistributedPoolBuilder#withOutageTolerance}) answer every input still open. If Redis comes back
 * without its data (a restart without persistence), the inputs not yet answered are sent again.
 *
 * <p><b>Errors before anything is sent</b> ({@link IllegalArgumentException}): an input of the wrong type,
 * one Jackson cannot write or read back as the task's input type, one over
 * {@link DistributedPoolBuilder#withMaxInputBytes}, a task no live worker runs. {@link IllegalStateException}:
 * Redis unreachable (the URL, password masked), no live worker in the pool after the worker wait.
 * In {@code imap}/{@code imapUnordered} a bad input becomes that input's error instead.
 *
 * <p>Thread-safe: many threads may run batches at once. Blocking calls respond to interruption.
 *
 * @since 0.2
 */
public final class DistributedPool implements AutoCloseable {
    /** The default prefix of every Redis key of a pool. */
    public static final String DEFAULT_KEY_PREFIX = "multirunnable:dist:";
    /** What a pool name may contain. */
    public static final Pattern POOL_NAME_RULE = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    private final ClientEngine engine;
    private final Set<CompletableFuture<?>> asyncOpen = ConcurrentHashMap.newKeySet();
    private volatile BatchReport lastReport;
    private volatile boolean closed;

    DistributedPool(ClientSettings settings) {
        this.engine = ClientEngine.connect(settings);
    }

    /**
     * A builder for the client of pool {@code pool}.
     *
     * @throws IllegalArgumentException "pool must not be blank", "pool name must match [A-Za-z0-9._-]{1,100} but was '...'"
     */
    public static DistributedPoolBuilder builder(String pool) {
        return new DistributedPoolBuilder(pool);
    }

    static String checkPoolName(String pool) {
        Check.notBlank(pool, "pool");
        Check.argument(POOL_NAME_RULE.matcher(pool).matches(),
                "pool name must match " + POOL_NAME_RULE.pattern() + " but was '" + pool + "'");
        return pool;
    }

    static String checkUrl(String url) {
        String u = Check.notBlank(url, "url").trim();
        Check.argument(u.startsWith("redis://") || u.startsWith("rediss://"),
                "url must start with redis:// or rediss:// but was '" + Settings.mask(u) + "'");
        return u;
    }

    /** {url, where it came from}: the same sources as the redis SyncProvider. */
    static String[] environmentUrl() {
        String url = System.getProperty(RedisSync.URL_PROPERTY);
        if (url != null && !url.isBlank()) {
            return new String[] {checkUrl(url), "system property " + RedisSync.URL_PROPERTY};
        }
        url = System.getenv(RedisSync.URL_ENV);
        if (url != null && !url.isBlank()) {
            return new String[] {checkUrl(url), "environment variable " + RedisSync.URL_ENV};
        }
        return new String[] {RedisSync.DEFAULT_URL, "the default"};
    }

    /** The pool name. */
    public String name() {
        return engine.settings().pool();
    }

    /** The Redis URL, password masked. */
    public String url() {
        return engine.settings().redis().maskedUrl();
    }

    /** The report of the most recent batch to finish, or {@code null} before the first. */
    public BatchReport lastReport() {
        return lastReport;
    }

    /** Executions beyond the first over every batch of this pool object so far. */
    public long reExecutions() {
        return engine.reExecutions();
    }

    /** The workers whose heartbeat is recent, by name, with the task names each runs. */
    public java.util.Map<String, Set<String>> liveWorkers() {
        return engine.liveWorkers();
    }

    private void open() {
        Check.state(!closed, "distributed pool '" + name() + "' is closed");
    }

    /**
     * Runs {@code task} on {@code input} on one worker and waits for its result.
     *
     * @throws InterruptedException     if interrupted while waiting (the input is withdrawn)
     * @throws IllegalArgumentException a bad input or a task no live worker runs (see the class documentation)
     * @throws IllegalStateException    closed, Redis unreachable, or no live worker in the pool
     */
    public <I, O> WorkerResult<O> apply(DistributedTask<I, O> task, I input) throws InterruptedException {
        return map(task, List.of(Check.notNull(input, "input"))).get(0);
    }

    /**
     * Sends {@code task} on {@code input} and returns at once. The future completes normally with the result
     * (holding the task's error if it failed, or a timeout at the batch deadline); cancelling it withdraws the
     * input. Bad input and a missing worker fail the future with the exceptions {@link #apply} throws.
     */
    public <I, O> CompletableFuture<WorkerResult<O>> asyncApply(DistributedTask<I, O> task, I input) {
        open();
        CompletableFuture<WorkerResult<O>> future = new CompletableFuture<>();
        try {
            Check.notNull(task, "task");
            String json = engine.encode(task, 0, input);
            engine.checkWorkers(task);
            Batch<O> batch = engine.open(task, List.of(Batch.Encoded.of(json)).iterator(), true);
            batch.onResult(r -> {
                lastReport = engine.finish(batch);
                future.complete(r);
            });
            asyncOpen.add(future);
            future.whenComplete((r, e) -> {
                asyncOpen.remove(future);
                if (future.isCancelled()) {
                    engine.cancel(batch, "cancelled by the caller");
                    engine.finish(batch);
                }
            });
            engine.pump(batch, () -> true);
            if (engine.settings().batchDeadline() != null) {
                CompletableFuture.delayedExecutor(engine.settings().batchDeadline().toMillis() + 1, TimeUnit.MILLISECONDS)
                        .execute(() -> engine.expire(batch));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.completeExceptionally(e);
        } catch (RuntimeException e) {
            future.completeExceptionally(e);
        }
        return future;
    }

    /**
     * Runs {@code task} on every input and waits for all. Every input is checked (type, JSON, size) before the
     * first is sent; at most {@link DistributedPoolBuilder#withMaxInFlight} are in Redis at once.
     *
     * @return one result per input, in input order
     * @throws InterruptedException     if interrupted while waiting (inputs not yet answered are withdrawn)
     * @throws IllegalArgumentException a bad input (names its index and the rule) or a task no live worker runs
     * @throws IllegalStateException    closed, Redis unreachable, or no live worker in the pool
     */
    public <I, O> List<WorkerResult<O>> map(DistributedTask<I, O> task, Collection<? extends I> inputs)
            throws InterruptedException {
        return run(null, task, inputs);
    }

    /**
     * {@link #map(DistributedTask, Collection)} under {@code policy}, as {@link io.multirunnable.SimplePool#map(BatchPolicy,
     * io.multirunnable.CheckedFunction, Collection)}: {@link BatchPolicy#failFast()} stops at the first failed input and
     * throws its error (a {@link RemoteTaskException}); {@link BatchPolicy#firstSuccess()} stops at the first success
     * (and throws the first failure, the others suppressed, if every input fails); the policy's timeout, if set,
     * replaces {@link DistributedPoolBuilder#withBatchDeadline} for this call. Stopping withdraws the inputs not yet
     * taken by a worker; inputs already running finish on their workers and their results are dropped. Results
     * not in when the batch stops hold a {@link CancellationException} (or a
     * {@link java.util.concurrent.TimeoutException} at the deadline).
     *
     * @throws Exception the first failure ({@code failFast}, {@code firstSuccess} when nothing succeeded), a
     *                   {@link java.util.concurrent.TimeoutException} (deadline under those two), and everything
     *                   {@link #map(DistributedTask, Collection)} throws
     * @since 0.2
     */
    public <I, O> List<WorkerResult<O>> map(BatchPolicy policy, DistributedTask<I, O> task,
                                            Collection<? extends I> inputs) throws Exception {
        Check.notNull(policy, "policy");
        List<WorkerResult<O>> results = run(policy, task, inputs);
        if (policy.completion() == BatchPolicy.Completion.COLLECT_ALL || results.isEmpty()) {
            return results;
        }
        boolean failFast = policy.completion() == BatchPolicy.Completion.FAIL_FAST;
        WorkerResult<O> firstFailure = null;
        boolean succeeded = false;
        Throwable timeout = null;
        for (WorkerResult<O> r : results) {
            if (r.isSuccessful()) {
                succeeded = true;
            } else if (r.error() instanceof java.util.concurrent.TimeoutException t) {
                timeout = timeout == null ? t : timeout;
            } else if (!(r.error() instanceof CancellationException)
                    && (firstFailure == null || r.end().isBefore(firstFailure.end()))) {
                firstFailure = r;
            }
        }
        if (failFast) {
            if (firstFailure != null) {
                throw asException(firstFailure.error());
            }
            if (timeout != null) {
                throw asException(timeout);
            }
            return results;
        }
        if (succeeded) {
            return results;
        }
        Throwable first = firstFailure != null ? firstFailure.error() : timeout;
        for (WorkerResult<O> r : results) {
            if (r.error() != null && r.error() != first && !(r.error() instanceof CancellationException)) {
                first.addSuppressed(r.error());
            }
        }
        throw asException(first);
    }

    private static Exception asException(Throwable t) {
        return t instanceof Exception e ? e : new java.util.concurrent.ExecutionException(t);
    }

    private <I, O> List<WorkerResult<O>> run(BatchPolicy policy, DistributedTask<I, O> task,
                                             Collection<? extends I> inputs) throws InterruptedException {
        open();
        Check.notNull(task, "task");
        Check.notNull(inputs, "inputs");
        List<Batch.Encoded> encoded = new ArrayList<>(inputs.size());
        int i = 0;
        for (I input : inputs) {
            encoded.add(Batch.Encoded.of(engine.encode(task, i++, input)));
        }
        if (encoded.isEmpty()) {
            return List.of();
        }
        engine.checkWorkers(task);
        Batch<O> batch = policy == null ? engine.open(task, encoded.iterator(), true)
                : engine.open(task, encoded.iterator(), true,
                        policy.timeout().orElse(engine.settings().batchDeadline()));
        BatchPolicy.Completion completion = policy == null ? BatchPolicy.Completion.COLLECT_ALL : policy.completion();
        java.util.function.BooleanSupplier decided = switch (completion) {
            case COLLECT_ALL -> batch::isComplete;
            case FAIL_FAST -> () -> batch.isComplete() || batch.firstFailure() != null;
            case FIRST_SUCCESS -> () -> batch.isComplete() || batch.firstSuccess() != null;
        };
        try {
            while (!decided.getAsBoolean()) {
                engine.pump(batch, decided);
            }
            if (!batch.isComplete()) {
                engine.cancel(batch, "batch of task '" + task.name() + "' decided by another input ("
                        + completion + ")");
                while (!batch.isExhausted()) {
                    engine.pump(batch, () -> true); // answers the inputs not yet read with the cancellation
                }
            }
        } catch (InterruptedException e) {
            engine.cancel(batch, "the caller was interrupted");
            engine.finish(batch);
            throw e;
        }
        lastReport = engine.finish(batch);
        List<WorkerResult<O>> out = new ArrayList<>(encoded.size());
        for (int k = 0; k < encoded.size(); k++) {
            out.add(batch.resultAt(k));
        }
        return out;
    }

    /**
     * Lazily runs {@code task} on {@code inputs}: inputs are read and sent as the iterator is consumed, at most
     * {@link DistributedPoolBuilder#withMaxInFlight} ahead, so an endless input is fine. Results come in input
     * order. A bad input becomes its own error result. {@code next()} blocks until the next result is ready; if
     * the thread is interrupted it withdraws what is in flight, restores the interrupt flag and throws
     * {@link CancellationException}. At the batch deadline the results not yet in become timeouts and no further
     * input is read.
     *
     * @throws IllegalArgumentException a task no live worker runs
     * @throws IllegalStateException    closed, Redis unreachable, or no live worker in the pool
     */
    public <I, O> Iterator<WorkerResult<O>> imap(DistributedTask<I, O> task, Iterable<? extends I> inputs) {
        return iterate(task, inputs, true);
    }

    /** Like {@link #imap} but results come in completion order. */
    public <I, O> Iterator<WorkerResult<O>> imapUnordered(DistributedTask<I, O> task, Iterable<? extends I> inputs) {
        return iterate(task, inputs, false);
    }

    private <I, O> Iterator<WorkerResult<O>> iterate(DistributedTask<I, O> task, Iterable<? extends I> inputs,
                                                     boolean ordered) {
        open();
        Check.notNull(task, "task");
        Check.notNull(inputs, "inputs");
        try {
            engine.checkWorkers(task);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while looking for live workers of pool '" + name() + "'");
        }
        Iterator<? extends I> source = inputs.iterator();
        Iterator<Batch.Encoded> encoded = new Iterator<>() {
            int index;

            @Override
            public boolean hasNext() {
                return source.hasNext();
            }

            @Override
            public Batch.Encoded next() {
                I input = source.next();
                int i = index++;
                try {
                    return Batch.Encoded.of(engine.encode(task, i, input));
                } catch (IllegalArgumentException bad) {
                    return new Batch.Encoded(null, bad);
                }
            }
        };
        Batch<O> batch = engine.open(task, encoded, false);
        return new Iterator<>() {
            int next;
            WorkerResult<O> ready;
            boolean finished;

            @Override
            public boolean hasNext() {
                if (ready != null) {
                    return true;
                }
                if (finished) {
                    return false;
                }
                try {
                    while (true) {
                        ready = ordered ? batch.resultAt(next) : batch.nextArrival();
                        if (ready != null) {
                            next++;
                            return true;
                        }
                        if (batch.isExhausted() && next >= batch.inputsRead()) {
                            finished = true;
                            lastReport = engine.finish(batch);
                            return false;
                        }
                        int want = next;
                        engine.pump(batch, ordered ? () -> batch.resultAt(want) != null : batch::hasArrival);
                    }
                } catch (InterruptedException e) {
                    engine.cancel(batch, "the caller was interrupted");
                    engine.finish(batch);
                    finished = true;
                    Thread.currentThread().interrupt();
                    throw new CancellationException("interrupted while waiting for a result of pool '" + name() + "'");
                }
            }

            @Override
            public WorkerResult<O> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                WorkerResult<O> r = ready;
                ready = null;
                return r;
            }
        };
    }

    /**
     * Refuses new batches, waits for the {@link #asyncApply} futures still open, then disconnects. Idempotent.
     * Blocks without limit unless a batch deadline or the outage tolerance ends the wait.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (CompletableFuture<?> f : List.copyOf(asyncOpen)) {
            try {
                f.join();
            } catch (RuntimeException ignored) {
                // cancelled or failed: nothing to wait for
            }
        }
        engine.close();
    }

    /**
     * Refuses new batches, answers every open input with a {@link CancellationException} (withdrawing it from
     * the queue; tasks already running on workers finish there), and disconnects. Does not wait. The name
     * {@link io.multirunnable.SimplePool#shutdownNow()} uses.
     *
     * @since 0.2
     */
    public void shutdownNow() {
        closed = true;
        engine.cancelAll("distributed pool '" + name() + "' was terminated");
        engine.close();
    }

    /** The Python original's name for {@link #shutdownNow()}. */
    public void terminate() {
        shutdownNow();
    }

    /** {@code true} once {@link #close()} or {@link #shutdownNow()} was called. */
    public boolean isClosed() {
        return closed;
    }

    @Override
    public String toString() {
        return "DistributedPool[" + name() + " at " + url() + "]";
    }
}
