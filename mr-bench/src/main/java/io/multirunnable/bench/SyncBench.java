package io.multirunnable.bench;

import io.multirunnable.sync.Guard;
import io.multirunnable.sync.Lock;
import io.multirunnable.sync.RLock;
import io.multirunnable.sync.RunWith;
import io.multirunnable.sync.Semaphore;
import io.multirunnable.sync.Sync;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Sync primitives against the raw JDK ones they stand in for, each around the same tiny critical
 * section (increment a shared counter): our {@link Lock} and {@link RLock} through a guard
 * ({@code try (Guard g = lock.acquire())}) and through {@link RunWith} vs a raw {@link ReentrantLock}
 * {@code lock()/unlock()}; our {@link Semaphore} (guard and RunWith) vs a raw
 * {@link java.util.concurrent.Semaphore} {@code acquire()/release()}.
 *
 * <p>Each pair runs uncontended (one thread) and contended ({@code _t8}: 8 threads sharing one
 * primitive; on a 2-core machine that is mostly time spent parking and unparking, so compare
 * ratios, not absolute times). Pairs are {@code ours_X} / {@code raw_X}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SyncBench {
    /** Permits of both semaphores: with 8 threads, half of them wait. */
    static final int PERMITS = 4;

    private Lock lock;
    private RLock rlock;
    private Semaphore semaphore;
    private Callable<Integer> lockRunWith;
    private Callable<Integer> semaphoreRunWith;

    private ReentrantLock rawLock;
    private java.util.concurrent.Semaphore rawSemaphore;

    /** The state the critical section touches (with 4 semaphore permits it is racy, which is harmless here). */
    private int counter;

    @Setup
    public void setUp() {
        lock = Sync.lock("bench-lock");
        rlock = Sync.rlock("bench-rlock");
        semaphore = Sync.semaphore("bench-semaphore", PERMITS);
        lockRunWith = RunWith.lock(lock, this::critical);
        semaphoreRunWith = RunWith.semaphore(semaphore, this::critical);
        rawLock = new ReentrantLock();
        rawSemaphore = new java.util.concurrent.Semaphore(PERMITS);
    }

    private int critical() {
        return ++counter;
    }

    // ------------------------------------------------------------ raw baselines

    private int rawLocked() {
        rawLock.lock();
        try {
            return critical();
        } finally {
            rawLock.unlock();
        }
    }

    private int rawSemaphored() throws InterruptedException {
        rawSemaphore.acquire();
        try {
            return critical();
        } finally {
            rawSemaphore.release();
        }
    }

    // ------------------------------------------------------------ uncontended

    @Benchmark
    public int ours_lockGuard() throws InterruptedException {
        try (Guard g = lock.acquire()) {
            return critical();
        }
    }

    @Benchmark
    public int raw_lockGuard() {
        return rawLocked();
    }

    @Benchmark
    public int ours_rlockGuard() throws InterruptedException {
        try (Guard g = rlock.acquire()) {
            return critical();
        }
    }

    @Benchmark
    public int raw_rlockGuard() {
        return rawLocked();
    }

    @Benchmark
    public int ours_lockRunWith() throws Exception {
        return lockRunWith.call();
    }

    @Benchmark
    public int raw_lockRunWith() {
        return rawLocked();
    }

    @Benchmark
    public int ours_semaphoreGuard() throws InterruptedException {
        try (Guard g = semaphore.acquire()) {
            return critical();
        }
    }

    @Benchmark
    public int raw_semaphoreGuard() throws InterruptedException {
        return rawSemaphored();
    }

    @Benchmark
    public int ours_semaphoreRunWith() throws Exception {
        return semaphoreRunWith.call();
    }

    @Benchmark
    public int raw_semaphoreRunWith() throws InterruptedException {
        return rawSemaphored();
    }

    // ------------------------------------------------------------ 8 threads, one primitive

    @Benchmark
    @Threads(8)
    public int ours_lockGuard_t8() throws InterruptedException {
        return ours_lockGuard();
    }

    @Benchmark
    @Threads(8)
    public int raw_lockGuard_t8() {
        return rawLocked();
    }

    @Benchmark
    @Threads(8)
    public int ours_rlockGuard_t8() throws InterruptedException {
        return ours_rlockGuard();
    }

    @Benchmark
    @Threads(8)
    public int raw_rlockGuard_t8() {
        return rawLocked();
    }

    @Benchmark
    @Threads(8)
    public int ours_lockRunWith_t8() throws Exception {
        return lockRunWith.call();
    }

    @Benchmark
    @Threads(8)
    public int raw_lockRunWith_t8() {
        return rawLocked();
    }

    @Benchmark
    @Threads(8)
    public int ours_semaphoreGuard_t8() throws InterruptedException {
        return ours_semaphoreGuard();
    }

    @Benchmark
    @Threads(8)
    public int raw_semaphoreGuard_t8() throws InterruptedException {
        return rawSemaphored();
    }

    @Benchmark
    @Threads(8)
    public int ours_semaphoreRunWith_t8() throws Exception {
        return semaphoreRunWith.call();
    }

    @Benchmark
    @Threads(8)
    public int raw_semaphoreRunWith_t8() throws InterruptedException {
        return rawSemaphored();
    }
}
