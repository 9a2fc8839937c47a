package io.multirunnable.core.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The platform threads of one CONCURRENT executor: a thread per task, except that a thread whose task has
 * ended waits up to {@link #KEEP_ALIVE_MILLIS} for the next one before it ends. A long-lived executor
 * running many small batches then reuses its threads instead of starting new ones for each batch (starting
 * a platform thread costs about as much as a small batch's whole work).
 *
 * <p><b>Bounds.</b> No bound on running threads: each task gets an idle thread or a new one at once, so a
 * batch of N workers has N threads, as with thread-per-task. At most {@code maxIdle} threads wait at a
 * time; a thread that finds the idle list full ends at once. That bound is what keeps {@code close()} of an
 * idle 5,000-worker executor fast: ending a platform thread costs tens of microseconds of CPU (its stack is
 * unmapped, the JVM's thread list is locked), so waking and joining 5,000 idle threads took 0.2-1.4 s here,
 * while {@value #MAX_IDLE} take a few milliseconds.
 *
 * <p><b>Hand-off.</b> {@code lock} guards {@code idle} (newest last) and {@code shutdown}. {@code execute}
 * pops the newest idle thread, stores the task in its {@code task} field and unparks it, all the pop and
 * store under the lock; an idle thread whose keep-alive has run out takes the lock and, if no task was
 * stored meanwhile, removes itself and ends. So a task is given to a thread that will run it, never to one
 * that is leaving. Newest-first reuse lets the oldest idle threads time out when fewer are needed.
 *
 * <p><b>Closing.</b> {@link #close()} marks the cache shut down (later {@code execute} calls are refused),
 * empties the idle list, unparks those threads in one pass, then joins every thread it started: running
 * tasks are waited for, as {@code ExecutorService.close()} does. {@link #shutdownNow()} also interrupts the
 * threads running a task. An idle thread clears its interrupt flag before it waits (a late interrupt meant
 * for a task must not make the wait spin) and rechecks {@code shutdown} after each wake-up.
 */
final class ThreadCache implements Executor {
    /** How long an idle thread waits for another task before it ends. */
    static final long KEEP_ALIVE_MILLIS = 1_000;
    /** The most threads one cache keeps waiting. */
    static final int MAX_IDLE = 64;

    private final String prefix;
    private final int maxIdle;
    private final long keepAliveNanos;
    private final AtomicInteger seq = new AtomicInteger();
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<CachedThread> idle = new ArrayDeque<>(); // guarded by lock
    private volatile boolean shutdown;                                 // written under lock
    /** Threads started and not yet ended: the ones {@link #close()} joins. */
    private final Set<CachedThread> live = ConcurrentHashMap.newKeySet();

    /**
     * @param prefix  thread names: prefix + 1, 2, ...
     * @param maxIdle at most this many idle threads are kept (at most {@link #MAX_IDLE})
     */
    ThreadCache(String prefix, int maxIdle) {
        this(prefix, Math.min(maxIdle, MAX_IDLE), TimeUnit.MILLISECONDS.toNanos(KEEP_ALIVE_MILLIS));
    }

    ThreadCache(String prefix, int maxIdle, long keepAliveNanos) {
        this.prefix = prefix;
        this.maxIdle = maxIdle;
        this.keepAliveNanos = keepAliveNanos;
    }

    /**
     * Runs {@code task} on an idle thread or a new one, now.
     *
     * @throws RejectedExecutionException after {@link #close()} or {@link #shutdownNow()}
     */
    @Override
    public void execute(Runnable task) {
        CachedThread t;
        boolean fresh = false;
        lock.lock();
        try {
            if (shutdown) {
                throw new RejectedExecutionException("the executor's threads are shut down");
            }
            t = idle.pollLast();
            if (t != null) {
                t.task = task;
            } else {
                t = new CachedThread(prefix + seq.incrementAndGet(), task);
                live.add(t);
                fresh = true;
            }
        } finally {
            lock.unlock();
        }
        if (fresh) {
            try {
                t.start();
            } catch (Throwable e) { // out of native threads: nothing was started
                live.remove(t);
                throw e;
            }
        } else {
            LockSupport.unpark(t);
        }
    }

    /** How many threads wait idle now (tests). */
    int idleCount() {
        lock.lock();
        try {
            return idle.size();
        } finally {
            lock.unlock();
        }
    }

    /** Refuses new tasks and makes idle threads end; returns the idle threads it woke. */
    private void stop() {
        List<CachedThread> woken;
        lock.lock();
        try {
            shutdown = true;
            woken = new ArrayList<>(idle);
            idle.clear();
        } finally {
            lock.unlock();
        }
        for (CachedThread t : woken) {
            LockSupport.unpark(t);
        }
    }

    /** {@link #close()} without waiting, and interrupts the threads running a task. */
    void shutdownNow() {
        stop();
        for (CachedThread t : live) {
            t.interrupt();
        }
    }

    /**
     * Refuses new tasks, ends the idle threads and waits until every thread has ended. If interrupted while
     * waiting, interrupts the running tasks ({@link #shutdownNow()}), keeps waiting, and restores the flag.
     */
    void close() {
        stop();
        boolean interrupted = false;
        for (CachedThread t : live) {
            while (t.isAlive()) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    if (!interrupted) {
                        interrupted = true;
                        shutdownNow();
                    }
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private final class CachedThread extends Thread {
        private volatile Runnable task; // the next task; set by execute() under lock, taken by this thread

        CachedThread(String name, Runnable first) {
            super(name);
            this.task = first;
        }

        @Override
        public void run() {
            try {
                Runnable r = task;
                while (r != null) {
                    task = null;
                    r.run();
                    r = next();
                }
            } finally {
                live.remove(this);
            }
        }

        /** Waits idle for the next task; {@code null}: end (keep-alive over, idle list full, or shut down). */
        private Runnable next() {
            lock.lock();
            try {
                if (shutdown || idle.size() >= maxIdle) {
                    return null;
                }
                idle.addLast(this);
            } finally {
                lock.unlock();
            }
            long deadline = System.nanoTime() + keepAliveNanos;
            while (true) {
                Runnable r = task;
                if (r != null) {
                    return r;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || shutdown) {
                    lock.lock();
                    try {
                        r = task; // a task stored just before we took the lock is ours to run
                        if (r == null) {
                            idle.removeFirstOccurrence(this);
                        }
                        return r;
                    } finally {
                        lock.unlock();
                    }
                }
                Thread.interrupted(); // a stray interrupt must not turn the wait into a spin
                LockSupport.parkNanos(this, left);
            }
        }
    }
}
