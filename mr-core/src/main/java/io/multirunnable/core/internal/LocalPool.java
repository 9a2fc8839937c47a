package io.multirunnable.core.internal;

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
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
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
    private static final PoolJob<Object> STOP = new PoolJob<>(() -> null, -1, "");

    private final PoolConfig config;
    private final ExecutorService service;
    private final BlockingQueue<PoolJob<?>> queue = new LinkedBlockingQueue<>();
    private final AtomicInteger active = new AtomicInteger();
    private final ReentrantLock stateLock = new ReentrantLock();
    private volatile boolean closed;
    private volatile boolean terminated;
    private volatile List<WorkerResult<?>> last = List.of();
    private final java.util.Set<Thread> loopThreads = java.util.concurrent.ConcurrentHashMap.newKeySet();

    LocalPool(PoolConfig config) {
        this.config = config;
        this.service = Backends.create(config.mode(), config.size(), config.name());
        for (int w = 1; w <= config.size(); w++) {
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
            PoolJob<?> job;
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
        stateLock.lock();
        try {
            Check.state(!closed, "pool is closed");
            queue.add(job);
        } finally {
            stateLock.unlock();
        }
        return job;
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
        Check.notNull(function, "function");
        Check.notNull(inputs, "inputs");
        List<PoolJob<O>> jobs = new ArrayList<>(inputs.size());
        int i = 0;
        try {
            for (I input : inputs) {
                jobs.add(submit(() -> function.apply(input), i++));
            }
            List<WorkerResult<O>> results = new ArrayList<>(jobs.size());
            for (PoolJob<O> job : jobs) {
                results.add(job.get());
            }
            List<WorkerResult<O>> list = List.copyOf(results);
            last = List.copyOf(list);
            return list;
        } catch (InterruptedException e) {
            jobs.forEach(j -> j.cancel(true));
            throw e;
        } catch (ExecutionException e) {
            jobs.forEach(j -> j.cancel(true));
            throw new IllegalStateException("unexpected pool failure", e.getCause());
        } catch (RuntimeException e) {
            jobs.forEach(j -> j.cancel(true));
            throw e;
        }
    }

    @Override
    public <I, O> Iterator<WorkerResult<O>> imap(CheckedFunction<? super I, ? extends O> function,
                                                 Iterable<? extends I> inputs) {
        Check.notNull(function, "function");
        Check.notNull(inputs, "inputs");
        Check.state(!closed, "pool is closed");
        Iterator<? extends I> source = inputs.iterator();
        int window = 2 * config.size();
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
        Check.state(!closed, "pool is closed");
        Iterator<? extends I> source = inputs.iterator();
        int window = 2 * config.size();
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
    public void terminate() {
        stopAccepting(true);
        // Not every backend's shutdownNow interrupts its threads (ForkJoinPool may not); do it ourselves.
        loopThreads.forEach(Thread::interrupt);
        service.shutdownNow();
    }

    private void stopAccepting(boolean now) {
        stateLock.lock();
        try {
            if (now) {
                terminated = true;
                List<PoolJob<?>> discarded = new ArrayList<>();
                queue.drainTo(discarded);
                discarded.stream().filter(j -> j != STOP).forEach(j -> j.cancel(false));
            }
            boolean wasOpen = !closed;
            closed = true;
            // One STOP per worker; the queue is FIFO, so every job queued before close runs first.
            // terminate() after close() adds them again: the drain above removed the first ones.
            if (wasOpen || now) {
                for (int i = 0; i < config.size(); i++) {
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
        return "SimplePool[" + config.name() + ", " + config.mode() + ", size=" + config.size()
                + (closed ? ", closed" : "") + "]";
    }
}
