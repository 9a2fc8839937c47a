package io.multirunnable.core.internal;

import io.multirunnable.WorkerResult;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A task queued on a {@link LocalPool} ({@code apply}/{@code asyncApply}); it is also the future of its
 * result, so a submission allocates one object besides the caller's lambda.
 *
 * <p>Why a lock: cancelling must interrupt the worker running this task, and only while it runs this
 * task. A pool worker goes on to other jobs afterwards; an interrupt that lands after {@link #runAs}
 * cleared {@code runner} would hit the next, unrelated job. The lock makes "read runner and interrupt
 * it" one step against "clear runner after the task", so an interrupt is delivered only while the task
 * is still registered; whatever is left of it when the task has ended is cleared by the pool loop
 * ({@code Thread.interrupted()} after every job) before the next job starts. A lock, not a CAS protocol
 * as in {@link Batch}: this path runs once per task anyway, and the lock is uncontended except at a
 * cancel.
 *
 * <p>Why {@code isDone()} under the lock at start: {@code cancel} completes the future first (under no
 * lock) and then takes the lock to interrupt. A worker that takes the job after that sees it done and
 * skips it; one that registered first is interrupted. Either way a cancelled task never starts after
 * its cancel returned.
 */
final class PoolJob<T> extends CompletableFuture<WorkerResult<T>> implements LocalPool.Job {
    private final Callable<? extends T> task;
    private final int index;
    private final String parent;
    private final ReentrantLock lock = new ReentrantLock();
    private Thread runner; // guarded by lock: the thread running the task, null before and after

    PoolJob(Callable<? extends T> task, int index, String parent) {
        this.task = task;
        this.index = index;
        this.parent = parent;
    }

    @Override
    public String parent() {
        return parent;
    }

    /** Runs the task unless the job was cancelled first; completes this future with the result. */
    @Override
    public void runAs(Workers.Worker worker) {
        lock.lock();
        try {
            if (isDone()) {
                return;
            }
            runner = Thread.currentThread();
        } finally {
            lock.unlock();
        }
        WorkerResult<T> result;
        try {
            result = Workers.run(worker, index, task);
        } finally {
            lock.lock();
            try {
                runner = null;
            } finally {
                lock.unlock();
            }
        }
        complete(result);
    }

    @Override
    public void discard() {
        cancel(false);
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean cancelled = super.cancel(mayInterruptIfRunning);
        if (cancelled && mayInterruptIfRunning) {
            lock.lock();
            try {
                if (runner != null) {
                    runner.interrupt();
                }
            } finally {
                lock.unlock();
            }
        }
        return cancelled;
    }
}
