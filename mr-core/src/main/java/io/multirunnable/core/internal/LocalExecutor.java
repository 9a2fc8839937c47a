package io.multirunnable.core.internal;

import io.multirunnable.BatchPolicy;
import io.multirunnable.CheckedFunction;
import io.multirunnable.ExecutorConfig;
import io.multirunnable.SimpleExecutor;
import io.multirunnable.WorkerResult;
import io.multirunnable.internal.Check;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/** {@link SimpleExecutor} on the backend of its running mode. */
final class LocalExecutor implements SimpleExecutor {
    private final ExecutorConfig config;
    private final ExecutorService service;
    private final AtomicInteger active = new AtomicInteger();
    private final Set<Batch<?>> batches = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;
    private volatile List<WorkerResult<?>> last = List.of();

    LocalExecutor(ExecutorConfig config) {
        this.config = config;
        this.service = Backends.create(config.mode(), config.workers(), config.name());
    }

    @Override
    public ExecutorConfig config() {
        return config;
    }

    @Override
    public <T> List<WorkerResult<T>> run(Callable<T> task) throws InterruptedException {
        Check.notNull(task, "task");
        return collect(start(null, config.workers(), false, i -> task.call()));
    }

    @Override
    public List<WorkerResult<Void>> run(Runnable task) throws InterruptedException {
        Check.notNull(task, "task");
        return collect(start(null, config.workers(), false, i -> {
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
        return decide(start(policy, config.workers(), false, i -> task.call()));
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
    private <T> Batch<T> start(BatchPolicy policy, int count, boolean pull, Batch.Work<? extends T> work) {
        Batch.checkOpen(closed, "executor");
        String parent = Thread.currentThread().getName();
        int parts = pull ? Math.min(config.workers(), count) : count;
        Batch<T> batch = new Batch<>(policy, count, parts, pull, work, config.name());
        batches.add(batch);
        for (int p = 0; p < parts; p++) {
            try {
                service.execute(new Part(batch, p, config.name() + "-worker-" + (p + 1), parent));
            } catch (RejectedExecutionException e) {
                // close()/shutdownNow() raced with this call: the parts already started are cancelled.
                for (int q = p; q < parts; q++) {
                    batch.skip(q);
                }
                batch.cancel();
                batches.remove(batch);
                throw new IllegalStateException("executor is closed", e);
            }
        }
        return batch;
    }

    /** One worker loop of a batch, and that worker's context: one object per worker. */
    private final class Part extends Workers.Worker implements Runnable {
        private final Batch<?> batch;
        private final int part;

        Part(Batch<?> batch, int part, String name, String parent) {
            super(name, part + 1, parent, config.mode(), active, config.features());
            this.batch = batch;
            this.part = part;
        }

        @Override
        public void run() {
            batch.runPart(this, part);
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
                futures.add(CompletableFuture.supplyAsync(() -> startAsync(worker, index, task), service)
                        .thenCompose(stage -> stage));
            }
        } catch (RejectedExecutionException e) {
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

    @Override
    public void close() {
        closed = true;
        // ExecutorService.close(): waits for running tasks; if interrupted, shuts down now and keeps the flag.
        service.close();
    }

    @Override
    public void shutdownNow() {
        closed = true;
        for (Batch<?> b : batches) {
            b.cancel();
        }
        service.shutdownNow();
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
        return new Workers.Worker(config.name() + "-worker-" + id, id, parent, config.mode(), active, config.features());
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

    private <T> void publish(List<WorkerResult<T>> results) {
        last = List.copyOf(results);
    }
}
