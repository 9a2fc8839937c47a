package io.multirunnable.core.internal;

import io.multirunnable.BatchPolicy;
import io.multirunnable.CheckedFunction;
import io.multirunnable.ExecutorConfig;
import io.multirunnable.RunningMode;
import io.multirunnable.SimpleExecutor;
import io.multirunnable.WorkerResult;
import io.multirunnable.internal.Check;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link SimpleExecutor} on the backend of its running mode ({@link Backends}).
 *
 * <p>Each batch call is one {@link Batch}: {@code run} starts one part per worker, {@code map} and
 * {@code mapWithFunction} min(workers, tasks) parts that pull tasks; the part object is also that
 * worker's context ({@link Part}), so a 100,000-worker GREEN_THREAD run allocates one object per worker
 * besides its virtual thread and result. {@code batches} holds the calls in progress, only so that
 * {@link #shutdownNow()} can cancel them; a call removes its batch when it returns or throws.
 * {@code closed} is volatile and checked at the start of each call; a call racing with close() is
 * refused by the backend itself (RejectedExecutionException), and then cancels what it started.
 *
 * <p><b>Thread-per-task modes.</b> CONCURRENT parts run on a {@link ThreadCache}, GREEN_THREAD parts on a
 * virtual thread started here (no executor service: its per-task wrapper, thread-set node and frame would
 * cost bytes per worker). {@code running} counts the parts launched and not ended; a call adds its parts
 * before launching them and then re-reads {@code closed}, while close() sets {@code closed} and then waits
 * on {@code runningLock} for {@code running == 0} (the part taking it to 0 after close notifies): one of the
 * two always sees the other, so no part starts after close() has returned. Then the idle cached threads end.
 */
final class LocalExecutor implements SimpleExecutor {
    private static final ThreadFactory VIRTUAL = Thread.ofVirtual().factory();

    private final ExecutorConfig config;
    /** PARALLEL, ASYNCHRONOUS: the fork-join pool. */
    private final ExecutorService service;
    /** CONCURRENT: platform threads, kept a short while for the next batch. */
    private final ThreadCache threads;
    private final AtomicInteger active = new AtomicInteger();
    private final Set<Batch<?>> batches = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;
    /** Thread-per-task backends (CONCURRENT, GREEN_THREAD): each part runs on a thread of its own. */
    private final boolean ownsThreads;
    /** Thread-per-task backends: parts (and runAsync starts) launched and not yet ended; close() waits for 0. */
    private final AtomicInteger running = new AtomicInteger();
    private final Object runningLock = new Object();
    private volatile List<WorkerResult<?>> last = List.of();

    LocalExecutor(ExecutorConfig config) {
        this.config = config;
        RunningMode mode = config.mode();
        this.ownsThreads = mode == RunningMode.CONCURRENT || mode == RunningMode.GREEN_THREAD;
        this.service = ownsThreads ? null : Backends.create(mode, config.workers(), config.name());
        this.threads = mode == RunningMode.CONCURRENT ? new ThreadCache(config.name() + "-t-", config.workers()) : null;
    }

    @Override
    public ExecutorConfig config() {
        return config;
    }

    @Override
    public <T> List<WorkerResult<T>> run(Callable<T> task) throws InterruptedException {
        Check.notNull(task, "task");
        return collect(start(null, config.workers(), task));
    }

    @Override
    public List<WorkerResult<Void>> run(Runnable task) throws InterruptedException {
        Check.notNull(task, "task");
        return collect(start(null, config.workers(), () -> {
            task.run();
            return null;
        }));
    }

    @Override
    public <I, O> List<WorkerResult<O>> map(CheckedFunction<? super I, ? extends O> function,
                                            Collection<? extends I> inputs) throws InterruptedException {
        return collect(mapBatch(null, function, inputs));
    }

    @Override
    public <T> List<WorkerResult<T>> mapWithFunction(List<? extends Callable<? extends T>> tasks) throws InterruptedException {
        return collect(tasksBatch(null, tasks));
    }

    @Override
    public <T> List<WorkerResult<T>> run(BatchPolicy policy, Callable<T> task) throws Exception {
        Check.notNull(policy, "policy");
        Check.notNull(task, "task");
        return decide(start(policy, config.workers(), task));
    }

    @Override
    public <I, O> List<WorkerResult<O>> map(BatchPolicy policy, CheckedFunction<? super I, ? extends O> function,
                                            Collection<? extends I> inputs) throws Exception {
        Check.notNull(policy, "policy");
        return decide(mapBatch(policy, function, inputs));
    }

    @Override
    public <T> List<WorkerResult<T>> mapWithFunction(BatchPolicy policy, List<? extends Callable<? extends T>> tasks)
            throws Exception {
        Check.notNull(policy, "policy");
        return decide(tasksBatch(policy, tasks));
    }

    private <I, O> Batch<O> mapBatch(BatchPolicy policy, CheckedFunction<? super I, ? extends O> function,
                                     Collection<? extends I> inputs) {
        Check.notNull(function, "function");
        Check.notNull(inputs, "inputs");
        List<I> items = new ArrayList<>(inputs);
        return start(policy, items.size(), true, i -> function.apply(items.get(i)));
    }

    private <T> Batch<T> tasksBatch(BatchPolicy policy, List<? extends Callable<? extends T>> tasks) {
        Check.noNulls(tasks, "tasks");
        List<Callable<? extends T>> copy = List.copyOf(tasks);
        return start(policy, copy.size(), true, i -> copy.get(i).call());
    }

    /**
     * Starts a batch of {@code count} tasks: in fixed mode ({@code run}) one part per worker, each running
     * its own task; in pull mode ({@code map}) min(workers, count) parts taking the next task when free.
     */
    /** {@code run}: one part per worker, each calling {@code task} once. */
    private <T> Batch<T> start(BatchPolicy policy, int workers, Callable<? extends T> task) {
        return start(policy, workers, false, i -> task.call(), task);
    }

    private <T> Batch<T> start(BatchPolicy policy, int count, boolean pull, Batch.Work<? extends T> work) {
        return start(policy, count, pull, work, null);
    }

    /** {@code single}: the task of a {@code run} batch, called directly on owned threads (see Batch.runOwned). */
    private <T> Batch<T> start(BatchPolicy policy, int count, boolean pull, Batch.Work<? extends T> work,
                               Callable<? extends T> single) {
        Batch.checkOpen(closed, "executor");
        int parts = pull ? Math.min(config.workers(), count) : count;
        Batch<T> batch = new Batch<>(policy, count, parts, pull, work, config.name());
        batches.add(batch);
        if (ownsThreads) {
            running.addAndGet(parts);
            if (closed) { // close() raced with this call; it counts on `running`, so check again after counting
                for (int q = 0; q < parts; q++) {
                    batch.skip(q);
                    partEnded();
                }
                batches.remove(batch);
                Batch.checkOpen(true, "executor");
            }
        }
        for (int p = 0; p < parts; p++) {
            try {
                launch(new Part(batch, p, single));
            } catch (RejectedExecutionException | OutOfMemoryError e) {
                // shutdownNow() raced with this call, or no native thread could be started: the parts
                // already started are cancelled, the others never run.
                for (int q = p; q < parts; q++) {
                    batch.skip(q);
                    if (ownsThreads) {
                        partEnded();
                    }
                }
                batch.cancel();
                batches.remove(batch);
                if (e instanceof OutOfMemoryError oom) {
                    throw oom;
                }
                throw new IllegalStateException("executor is closed", e);
            }
        }
        return batch;
    }

    /** Starts {@code r} on the mode's backend; thread-per-task modes: {@code r} has been counted in {@code running}. */
    private void launch(Runnable r) {
        switch (config.mode()) {
            case GREEN_THREAD -> VIRTUAL.newThread(r).start();
            case CONCURRENT -> threads.execute(r);
            default -> service.execute(Backends.plainTask(r));
        }
    }

    /** A part (or runAsync start) counted in {@code running} has ended; the last one after close() wakes it. */
    private void partEnded() {
        if (running.decrementAndGet() == 0 && closed) {
            synchronized (runningLock) {
                runningLock.notifyAll();
            }
        }
    }

    /**
     * One worker loop of a batch, and that worker's context: one object per worker, holding only what
     * is not the executor's or the batch's; its results refer to it for the worker's name, id and parent.
     */
    private final class Part extends Workers.Worker implements Runnable {
        /** Cleared when the part ends: results refer to this part, and must not keep the batch (its inputs) alive. */
        private Batch<?> batch;
        private final int part;
        private final String parent;
        /** run() on an owned thread: the task, called directly; otherwise null. Cleared with {@code batch}. */
        private Callable<?> single;

        Part(Batch<?> batch, int part, Callable<?> single) {
            this.batch = batch;
            this.part = part;
            this.parent = batch.callerName();
            this.single = ownsThreads ? single : null;
        }

        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        public void run() {
            Batch<?> b = batch;
            Callable<?> task = single;
            batch = null;
            single = null;
            if (ownsThreads) {
                // partEnded() runs from partEnding(), inside the batch's last step (see Batch.endPart)
                if (task != null) {
                    ((Batch) b).runOwned(this, part, task);
                } else {
                    b.runPart(this, part, true);
                }
            } else {
                b.runPart(this, part, false);
            }
        }

        /** Built when asked (results read it through this context): no string per worker up front. */
        @Override
        public String name() {
            return config.name() + "-worker-" + (part + 1);
        }

        @Override
        public long id() {
            return part + 1;
        }

        @Override
        public String parent() {
            return parent;
        }

        @Override
        public RunningMode mode() {
            return config.mode();
        }

        @Override
        public Map<String, Object> features() {
            return config.features();
        }

        @Override
        AtomicInteger active() {
            return active;
        }

        /**
         * Thread-per-task modes: the part leaves {@code running} before its batch counts it done. Otherwise the
         * caller, woken by the batch and preempting this thread on its core, often reached close() first and
         * waited on {@code runningLock} for one more wake-up (GREEN_THREAD lifecycle: 46 vs 28 µs raw).
         */
        @Override
        void partEnding() {
            if (ownsThreads) {
                partEnded();
            }
        }
    }

    @Override
    public <T> CompletableFuture<List<WorkerResult<T>>> runAsync(Callable<? extends CompletionStage<T>> task) {
        Check.notNull(task, "task");
        Batch.checkOpen(closed, "executor");
        String parent = Thread.currentThread().getName();
        int n = config.workers();
        List<CompletableFuture<WorkerResult<T>>> futures = new ArrayList<>(n);
        try {
            for (int w = 1; w <= n; w++) {
                Workers.Worker worker = worker(w, parent);
                int index = w - 1;
                futures.add(CompletableFuture.supplyAsync(() -> startAsync(worker, index, task), this::launchCounted)
                        .thenCompose(stage -> stage));
            }
        } catch (RejectedExecutionException | IllegalStateException e) {
            futures.forEach(f -> f.cancel(true));
            throw new IllegalStateException("executor is closed", e);
        }
        CompletableFuture<List<WorkerResult<T>>> all = CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
                .thenApply(v -> {
                    List<WorkerResult<T>> list = futures.stream().map(CompletableFuture::join).toList();
                    last = List.copyOf(list);
                    return list;
                });
        all.whenComplete((r, e) -> {
            if (all.isCancelled()) {
                futures.forEach(f -> f.cancel(true));
            }
        });
        return all;
    }

    /** {@link #launch} for runAsync: on thread-per-task backends the start is counted, as a part is. */
    private void launchCounted(Runnable r) {
        if (!ownsThreads) {
            service.execute(r);
            return;
        }
        running.incrementAndGet();
        if (closed) {
            partEnded();
            throw new RejectedExecutionException("executor is closed");
        }
        try {
            launch(() -> {
                try {
                    r.run();
                } finally {
                    partEnded();
                }
            });
        } catch (RejectedExecutionException | OutOfMemoryError e) {
            partEnded();
            throw e;
        }
    }

    /** Calls the task as {@code worker}; the returned stage completes with its result when the task's stage does. */
    private <T> CompletableFuture<WorkerResult<T>> startAsync(Workers.Worker worker, int index,
                                                              Callable<? extends CompletionStage<T>> task) {
        Instant start = Instant.now();
        WorkerResult<? extends CompletionStage<T>> started = Workers.run(worker, index, () -> {
            CompletionStage<T> stage = task.call();
            if (stage == null) {
                throw new NullPointerException("task returned a null CompletionStage");
            }
            return stage;
        });
        if (!started.isSuccessful()) {
            return CompletableFuture.completedFuture(new WorkerResult<>(worker.name(), worker.id(), worker.parent(),
                    index, null, started.error(), start, started.end()));
        }
        active.incrementAndGet();
        return started.value().handle((value, error) -> {
            active.decrementAndGet();
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            return new WorkerResult<>(worker.name(), worker.id(), worker.parent(), index,
                    cause == null ? value : null, cause, start, Instant.now());
        }).toCompletableFuture();
    }

    @Override
    public List<WorkerResult<?>> result() {
        return last;
    }

    /**
     * Thread-per-task backends: waits until every part has ended (as {@code ExecutorService.close()} waits
     * for its tasks), then ends the cached idle threads (CONCURRENT). If interrupted while waiting, cancels
     * everything ({@link #shutdownNow()}), keeps waiting, and restores the flag.
     */
    @Override
    public void close() {
        closed = true;
        if (!ownsThreads) {
            // ExecutorService.close(): waits for running tasks; if interrupted, shuts down now and keeps the flag.
            service.close();
            return;
        }
        boolean interrupted = false;
        synchronized (runningLock) {
            while (running.get() > 0) {
                try {
                    runningLock.wait();
                } catch (InterruptedException e) {
                    if (!interrupted) {
                        interrupted = true;
                        shutdownNow();
                    }
                }
            }
        }
        if (threads != null) {
            threads.close();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void shutdownNow() {
        closed = true;
        for (Batch<?> b : batches) {
            b.cancel();
        }
        if (threads != null) {
            threads.shutdownNow();
        } else if (service != null) {
            service.shutdownNow();
        }
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public String toString() {
        return "SimpleExecutor[" + config.name() + ", " + config.mode() + ", workers=" + config.workers()
                + (closed ? ", closed" : "") + "]";
    }

    private Workers.Worker worker(int id, String parent) {
        return new Workers.Named(config.name() + "-worker-" + id, id, parent, config.mode(), active, config.features());
    }

    private <T> List<WorkerResult<T>> collect(Batch<T> batch) throws InterruptedException {
        try {
            return batch.awaitAll(this::publish);
        } finally {
            batches.remove(batch);
        }
    }

    private <T> List<WorkerResult<T>> decide(Batch<T> batch) throws Exception {
        try {
            return batch.await(this::publish);
        } finally {
            batches.remove(batch);
        }
    }

    /** {@code results} is a batch's list: immutable already (see Batch.finish), so it is kept, not copied. */
    private <T> void publish(List<WorkerResult<T>> results) {
        last = Collections.unmodifiableList(results);
    }
}
