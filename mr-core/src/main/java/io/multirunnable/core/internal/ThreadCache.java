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
 * The platform threads of one CONCURRENT executor: every task gets a thread at once (an idle one or a new
 * one), except that a thread whose task has ended first takes the next queued task, and otherwise waits up
 * to {@link #KEEP_ALIVE_MILLIS} for one before it ends. A long-lived executor running many small batches
 * then reuses its threads instead of starting new ones for each batch (starting a platform thread costs
 * about as much as a small batch's whole work).
 *
 * <p><b>Bounds.</b> No bound on running threads: a task never waits for a busy thread to finish, so a batch
 * of N workers that block has N threads, as with thread-per-task. At most {@code maxIdle} threads wait at a
 * time; a thread that finds the idle list full ends at once. That bound is what keeps {@code close()} of an
 * idle 5,000-worker executor fast: ending a platform thread costs tens of microseconds of CPU (its stack is
 * unmapped, the JVM's thread list is locked), so waking and joining 5,000 idle threads took 0.2-1.4 s here,
 * while {@value #MAX_IDLE} take a few milliseconds.
 *
 * <p><b>Hand-off.</b> Tasks go to a FIFO queue, and {@code signalled} counts the threads committed to the
 * queue that have not taken a task yet: an idle thread woken for it, or a new thread started for it. The
 * rule, kept under {@code lock} after every step: <i>the queue is empty, or at least one thread is
 * committed to it</i>. So {@code execute} starts a new thread when no thread is idle (as thread-per-task
 * would), but wakes an idle thread only while fewer threads are committed than tasks are queued and than
 * there are processors; and a thread taking a task that leaves more queued under that same bound commits
 * the next one. Every queued task therefore gets a thread even if
 * all running tasks block (each taker passes the baton), while tiny tasks do not wake one sleeping thread
 * each: the thread woken first, and threads finishing their own task, take the queued ones in turn. Eight
 * tiny parts handed to eight pinned threads cost eight wake-ups, about twice a fixed pool's time per batch.
 * Newest-first reuse of idle threads lets the oldest time out when fewer are needed.
 *
 * <p><b>Closing.</b> {@link #close()} marks the cache shut down (later {@code execute} calls are refused),
 * empties the idle list, unparks those threads in one pass, then joins every thread it started: running
 * and queued tasks are waited for, as {@code ExecutorService.close()} does. {@link #shutdownNow()} also
 * interrupts the threads running a task. An idle thread clears its interrupt flag before it waits (a late
 * interrupt meant for a task must not make the wait spin) and rechecks its state after each wake-up.
 */
final class ThreadCache implements Executor {
    /** How long an idle thread waits for another task before it ends. */
    static final long KEEP_ALIVE_MILLIS = 1_000;
    /** The most threads one cache keeps waiting. */
    static final int MAX_IDLE = 64;
    /**
     * How many idle threads may be on their way to the queue at once: one per processor. Fewer left a
     * queued batch's parts to start one wake-up after another (a long-lived executor's {@code map} of 1,000
     * tiny inputs: 1.25x a fixed pool with one at a time); more only wake threads that find nothing left.
     */
    private static final int AWAKE = Math.max(1, Runtime.getRuntime().availableProcessors());

    private final String prefix;
    private final int maxIdle;
    private final long keepAliveNanos;
    private final AtomicInteger seq = new AtomicInteger();
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();          // guarded by lock
    private final ArrayDeque<CachedThread> idle = new ArrayDeque<>();       // guarded by lock; not signalled, newest last
    private int signalled;                                                  // guarded by lock
    private volatile boolean shutdown;                                      // written under lock
    /**
     * Every thread started and not yet seen dead: the ones {@link #close()} joins. A thread never removes
     * itself: it is still alive for a while after its last line, and close() must wait for that too (a
     * thread that had removed itself was found alive after close() by ThreadCachePropertiesTest, once in
     * about 600 tries).
     * Dead entries are pruned when the set has doubled since the last prune, so the cost stays O(1) per thread.
     */
    private final Set<CachedThread> live = ConcurrentHashMap.newKeySet();
    private int pruneAt = MAX_IDLE; // guarded by lock

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
     * Runs {@code task} on a thread now: an idle or new thread is committed to it unless one is already on
     * its way to the queue.
     *
     * @throws RejectedExecutionException after {@link #close()} or {@link #shutdownNow()}
     */
    @Override
    public void execute(Runnable task) {
        CachedThread wake = null;
        CachedThread fresh = null;
        lock.lock();
        try {
            if (shutdown) {
                throw new RejectedExecutionException("the executor's threads are shut down");
            }
            queue.addLast(task);
            if (idle.isEmpty()) {
                fresh = newThreadLocked();
            } else if (wantsCommitLocked()) {
                wake = wakeLocked();
            }
        } finally {
            lock.unlock();
        }
        if (fresh != null) {
            try {
                fresh.start();
            } catch (Throwable e) { // out of native threads: nothing was started, and the task must not run
                lock.lock();
                try {
                    live.remove(fresh);
                    signalled--;
                    queue.removeLastOccurrence(task);
                } finally {
                    lock.unlock();
                }
                throw e;
            }
        } else if (wake != null) {
            LockSupport.unpark(wake);
        }
    }

    /** A new thread, committed to the queue; the caller starts it after unlocking. Lock held. */
    private CachedThread newThreadLocked() {
        if (live.size() >= pruneAt) {
            live.removeIf(dead -> !dead.isAlive() && dead.getState() == Thread.State.TERMINATED);
            pruneAt = Math.max(MAX_IDLE, 2 * live.size());
        }
        CachedThread t = new CachedThread(prefix + seq.incrementAndGet());
        live.add(t);
        signalled++;
        return t;
    }

    /**
     * The bound in the class comment: fewer threads committed than tasks queued and than processors (so also
     * false when the queue is empty). Lock held.
     */
    private boolean wantsCommitLocked() {
        return signalled < Math.min(queue.size(), AWAKE);
    }

    /** The newest idle thread, committed to the queue; the caller unparks it. Lock held, idle not empty. */
    private CachedThread wakeLocked() {
        CachedThread t = idle.pollLast();
        t.committed = true;
        signalled++;
        return t;
    }

    /**
     * Takes the next queued task, or {@code null}; if more stay queued with fewer threads committed than the
     * bound in the class comment, commits one
     * into {@code baton[0]} (started or unparked by {@link CachedThread#pass} after unlocking). Lock held.
     */
    private Runnable takeLocked(CachedThread[] baton) {
        Runnable r = queue.pollFirst();
        if (r != null && wantsCommitLocked()) {
            baton[0] = idle.isEmpty() ? newThreadLocked() : wakeLocked();
        }
        return r;
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

    /** Refuses new tasks and makes idle threads end once the queue is empty; returns the idle threads it woke. */
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
        if (Backends.awaitDeath(live, this::shutdownNow)) {
            Thread.currentThread().interrupt();
        }
    }

    private final class CachedThread extends Thread {
        /** Committed to the queue by execute() or a taker, and not yet back under the lock. Guarded by lock. */
        private boolean committed = true; // a new thread is started committed
        private final CachedThread[] baton = new CachedThread[1];

        CachedThread(String name) {
            super(name);
        }

        @Override
        public void run() {
            Runnable r;
            lock.lock();
            try {
                committed = false;
                signalled--;
                r = takeLocked(baton);
            } finally {
                lock.unlock();
            }
            pass();
            while (r != null) {
                r.run();
                r = next();
            }
        }

        /** Starts or wakes the thread committed by {@link #takeLocked}, if any, after unlocking. */
        private void pass() {
            CachedThread t = baton[0];
            if (t == null) {
                return;
            }
            baton[0] = null;
            if (t.getState() != State.NEW) {
                LockSupport.unpark(t);
                return;
            }
            try {
                t.start();
            } catch (Throwable e) {
                // Out of native threads. Undo the commitment; this thread takes the queued tasks when its
                // own is done (next() looks at the queue first), so nothing queued is lost.
                lock.lock();
                try {
                    live.remove(t);
                    signalled--;
                } finally {
                    lock.unlock();
                }
            }
        }

        /** The next task: a queued one at once, else waits idle; {@code null}: end (keep-alive over, idle list full, shut down). */
        private Runnable next() {
            Runnable r;
            lock.lock();
            try {
                r = takeLocked(baton);
                if (r == null) {
                    if (shutdown || idle.size() >= maxIdle) {
                        return null;
                    }
                    idle.addLast(this);
                }
            } finally {
                lock.unlock();
            }
            if (r != null) {
                pass();
                return r;
            }
            long deadline = System.nanoTime() + keepAliveNanos;
            while (true) {
                Thread.interrupted(); // a stray interrupt must not turn the wait into a spin
                LockSupport.parkNanos(this, Math.max(1, deadline - System.nanoTime()));
                boolean over = deadline - System.nanoTime() <= 0;
                lock.lock();
                try {
                    boolean woken = committed;
                    if (woken) {
                        committed = false;
                        signalled--;
                    }
                    r = takeLocked(baton);
                    if (r == null && !(shutdown || over)) {
                        if (woken) { // woken for a task another thread took first: idle again
                            if (idle.size() >= maxIdle) {
                                return null;
                            }
                            idle.addLast(this);
                        }
                        continue;
                    }
                    if (!woken) {
                        idle.removeFirstOccurrence(this); // still listed unless stop() cleared the list
                    }
                } finally {
                    lock.unlock();
                }
                pass();
                return r;
            }
        }
    }
}
