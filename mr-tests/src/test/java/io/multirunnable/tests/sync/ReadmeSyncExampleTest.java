package io.multirunnable.tests.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.multirunnable.RunningMode;
import io.multirunnable.SimpleExecutor;
import io.multirunnable.WorkerContext;
import io.multirunnable.sync.Guard;
import io.multirunnable.sync.Lock;
import io.multirunnable.sync.RunWith;
import io.multirunnable.sync.Semaphore;
import io.multirunnable.sync.Sync;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The README's Synchronization example, compiled and run as written (only the assertions are added). */
class ReadmeSyncExampleTest {
    private int counter;

    private static byte[] download(String url) {
        return url.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void readmeExample() throws Exception {
        Lock lock = Sync.lock();                         // also Sync.rlock(), Sync.semaphore(4), Sync.boundedSemaphore(4),
        Semaphore slots = Sync.semaphore("downloads", 4);  // Sync.event(), Sync.condition(); names are optional

        // 1. guard: released exactly once when the block ends
        try (Guard held = lock.acquire()) {
            counter++;
        }

        // 2. wrapper (the Python original's @RunWith.Lock): a new task that holds the primitive while it runs
        Callable<Integer> guarded = RunWith.lock(lock, () -> ++counter);
        Function<String, byte[]> limited = RunWith.semaphore(slots, url -> download(url));

        // 3. executor or pool feature (the original's features=): one primitive shared by all workers
        try (SimpleExecutor executor = SimpleExecutor.builder(RunningMode.GREEN_THREAD)
                .withWorkers(8).withFeature(lock).build()) {
            executor.run(() -> {
                try (Guard held = WorkerContext.current().feature(Lock.class).acquire()) {
                    return ++counter;
                }
            });
        }

        assertThat(counter).isEqualTo(9);
        assertThat(guarded.call()).isEqualTo(10);
        assertThat(List.of(limited.apply("ab"))).singleElement().satisfies(b -> assertThat(b).hasSize(2));
        assertThat(lock.isLocked()).isFalse();
        assertThat(slots.availablePermits()).isEqualTo(4);
    }
}
