package io.multirunnable.core.internal;

import io.multirunnable.BatchPolicy;
import io.multirunnable.CheckedFunction;
import io.multirunnable.PoolConfig;
import io.multirunnable.SimplePool;
import io.multirunnable.WorkerResult;
import io.multirunnable.internal.Check;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@link SimplePool}: {@code workers} long-lived worker loops (threads, virtual threads or fork-join
 * workers, per mode) taking jobs from one FIFO queue, so worker names are stable and at most
 * {@code workers} tasks run at once in every mode. Why loops and not the backend's own queue: a
 * thread-per-task or fork-join backend has no size limit, and a pool's contract is its size.
 *
 * <p><b>Jobs.</b> The queue holds {@link Job}s: one {@link PoolJob} per {@code apply}/{@code asyncApply},
 * min(workers, inputs) {@link Part}s per {@code map} (each pulls inputs from its {@link Batch}), one
 * {@link Chunk} per run of {@code imap} inputs, and {@link #STOP} markers. Batching {@code map} and
 * {@code imap} this way keeps the queue traffic per call, or per chunk, instead of per input.
 *
 * <p><b>Closed vs terminated.</b> {@code closed} means "accepts nothing new": {@link #close()} and
 * {@link #shutdownNow()} both set it. {@code terminated} means "stop now": only {@code shutdownNow()} sets
 * it; loops read it after each job and when interrupted while waiting, and leave. The two flags exist
 * because close() must still run every queued job, while shutdownNow() must not run one more.
 *
 * <p><b>Stop protocol.</b> {@code close()}: under {@code stateLock}, set {@code closed} and add one STOP
 * per worker. Every job queued before sits ahead of the STOPs in the FIFO queue, so it runs; each loop
 * takes one STOP and returns; {@code service.close()} then waits for the loop threads. {@code shutdownNow()}:
 * under the lock, set {@code terminated}, drain the queue (discarding every job: futures cancelled,
 * batch parts skipped so their callers stop waiting, imap chunks filled with cancelled results), then add
 * the STOPs again, since a close() before may have put them in the drained queue; then cancel running map
 * batches and interrupt the loop threads (not every backend's shutdownNow interrupts: a ForkJoinPool's
 * may not).
 *
 * <p><b>What {@code stateLock} guards.</b> The pair "check closed, add to queue" in {@link #enqueue}
 * against "set closed, add STOPs" (and drain) in {@link #stopAccepting}: without it a job could be added
 * after the STOPs, behind every loop's exit, and its future would never complete. The queue itself is a
 * thread-safe {@code LinkedBlockingQueue}; the lock is not held while jobs run, and is uncontended except
 * when closing.
 *
 * <p><b>Memory ordering.</b> {@code closed} and {@code terminated} are volatile: they are written under
 * the lock but read without it (by {@code isClosed()}, imap's fast check, the loops). A loop that misses a
 * just-set {@code terminated} still finds the queue empty and a STOP in it. {@code last} is volatile and
 * holds an immutable list, so {@code result()} reads a complete list from any thread. Jobs are
 * published to the loops through the queue (a happens-before edge of {@code BlockingQueue}).
 *
 * <p><b>Interrupts.</b> A loop clears its interrupt flag after every job: an interrupt meant for the job
 * just done (a cancel, a batch's fail-fast) must not cancel the next, unrelated one.
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
            batch.runPart(worker, part, false);
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
    private final ReentrantLock stateLock = new ReentrantLock(); // guards "check closed + enqueue" vs "close + STOPs"
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

    /**
     * A worker loop. Its thread stays in {@code loopThreads} after the loop ends: the backend reports itself
     * terminated when the loop has returned, a few instructions before the thread is dead, and close() joins
     * these threads so that none is alive when it returns. A pool has {@code workers} loops for its life, so
     * the set never grows past that.
     */
    private void loop(int id) {
        loopThreads.add(Thread.currentThread());
        loopBody(id);
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
            job.runAs(new Workers.Named(name, id, job.parent(), config.mode(), active, config.features()));
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

    /** {@code results} is a batch's list: immutable already (see Batch.finish), so it is kept, not copied. */
    private <O> void publish(List<WorkerResult<O>> results) {
        last = Collections.unmodifiableList(results);
    }

    @Override
    public <I, O> Iterator<WorkerResult<O>> imap(CheckedFunction<? super I, ? extends O> function,
                                                 Iterable<? extends I> inputs) {
        return new ChunkedIterator<>(function, inputs, true);
    }

    @Override
    public <I, O> Iterator<WorkerResult<O>> imapUnordered(CheckedFunction<? super I, ? extends O> function,
                                                          Iterable<? extends I> inputs) {
        return new ChunkedIterator<>(function, inputs, false);
    }

    /** The largest chunk imap queues as one job. */
    static final int MAX_CHUNK = 128;

    /**
     * imap and imapUnordered. Inputs are read lazily, in chunks queued as one job each, at most
     * {@code 2 x workers} chunks ahead of the consumer. Chunks start at one input and double up to
     * {@link #MAX_CHUNK}: the first results come as soon as with one job per input, and a long run of tiny
     * tasks pays one queue hand-off and one wake-up per chunk, not per input (one job per input made imap
     * of 100,000 trivial tasks 10-25x a raw fixed pool: the consumer and the workers took turns parking).
     *
     * <p>Ordered: the consumer waits for the oldest chunk to be done and hands out its results in order.
     * Unordered: a chunk's worker pushes each result to {@code ready} as it completes, so results still
     * come one by one in completion order. The consumer parks only after publishing itself in
     * {@code waiter} and re-checking; a worker publishes its result before reading {@code waiter}:
     * with both volatile, one of them sees the other, so no wake-up is lost. Only the consumer thread
     * touches the plain fields (one iterator is used by one thread, as any iterator).
     */
    private final class ChunkedIterator<I, O> implements Iterator<WorkerResult<O>> {
        private final CheckedFunction<? super I, ? extends O> function;
        private final Iterator<? extends I> source;
        private final boolean ordered;
        private final String parent = Thread.currentThread().getName();
        private final Deque<Chunk<O>> pending = new ArrayDeque<>();                 // ordered: chunks not handed out
        private final Queue<WorkerResult<O>> ready = new ConcurrentLinkedQueue<>(); // unordered: in completion order
        private volatile Thread waiter;
        private int chunkSize = 1;
        private int resultsInFlight; // unordered: results submitted and not handed out yet
        private int position;        // ordered: next result of pending.peek()
        private int index;

        ChunkedIterator(CheckedFunction<? super I, ? extends O> function, Iterable<? extends I> inputs, boolean ordered) {
            this.function = Check.notNull(function, "function");
            this.source = Check.notNull(inputs, "inputs").iterator();
            this.ordered = ordered;
            Batch.checkOpen(closed, "pool");
        }

        /** Submits chunks while fewer than 2 x workers (of the current size) are out. */
        private void fill() {
            int window = 2 * config.workers();
            while ((ordered ? pending.size() < window : resultsInFlight < window * chunkSize) && source.hasNext()) {
                List<I> items = new ArrayList<>(chunkSize);
                while (items.size() < chunkSize && source.hasNext()) {
                    items.add(source.next());
                }
                Chunk<O> chunk = new Chunk<>(this, items, index);
                index += items.size();
                chunkSize = Math.min(2 * chunkSize, MAX_CHUNK);
                enqueue(chunk);
                if (ordered) {
                    pending.add(chunk);
                } else {
                    resultsInFlight += items.size();
                }
            }
        }

        @Override
        public boolean hasNext() {
            fill();
            return ordered ? !pending.isEmpty() : resultsInFlight > 0;
        }

        @Override
        public WorkerResult<O> next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            if (ordered) {
                Chunk<O> head = pending.peek();
                while (!head.done) {
                    park();
                }
                WorkerResult<O> r = head.results[position++];
                if (position == head.results.length) {
                    pending.poll();
                    position = 0;
                }
                return r;
            }
            WorkerResult<O> r;
            while ((r = ready.poll()) == null) {
                park();
            }
            resultsInFlight--;
            return r;
        }

        private void park() {
            waiter = Thread.currentThread();
            if (ordered ? !pending.peek().done : ready.isEmpty()) {
                LockSupport.park(this);
            }
            waiter = null;
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new CancellationException("interrupted while waiting for the next result");
            }
        }

        /** Called by a chunk's worker after publishing results. */
        void wake() {
            Thread w = waiter;
            if (w != null) {
                LockSupport.unpark(w);
            }
        }
    }

    /** A run of consecutive inputs of one imap call, queued and run as one job; one result per input. */
    private final class Chunk<O> implements Job {
        private final ChunkedIterator<?, O> owner;
        private final List<?> inputs;
        private final int base;
        final WorkerResult<O>[] results;
        volatile boolean done;

        @SuppressWarnings("unchecked")
        Chunk(ChunkedIterator<?, O> owner, List<?> inputs, int base) {
            this.owner = owner;
            this.inputs = inputs;
            this.base = base;
            this.results = (WorkerResult<O>[]) new WorkerResult<?>[inputs.size()];
        }

        @Override
        public String parent() {
            return owner.parent;
        }

        @Override
        @SuppressWarnings("unchecked")
        public void runAs(Workers.Worker worker) {
            CheckedFunction<Object, ? extends O> f = (CheckedFunction<Object, ? extends O>) owner.function;
            Batch.Work<O> work = i -> f.apply(inputs.get(i - base));
            Workers.Worker previous = Workers.enter(worker);
            try {
                Workers.Laps laps = new Workers.Laps();
                for (int k = 0; k < results.length; k++) {
                    publish(k, laps.call(worker, base + k, work));
                }
            } finally {
                Workers.leave(worker, previous);
                finish();
            }
        }

        @Override
        public void discard() {
            Instant now = Instant.now();
            for (int k = 0; k < results.length; k++) {
                publish(k, new WorkerResult<>(config.name(), 0, owner.parent, base + k, null,
                        new CancellationException("discarded: the pool was shut down"), now, now));
            }
            finish();
        }

        private void publish(int k, WorkerResult<O> r) {
            results[k] = r;
            if (!owner.ordered) {
                owner.ready.add(r);
                owner.wake();
            }
        }

        private void finish() {
            done = true; // volatile write after every results[k]: the consumer reads done first, then the results
            if (owner.ordered) {
                owner.wake();
            }
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
        // As ExecutorService.close(): if interrupted, keep waiting (the jobs are done; only the threads'
        // last instructions are left) and restore the flag.
        if (Backends.awaitDeath(loopThreads)) {
            Thread.currentThread().interrupt();
        }
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
