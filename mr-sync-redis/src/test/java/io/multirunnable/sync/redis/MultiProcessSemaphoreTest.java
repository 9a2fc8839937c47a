package io.multirunnable.sync.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.multirunnable.sync.Semaphore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Several JVMs (started here, with this JVM's launcher and module path) contend for one Redis semaphore
 * through the unchanged {@code Sync} API, switched by {@code -Dmultirunnable.sync=redis}. One of them
 * takes a permit and is killed ({@code destroyForcibly}) while holding it.
 */
class MultiProcessSemaphoreTest {
    private static final Duration LEASE = Duration.ofSeconds(2);
    private static RedisSync sync;

    @BeforeAll
    static void connect() {
        sync = RedisTestSupport.connect(LEASE);
    }

    @AfterAll
    static void close() {
        RedisTestSupport.cleanUpAndClose(sync);
    }

    /** A running child and the lines it printed. */
    private record Child(Process process, ConcurrentLinkedQueue<String> lines, CountDownLatch holding, Thread reader) {
        String output() {
            return String.join("\n", lines);
        }
    }

    private static Child start(List<String> args) throws IOException {
        List<String> cmd = RedisTestSupport.javaCommand(SemaphoreContender.class.getName(), List.of(
                "-Dmultirunnable.sync=redis",
                "-D" + RedisSync.URL_PROPERTY + "=" + RedisTestSupport.url(),
                "-D" + RedisSync.LEASE_PROPERTY + "=" + LEASE,
                "-D" + RedisSync.PREFIX_PROPERTY + "=" + RedisTestSupport.RUN,
                "-Djava.util.logging.config.file=" + System.getProperty("java.util.logging.config.file", "")), args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();
        CountDownLatch holding = new CountDownLatch(1);
        Thread reader = Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    lines.add(line);
                    if (line.equals("HOLDING")) {
                        holding.countDown();
                    }
                }
            } catch (IOException ignored) {
                // the child was killed
            }
        });
        return new Child(p, lines, holding, reader);
    }

    @Test
    void holdersNeverExceedPermitsAndAKilledHoldersPermitComesBackAfterTheLease() throws Exception {
        int permits = 2;
        int workers = 3;
        int iterations = 40;
        String semName = RedisTestSupport.unique("mp-sem");
        String holdersName = RedisTestSupport.unique("mp-holders");
        String maxName = RedisTestSupport.unique("mp-max");
        DistributedCounter holders = sync.counter(holdersName);
        DistributedCounter max = sync.counter(maxName);

        Child hog = start(List.of("hog", semName, "" + permits, holdersName, maxName, "1", "0"));
        List<Child> children = new ArrayList<>();
        try {
            assertThat(hog.holding().await(60, TimeUnit.SECONDS)).as("hog output:\n%s", hog.output()).isTrue();
            Semaphore sem = sync.newSemaphore(semName, permits);
            assertThat(sem.availablePermits()).isEqualTo(permits - 1);

            for (int i = 0; i < workers; i++) {
                children.add(start(List.of("worker", semName, "" + permits, holdersName, maxName, "" + iterations, "5")));
            }
            // Kill the hog while it holds its permit and the workers contend for the other one.
            Thread.sleep(500);
            hog.process().destroyForcibly();
            assertThat(hog.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
            holders.decrementAndGet(); // the hog can no longer count itself out; its permit is still taken in Redis

            for (Child c : children) {
                assertThat(c.process().waitFor(90, TimeUnit.SECONDS)).as("a worker did not finish:\n%s", c.output()).isTrue();
                c.reader().join(5_000);
                assertThat(c.process().exitValue()).as("worker output:\n%s", c.output()).isZero();
                assertThat(c.lines()).anyMatch(l -> l.startsWith("DONE " + iterations + " "));
            }
            assertThat(max.get()).as("most holders at once, over every process").isBetween(1L, (long) permits);
            assertThat(holders.get()).isZero();

            // The dead hog's permit comes back once its lease runs out: all permits can be taken again.
            List<Boolean> taken = new ArrayList<>();
            for (int i = 0; i < permits; i++) {
                taken.add(sem.tryAcquire(LEASE.multipliedBy(5)));
            }
            assertThat(taken).containsOnly(true);
            for (int i = 0; i < permits; i++) {
                sem.release();
            }
            assertThat(sem.availablePermits()).isEqualTo(permits);
            long nanos = children.stream().mapToLong(c -> c.lines().stream().filter(l -> l.startsWith("DONE "))
                    .mapToLong(l -> Long.parseLong(l.split(" ")[2])).sum()).max().orElse(1);
            System.out.printf("cross-process: %d workers x %d holds of 5 ms, permits %d: slowest worker %.1f s%n",
                    workers, iterations, permits, nanos / 1e9);
        } finally {
            hog.process().destroyForcibly();
            children.forEach(c -> c.process().destroyForcibly());
        }
    }
}
