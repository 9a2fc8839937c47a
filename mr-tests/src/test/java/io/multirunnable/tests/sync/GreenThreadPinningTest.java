package io.multirunnable.tests.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.multirunnable.RunningMode;
import io.multirunnable.SimpleExecutor;
import io.multirunnable.WorkerContext;
import io.multirunnable.WorkerResult;
import io.multirunnable.sync.Condition;
import io.multirunnable.sync.Event;
import io.multirunnable.sync.Guard;
import io.multirunnable.sync.Lock;
import io.multirunnable.sync.RLock;
import io.multirunnable.sync.Semaphore;
import io.multirunnable.sync.Sync;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import jdk.jfr.consumer.RecordingStream;
import org.junit.jupiter.api.Test;

/**
 * GREEN_THREAD workers waiting on our primitives never pin their carrier thread: the JDK's own
 * {@code jdk.VirtualThreadPinned} event is recorded while 200 virtual-thread workers contend, and
 * none appears. A control run shows the recorder does see pinning when it happens.
 */
class GreenThreadPinningTest {

    /** Blocks while the class is initialized, which pins a virtual thread on every JDK. */
    static final class SlowInit {
        static {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        static void touch() {
        }
    }

    private static List<String> pinnedWhile(ThrowingRunnable body) throws Exception {
        ConcurrentLinkedQueue<String> pinned = new ConcurrentLinkedQueue<>();
        try (RecordingStream rs = new RecordingStream()) {
            rs.enable("jdk.VirtualThreadPinned").withThreshold(Duration.ZERO).withStackTrace();
            rs.onEvent("jdk.VirtualThreadPinned", e -> pinned.add(String.valueOf(e.getStackTrace())));
            rs.startAsync();
            body.run();
            rs.stop(); // processes every event recorded so far
        }
        return List.copyOf(pinned);
    }

    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void waitingOnPrimitivesDoesNotPinCarriers() throws Exception {
        Lock lock = Sync.lock("pin-lock");
        RLock rlock = Sync.rlock("pin-rlock");
        Semaphore slots = Sync.semaphore("pin-slots", 2);
        Condition ready = Sync.condition("pin-ready");
        Event go = Sync.event("pin-go");
        contend(lock, rlock, slots, ready, go, 8); // warm-up: load and initialize every class involved first
        go.clear();
        List<String> pinned = pinnedWhile(() -> contend(lock, rlock, slots, ready, go, 200));
        // Only waits inside the sync primitives are this test's business; a first-use class initialization
        // racing on two virtual threads (seen once in Collections$UnmodifiableMap.entrySet) pins in the JDK itself.
        List<String> pinnedInSync = pinned.stream()
                .filter(stack -> stack.contains("io.multirunnable.sync.") || stack.contains("io.multirunnable.core.internal.sync.")
                        || stack.contains("java.util.concurrent.locks."))
                .toList();
        assertThat(pinnedInSync).as("virtual threads pinned while using a sync primitive").isEmpty();

        List<String> control = pinnedWhile(() -> Thread.ofVirtual().start(SlowInit::touch).join());
        assertThat(control).as("the recorder sees pinning (control)").isNotEmpty();
    }

    private static void contend(Lock lock, RLock rlock, Semaphore slots, Condition ready, Event go, int workers)
            throws InterruptedException {
        try (SimpleExecutor executor = SimpleExecutor.builder(RunningMode.GREEN_THREAD).withWorkers(workers)
                .withFeatures(lock, rlock, slots, ready, go).build()) {
            List<WorkerResult<Boolean>> results = executor.run(() -> {
                WorkerContext me = WorkerContext.current();
                try (Guard a = me.feature(Lock.class).acquire()) {
                    Thread.sleep(1);
                }
                try (Guard a = me.feature(RLock.class).acquire(); Guard b = me.feature(RLock.class).acquire()) {
                    Thread.sleep(1);
                }
                try (Guard a = me.feature(Semaphore.class).acquire()) {
                    Thread.sleep(1);
                }
                if (me.id() == workers) {
                    me.feature(Event.class).set();
                }
                boolean set = me.feature(Event.class).await(Duration.ofSeconds(60));
                Condition c = me.feature(Condition.class);
                try (Guard a = c.acquire()) {
                    c.await(Duration.ofMillis(1));
                }
                return set;
            });
            assertThat(results).allSatisfy(r -> assertThat(r.error()).isNull());
            assertThat(results).extracting(WorkerResult::value).containsOnly(true);
        }
    }
}
