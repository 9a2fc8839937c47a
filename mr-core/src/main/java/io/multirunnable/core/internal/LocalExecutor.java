package io.multirunnable.core.internal;

import io.multirunnable.CheckedFunction;
import io.multirunnable.ExecutorConfig;
import io.multirunnable.SimpleExecutor;
import io.multirunnable.WorkerResult;
import io.multirunnable.internal.Check;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
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
    private final Set<Batch> batches = ConcurrentHashMap.newKeySet();
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
        Batch.checkOpen(closed);
        String parent = Thread.currentThread().getName();
        int n = config.workers();
        WorkerResult<T>[] results = newArray(n);
        Batch batch = new Batch(service);
        batches.add(batch);
        for (int w = 1; w <= n; w++) {
            int id = w;
            Workers.Worker worker = worker(id, parent);
            batch.submit(() -> results[id - 1] = Workers.run(worker, id - 1, task));
        }
        awaitTracked(batch);
        return publish(results);
    }

    @Override
    public List<WorkerResult<Void>> run(Runnable task) throws InterruptedException {
        Check.notNull(task, "task");
        return run(() -> {
            task.run();
            return null;
        });
    }

    @Override
    public <I, O> List<WorkerResult<O>> map(CheckedFunction<? super I, ? extends O> function,
                                            Collection<? extends I> inputs) throws InterruptedException {
        Check.notNull(function, "function");
        Check.notNull(inputs, "inputs");
        List<I> items = new ArrayList<>(inputs);
        return spread(items.size(), i -> () -> function.apply(items.get(i)));
    }

    @Override
    public <T> List<WorkerResult<T>> mapWithFunction(List<? extends Callable<? extends T>> tasks) throws InterruptedException {
        Check.noNulls(tasks, "tasks");
        List<Callable<? extends T>> copy = List.copyOf(tasks);
        return spread(copy.size(), copy::get);
    }

    /** Runs {@code count} jobs over min(workers, count) worker loops; each loop takes the next job when free. */
    private <T> List<WorkerResult<T>> spread(int count, java.util.function.IntFunction<Callable<? extends T>> job)
            throws InterruptedException {
        Batch.checkOpen(closed);
        String parent = Thread.currentThread().getName();
        WorkerResult<T>[] results = newArray(count);
        AtomicInteger next = new AtomicInteger();
        Batch batch = new Batch(service);
        batches.add(batch);
        int loops = Math.min(config.workers(), count);
        for (int w = 1; w <= loops; w++) {
            Workers.Worker worker = worker(w, parent);
            batch.submit(() -> Workers.runAs(worker, () -> {
                int i;
                while (!batch.isCancelled() && (i = next.getAndIncrement()) < count) {
                    results[i] = Workers.call(worker, i, job.apply(i));
                }
            }));
        }
        awaitTracked(batch);
        return publish(results);
    }

    @Override
    public <T> CompletableFuture<List<WorkerResult<T>>> runAsync(Callable<? extends CompletionStage<T>> task) {
        Check.notNull(task, "task");
        Batch.checkOpen(closed);
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
        for (Batch b : batches) {
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

    private void awaitTracked(Batch batch) throws InterruptedException {
        try {
            batch.await();
        } finally {
            batches.remove(batch);
        }
    }

    private <T> List<WorkerResult<T>> publish(WorkerResult<T>[] results) {
        List<WorkerResult<T>> list = List.copyOf(Arrays.asList(results));
        last = List.copyOf(list);
        return list;
    }

    @SuppressWarnings("unchecked")
    private static <T> WorkerResult<T>[] newArray(int n) {
        return (WorkerResult<T>[]) new WorkerResult<?>[n];
    }
}
