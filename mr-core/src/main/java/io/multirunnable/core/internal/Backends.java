package io.multirunnable.core.internal;

import io.multirunnable.RunningMode;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.atomic.AtomicInteger;

/** The thread machinery behind each running mode. */
final class Backends {
    private Backends() {
    }

    /**
     * An executor service able to run {@code workers} tasks at once in {@code mode}: what pools use, and
     * executors in PARALLEL and ASYNCHRONOUS. Executors in CONCURRENT use a {@link ThreadCache} (threads kept
     * a second for the next batch) and in GREEN_THREAD start virtual threads themselves ({@link LocalExecutor}).
     * Platform thread names start with {@code name}.
     *
     * <p>CONCURRENT and GREEN_THREAD start one thread per submitted worker loop and keep none: the
     * loops themselves are the workers (an executor batch starts at most {@code workers} of them, a pool
     * exactly {@code workers} for its lifetime). That is the raw JDK construct of each mode, so there
     * is no idle thread to wake and join at {@code close()}: a {@code ThreadPoolExecutor} with 5,000
     * core threads took 0.7-1.0 s to close, one interrupt and exit after another. Virtual threads are
     * not named: a name is one more string per task, and the worker context carries the worker's name.
     */
    static ExecutorService create(RunningMode mode, int workers, String name) {
        return switch (mode) {
            case PARALLEL -> forkJoin(workers, name + "-fj-", false);
            case ASYNCHRONOUS -> forkJoin(workers, name + "-async-", true);
            case GREEN_THREAD -> Executors.newThreadPerTaskExecutor(Thread.ofVirtual().factory());
            case CONCURRENT -> Executors.newThreadPerTaskExecutor(Thread.ofPlatform().name(name + "-t-", 1).factory());
        };
    }

    /**
     * {@code r} as a plain fork-join task, for short executor parts. {@code ForkJoinPool.execute(Runnable)}
     * would wrap it in an interruptible task, and such tasks carry the pool's "no user help" bit, which makes
     * the pool wake or start another thread on nearly every push and steal: 8 tiny parts started 7.7 threads
     * per batch, against 2.2 for the same work through {@code CompletableFuture.supplyAsync}, whose tasks are
     * plain (probe on JDK 25, 2,000 rounds). Every started thread is one more to wake and join at
     * {@code close()}. The wrapper's own interrupt and cancel tracking is not needed: {@link Batch} tracks the
     * thread running each part and cancels parts itself. Parts that block still get threads: a worker that
     * takes a part from a queue holding more signals the next one, up to the parallelism.
     */
    static Runnable plainTask(Runnable r) {
        return new PlainTask(r);
    }

    /** A Runnable too, as CompletableFuture's async tasks are: {@code execute(Runnable)} then submits it unwrapped. */
    @SuppressWarnings("serial") // never serialized
    private static final class PlainTask extends ForkJoinTask<Void> implements Runnable {
        private final transient Runnable body;

        PlainTask(Runnable body) {
            this.body = body;
        }

        @Override
        public Void getRawResult() {
            return null;
        }

        @Override
        protected void setRawResult(Void value) {
        }

        @Override
        protected boolean exec() {
            body.run();
            return true;
        }

        @Override
        public void run() {
            body.run();
        }
    }

    private static ForkJoinPool forkJoin(int parallelism, String prefix, boolean asyncMode) {
        AtomicInteger n = new AtomicInteger();
        ForkJoinPool.ForkJoinWorkerThreadFactory factory = pool -> {
            ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
            t.setName(prefix + n.incrementAndGet());
            ((JoiningForkJoinPool) pool).track(t);
            return t;
        };
        return new JoiningForkJoinPool(Math.min(parallelism, 32767), factory, asyncMode);
    }

    /**
     * A ForkJoinPool whose {@code close()} also waits for its threads to be dead. The pool reports itself
     * terminated when its last worker has deregistered, a little before that thread has finished; and a
     * worker blocked in a queue or lock makes the pool start a spare thread that no task ever ran on. A
     * test counting live threads right after {@code close()} saw one ("...-async-5") about once in 20 runs.
     * Threads are created rarely (parallelism plus spares), so the set stays small; dead ones are pruned.
     */
    private static final class JoiningForkJoinPool extends ForkJoinPool {
        private final Set<Thread> threads = ConcurrentHashMap.newKeySet();

        JoiningForkJoinPool(int parallelism, ForkJoinWorkerThreadFactory factory, boolean asyncMode) {
            super(parallelism, factory, null, asyncMode);
        }

        void track(Thread t) {
            threads.removeIf(old -> !old.isAlive() && old.getState() == Thread.State.TERMINATED);
            threads.add(t);
        }

        @Override
        public void close() {
            super.close();
            if (awaitDeath(threads)) {
                Thread.currentThread().interrupt(); // kept waiting, as ExecutorService.close() does; flag restored
            }
        }
    }

    /** How long {@link #awaitDeath} yields before it blocks in {@code join()}. */
    private static final long YIELD_NANOS = 100_000;

    /**
     * Waits until every thread of {@code threads} but the caller is dead, ignoring interrupts; returns
     * {@code true} if the caller was interrupted meanwhile (its flag is then clear: restore it). Called
     * once the threads have left their run loops, so each is a few microseconds of exit work from dead:
     * it first yields for up to {@value #YIELD_NANOS} ns, because {@code join()} parks the caller on the
     * thread's monitor and the exiting thread must then wake it, a round trip that cost more than the
     * exit itself (a batch's close() of a fork-join executor: 10-20 % of its life).
     */
    static boolean awaitDeath(Iterable<? extends Thread> threads) {
        return awaitDeath(threads, () -> { });
    }

    /**
     * {@link #awaitDeath(Iterable)} that also runs {@code onFirstInterrupt} the first time the caller is
     * interrupted (the thread cache cancels its running tasks then). Its threads may still be running a task
     * when it is called; the yield phase then costs at most {@value #YIELD_NANOS} ns before {@code join()}.
     */
    static boolean awaitDeath(Iterable<? extends Thread> threads, Runnable onFirstInterrupt) {
        boolean interrupted = false;
        long yieldUntil = System.nanoTime() + YIELD_NANOS;
        for (Thread t : threads) {
            if (t == Thread.currentThread()) {
                continue;
            }
            while (t.isAlive() && System.nanoTime() - yieldUntil < 0) {
                Thread.yield();
            }
            while (t.isAlive()) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    if (!interrupted) {
                        interrupted = true;
                        onFirstInterrupt.run();
                    }
                }
            }
        }
        return interrupted;
    }
}
