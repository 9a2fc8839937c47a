package io.multirunnable.core.internal;

import io.multirunnable.WorkerResult;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A task queued on a {@link LocalPool}; it is also the future of its result. Cancelling it
 * interrupts the worker running it, and only while it runs this task.
 */
final class PoolJob<T> extends CompletableFuture<WorkerResult<T>> implements LocalPool.Job {
    private final Callable<? extends T> task;
    private final int index;
    private final String parent;
    private final ReentrantLock lock = new ReentrantLock();
    private Thread runner; // guarded by lock

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
