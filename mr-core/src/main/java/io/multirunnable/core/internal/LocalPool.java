package io.multirunnable.core.internal;

import io.multirunnable.BatchPolicy;
import io.multirunnable.CheckedFunction;
import io.multirunnable.PoolConfig;
import io.multirunnable.SimplePool;
import io.multirunnable.WorkerResult;
import io.multirunnable.internal.Check;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@link SimplePool}: {@code size} long-lived worker loops (threads, virtual threads or
 * fork-join workers, per mode) taking jobs from one FIFO queue, so worker names are stable and
 * at most {@code size} tasks run at once in every mode.
 */
final class LocalPool implements SimplePool {
    /** What the pool's queue holds: a single task ({@link PoolJob}), one part of a map batch, or STOP. */
    interface Job {
        /** The name of the thread that queued the job: the worker context's parent. */
        String parent();

        /** Runs the job on the calling pool worker. */
        void runAs(Workers.Worker worker);

        /** The job was taken off the queue by shutdownNow() and will never run. */
        void discard();
    }

    /** One worker loop of a map batch, queued behind the jobs already queued. */
    private record Part(Batch<?> batch, int part, String parent) implements Job {
        @Override
        public void runAs(Workers.Worker worker) {
            batch.runPart(worker, part);
        }

        @Override
        public void discard() {
            batch.skip(part);
        }
    }

    private static final PoolJob<Object> STOP = new PoolJob<>(() -> null, -1, "");

    private final PoolConfig config;
    private final ExecutorService service;
    private final BlockingQueue<Job> queue = new LinkedBlockingQueue<>();
    private final AtomicInteger active = new AtomicInteger();
    private final ReentrantLock stateLock = new ReentrantLock();
    private volatile boolean closed;
    private volatile boolean terminated;
    private volatile List<WorkerResult<?>> last = List.of();
    private final Set<Thread> loopThreads = ConcurrentHashMap.newKeySet();
    private final Set<Batch<?>> batches = ConcurrentHashMap.newKeySet();

    LocalPool(PoolConfig config) {
        this.config = config;
        this.service = Backends.create(config.mode(), config.workers(), config.name());
        for (int w = 1; w <= config.workers(); w++) {
            int id = w;
            service.execute(() -> loop(id));
        }
    }

    private void loop(int id) {
        loopThreads.add(Thread.currentThread());
        try {
            loopBody(id);
        } finally {
            loopThreads.remove(Thread.currentThread());
        }
    }

    private void loopBody(int id) {
        String name = config.name() + "-worker-" + id;
        while (true) {
            Job job;
            try {
                job = queue.take();
            } catch (InterruptedException e) {
                if (terminated) {
                    return;
                }
                continue;
            }
            if (job == STOP) {
                return;
            }
            job.runAs(new Workers.Worker(name, id, job.parent(), config.mode(), active, config.features()));
            // A cancel may have interrupted this thread for the job just done; it must not leak into the next.
            Thread.interrupted();
            if (terminated) {
                return;
            }
        }
    }

    @Override
    public PoolConfig config() {
        return config;
    }

    private <T> PoolJob<T> submit(Callable<? extends T> task, int index) {
        PoolJob<T> job = new PoolJob<>(task, index, Thread.currentThread().getName());
        enqueue(job);
        return job;
    }

    private void enqueue(Job job) {
        stateLock.lock();
        try {
            Batch.checkOpen(closed, "pool");
            queue.add(job);
        } finally {
            stateLock.unlock();
        }
    }

    @Override
    public <T> WorkerResult<T> apply(Callable<T> task) throws InterruptedException {
        Check.notNull(task, "task");
        PoolJob<T> job = submit(task, 0);
        try {
            return job.get();
        } catch (InterruptedException e) {
            job.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            throw new IllegalStateException("unexpected pool failure", e.getCause());
        }
    }

    @Override
    public <T> CompletableFuture<WorkerResult<T>> asyncApply(Callable<T> task) {
        Check.notNull(task, "task");
        return submit(task, 0);
    }

    @Override
    public <I, O> List<WorkerResult<O>> map(CheckedFunction<? super I, ? extends O> function,
                                            Collection<? extends I> inputs) throws InterruptedException {
        Batch<O> batch = mapBatch(null, function, inputs);
        try {
            return batch.awaitAll(this::publish);
        } finally {
            batches.remove(batch);
        }
    }

    @Override
    public <I, O> List<WorkerResult<O>> map(BatchPolicy policy, CheckedFunction<? super I, ? extends O> function,
                                            Collection<? extends I> inputs) throws Exception {
        Check.notNull(policy, "policy");
        Batch<O> batch = mapBatch(policy, function, inputs);
        try {
            return batch.await(this::publish);
        } finally {
            batches.remove(batch);
        }
    }

    /**
     * Queues min(workers, inputs) parts, each taking the next input when free: the queue sees a handful
     * of jobs per map, not one per input, while each input still gets its own result.
     */
    private <I, O> Batch<O> mapBatch(BatchPolicy policy, CheckedFunction<? super I, ? extends O> function,
                                     Collection<? extends I> inputs) {
        Check.notNull(function, "function");
        Check.notNull(inputs, "inputs");
        List<I> items = new ArrayList<>(inputs);
        int parts = Math.min(config.workers(), items.size());
        Batch<O> batch = new Batch<>(policy, items.size(), parts, true, i -> function.apply(items.get(i)), config.name());
        String parent = Thread.currentThread().getName();
        batches.add(batch);
        for (int p = 0; p < parts; p++) {
            try {
                enqueue(new Part(batch, p, parent));
            } catch (IllegalStateException closedMeanwhile) {
                for (int q = p; q < parts; q++) {
                    batch.skip(q);
                }
                batch.cancel();
                batches.remove(batch);
                throw closedMeanwhile;
            }
        }
        return batch;
    }

    private <O> void publish(List<WorkerResult<O>> results) {
        last = List.copyOf(results);
    }

    @Override
    public <I, O> Iterator<WorkerResult<O>> imap(CheckedFunction<? super I, ? extends O> function,
                                                 Iterable<? extends I> inputs) {
        Check.notNull(function, "function");
        Check.notNull(inputs, "inputs");
        Batch.checkOpen(closed, "pool");
        Iterator<? extends I> source = inputs.iterator();
        int window = 2 * config.workers();
        return new Iterator<>() {
            private final Deque<PoolJob<O>> pending = new ArrayDeque<>();
            private int index;

            private void fill() {
                while (pending.size() < window && source.hasNext()) {
                    I input = source.next();
                    pending.add(submit(() -> function.apply(input), index++));
                }
            }

            @Override
            public boolean hasNext() {
                fill();
                return !pending.isEmpty();
            }

            @Override
            public WorkerResult<O> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return await(pending.poll());
            }
        };
    }

    @Override
    public <I, O> Iterator<WorkerResult<O>> imapUnordered(CheckedFunction<? super I, ? extends O> function,
                                                          Iterable<? extends I> inputs) {
        Check.notNull(function, "function");
        Check.notNull(inputs, "inputs");
        Batch.checkOpen(closed, "pool");
        Iterator<? extends I> source = inputs.iterator();
        int window = 2 * config.workers();
        return new Iterator<>() {
            private final BlockingQueue<PoolJob<O>> done = new LinkedBlockingQueue<>();
            private int inFlight;
            private int index;

            private void fill() {
                while (inFlight < window && source.hasNext()) {
                    I input = source.next();
                    PoolJob<O> job = submit(() -> function.apply(input), index++);
                    inFlight++;
                    job.whenComplete((r, e) -> done.add(job));
                }
            }

            @Override
            public boolean hasNext() {
                fill();
                return inFlight > 0;
            }

            @Override
            public WorkerResult<O> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                try {
                    PoolJob<O> job = done.take();
                    inFlight--;
                    return await(job);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CancellationException("interrupted while waiting for the next result");
                }
            }
        };
    }

    /** Waits for a job from an iterator; an interrupt becomes CancellationException with the flag kept. */
    private static <O> WorkerResult<O> await(PoolJob<O> job) {
        try {
            return job.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while waiting for the next result");
        } catch (ExecutionException e) {
            throw new IllegalStateException("unexpected pool failure", e.getCause());
        }
    }

    @Override
    public List<WorkerResult<?>> result() {
        return last;
    }

    @Override
    public void close() {
        stopAccepting(false);
        service.close();
    }

    @Override
    public void shutdownNow() {
        stopAccepting(true);
        batches.forEach(Batch::cancel);
        // Not every backend's shutdownNow interrupts its threads (ForkJoinPool may not); do it ourselves.
        loopThreads.forEach(Thread::interrupt);
        service.shutdownNow();
    }

    private void stopAccepting(boolean now) {
        stateLock.lock();
        try {
            if (now) {
                terminated = true;
                List<Job> discarded = new ArrayList<>();
                queue.drainTo(discarded);
                discarded.stream().filter(j -> j != STOP).forEach(Job::discard);
            }
            boolean wasOpen = !closed;
            closed = true;
            // One STOP per worker; the queue is FIFO, so every job queued before close runs first.
            // shutdownNow() after close() adds them again: the drain above removed the first ones.
            if (wasOpen || now) {
                for (int i = 0; i < config.workers(); i++) {
                    queue.add(STOP);
                }
            }
        } finally {
            stateLock.unlock();
        }
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public String toString() {
        return "SimplePool[" + config.name() + ", " + config.mode() + ", workers=" + config.workers()
                + (closed ? ", closed" : "") + "]";
    }
}
