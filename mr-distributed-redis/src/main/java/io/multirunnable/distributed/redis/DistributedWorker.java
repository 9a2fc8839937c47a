package io.multirunnable.distributed.redis;

import io.multirunnable.RunningMode;
import io.multirunnable.distributed.redis.internal.WorkerEngine;
import io.multirunnable.distributed.redis.internal.WorkerSettings;
import java.time.Duration;
import java.util.Set;

/**
 * A worker of a {@link DistributedPool}: a JVM that joined a named pool on a Redis server and runs the
 * inputs clients send, for the task names registered in it and no others.
 *
 * <pre>{@code
 * try (DistributedWorker worker = DistributedWorker.builder("scan")
 *         .withUrl("redis://redis-host:6379")
 *         .withTask(SIZE, path -> Files.size(Path.of(path)))
 *         .withMode(RunningMode.GREEN_THREAD).withConcurrency(32)
 *         .start()) {
 *     worker.awaitStop();   // until close() from another thread, or a shutdown hook
 * }
 * }</pre>
 *
 * <p>Tasks run on a local {@link io.multirunnable.SimplePool} of the chosen mode and size, so
 * {@link io.multirunnable.WorkerContext#current()} works in them as in a local pool (name, features). A
 * task name outside the allow-list, an input that is not valid JSON of the task's input type, and a task
 * that throws each fail that one input (the client gets the error type and message); the worker goes on.
 *
 * <p>Leases: an input taken by this worker is its own as long as it renews it (every {@code lease / 3}).
 * If this JVM dies or loses Redis for longer than the lease, another worker of the pool takes the input over
 * and runs it again; this worker's late result, if any, is dropped. Once a dead worker holds no inputs and has
 * missed its heartbeat for three of its leases, the live workers remove it from the pool's consumer group.
 *
 * <p>{@link #close()} is graceful: no new input is taken, the ones in hand finish and their results are
 * handed in, then the worker leaves the pool. Thread-safe.
 *
 * @since 0.2
 */
public final class DistributedWorker implements AutoCloseable {
    private final WorkerEngine engine;
    private final java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);

    DistributedWorker(WorkerSettings settings) {
        this.engine = WorkerEngine.start(settings);
    }

    /**
     * A builder for a worker of pool {@code pool}.
     *
     * @throws IllegalArgumentException "pool must not be blank", "pool name must match ... but was '...'"
     */
    public static DistributedWorkerBuilder builder(String pool) {
        return new DistributedWorkerBuilder(pool);
    }

    /** This worker's name in the pool, {@code pid@host#n} by default. */
    public String name() {
        return engine.settings().name();
    }

    /** The pool it joined. */
    public String pool() {
        return engine.settings().pool();
    }

    /** Its running mode. */
    public RunningMode mode() {
        return engine.settings().mode();
    }

    /** Its concurrency limit. */
    public int concurrency() {
        return engine.settings().concurrency();
    }

    /** Its lease. */
    public Duration lease() {
        return engine.settings().lease();
    }

    /** Its allow-list. */
    public Set<String> taskNames() {
        return engine.taskNames();
    }

    /** Inputs run to completion here so far (including failed ones). */
    public long executed() {
        return engine.executed();
    }

    /** Inputs this worker holds now: running, or run and not yet handed in. */
    public int inHand() {
        return engine.inHand();
    }

    /** Inputs taken over from workers whose lease ran out. */
    public long takenOver() {
        return engine.claimed();
    }

    /** Inputs that named a task outside the allow-list. */
    public long unknownTaskRequests() {
        return engine.unknownTasks();
    }

    /** Blocks until {@link #close()} has finished. */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    /** Graceful stop (see the class documentation); blocks until done. Idempotent. */
    @Override
    public void close() {
        try {
            engine.close();
        } finally {
            stopped.countDown();
        }
    }

    @Override
    public String toString() {
        return engine.toString();
    }
}
