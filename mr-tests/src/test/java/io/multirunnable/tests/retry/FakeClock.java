package io.multirunnable.tests.retry;

import io.multirunnable.retry.RetryClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link RetryClock} whose time moves only when something sleeps or delays on it: it records
 * every backoff instead of waiting for it. With {@code manualDelays}, async delays stay pending
 * until the test completes them, which shows no thread waits meanwhile.
 */
final class FakeClock implements RetryClock {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final boolean manualDelays;
    final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    final List<Duration> delays = new CopyOnWriteArrayList<>();
    final ConcurrentLinkedQueue<CompletableFuture<Void>> pending = new ConcurrentLinkedQueue<>();

    FakeClock() {
        this(false);
    }

    FakeClock(boolean manualDelays) {
        this.manualDelays = manualDelays;
    }

    @Override
    public long nanoTime() {
        return now.get();
    }

    @Override
    public void sleep(Duration delay) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException("fake sleep interrupted");
        }
        sleeps.add(delay);
        now.addAndGet(delay.toNanos());
    }

    @Override
    public CompletionStage<Void> delay(Duration delay) {
        delays.add(delay);
        if (!manualDelays) {
            now.addAndGet(delay.toNanos());
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> f = new CompletableFuture<>();
        pending.add(f);
        return f.thenRun(() -> now.addAndGet(delay.toNanos()));
    }

    /** Moves time on by {@code d} (e.g. to simulate a slow attempt). */
    void advance(Duration d) {
        now.addAndGet(d.toNanos());
    }

    /** Every backoff, sync or async, in order. */
    List<Duration> backoffs() {
        return sleeps.isEmpty() ? List.copyOf(delays) : List.copyOf(sleeps);
    }
}
