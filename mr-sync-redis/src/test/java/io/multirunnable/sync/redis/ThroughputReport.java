package io.multirunnable.sync.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.multirunnable.sync.Acquirable;
import io.multirunnable.sync.Sync;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Acquire/release pairs per second, local vs Redis, in one JVM and across JVMs. A measurement, not a
 * test of speed: it asserts only that work was done. Opt-in (it takes about a minute):
 * {@code mvn -B -ntp -pl mr-sync-redis -am verify -Dtest=ThroughputReport -Dsurefire.failIfNoSpecifiedTests=false -Dmr.redis.throughput=true}
 */
@EnabledIfSystemProperty(named = "mr.redis.throughput", matches = "true")
class ThroughputReport {
    private static final long MEASURE_NANOS = TimeUnit.SECONDS.toNanos(3);

    /** Pairs per second with {@code threads} threads sharing the primitive {@code make} returns per thread. */
    private static double rate(int threads, Supplier<Acquirable> make) throws Exception {
        return rate(threads, make, MEASURE_NANOS);
    }

    private static double rate(int threads, Supplier<Acquirable> make, long measureNanos) throws Exception {
        AtomicLong ops = new AtomicLong();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> list = new ArrayList<>();
        long[] window = new long[2];
        for (int t = 0; t < threads; t++) {
            Acquirable a = make.get();
            a.acquire().close(); // warm up the handle (and the connection)
            list.add(Thread.ofPlatform().start(() -> {
                try {
                    go.await();
                    long end = window[1];
                    long n = 0;
                    while (System.nanoTime() < end) {
                        a.acquire();
                        a.release();
                        n++;
                    }
                    ops.addAndGet(n);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        window[0] = System.nanoTime();
        window[1] = window[0] + measureNanos;
        go.countDown();
        for (Thread t : list) {
            t.join();
        }
        return ops.get() / (measureNanos / 1e9);
    }

    private static double crossProcess(String role, String name, int processes, int iterations) throws Exception {
        List<Process> ps = new ArrayList<>();
        List<Long> nanos = new ArrayList<>();
        for (int i = 0; i < processes; i++) {
            List<String> cmd = RedisTestSupport.javaCommand(SemaphoreContender.class.getName(), List.of(
                    "-Dmultirunnable.sync=redis", "-D" + RedisSync.URL_PROPERTY + "=" + RedisTestSupport.url(),
                    "-D" + RedisSync.PREFIX_PROPERTY + "=" + RedisTestSupport.RUN),
                    List.of(role, name, "2", "-", "-", "" + iterations, "0"));
            ps.add(new ProcessBuilder(cmd).redirectErrorStream(true).start());
        }
        for (Process p : ps) {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    if (line.startsWith("DONE ")) {
                        nanos.add(Long.parseLong(line.split(" ")[2]));
                    }
                }
            }
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(nanos).hasSize(processes);
        long slowest = nanos.stream().mapToLong(Long::longValue).max().orElseThrow();
        return processes * (double) iterations / (slowest / 1e9);
    }

    @Test
    void printAcquireReleaseRates() throws Exception {
        try (RedisSync redis = RedisTestSupport.connect(RedisSync.DEFAULT_LEASE)) {
            var local = Sync.provider("local");
            String lockName = RedisTestSupport.unique("tp-lock");
            String rlockName = RedisTestSupport.unique("tp-rlock");
            String semName = RedisTestSupport.unique("tp-sem");
            List<String> rows = new ArrayList<>();
            // Warm-up (JIT, connection pool) so the first row is not penalised.
            long warm = TimeUnit.SECONDS.toNanos(1);
            rate(2, () -> redis.newLock(lockName), warm);
            rate(2, () -> redis.newRLock(rlockName), warm);
            rate(2, () -> redis.newSemaphore(semName, 2), warm);
            rate(2, () -> local.newLock("warm"), warm);
            for (int threads : new int[] {1, 4}) {
                var localLock = local.newLock("l");
                var localSem = local.newSemaphore("s", 2);
                rows.add(String.format("| %d thread(s), 1 JVM | Lock | %,.0f | %,.0f |", threads,
                        rate(threads, () -> localLock), rate(threads, () -> redis.newLock(lockName))));
                var localR = local.newRLock("r");
                rows.add(String.format("| %d thread(s), 1 JVM | RLock | %,.0f | %,.0f |", threads,
                        rate(threads, () -> localR), rate(threads, () -> redis.newRLock(rlockName))));
                rows.add(String.format("| %d thread(s), 1 JVM | Semaphore(2) | %,.0f | %,.0f |", threads,
                        rate(threads, () -> localSem), rate(threads, () -> redis.newSemaphore(semName, 2))));
            }
            rows.add(String.format("| 4 JVMs x 1 thread | Lock | n/a (local is one JVM) | %,.0f |",
                    crossProcess("bench-lock", RedisTestSupport.unique("tp-mp-lock"), 4, 1500)));
            rows.add(String.format("| 4 JVMs x 1 thread | Semaphore(2) | n/a (local is one JVM) | %,.0f |",
                    crossProcess("bench-semaphore", RedisTestSupport.unique("tp-mp-sem"), 4, 1500)));
            System.out.println("| contenders | primitive | local pairs/s | redis pairs/s |");
            System.out.println("|---|---|---|---|");
            rows.forEach(System.out::println);
            assertThat(rows).hasSize(8);
            RedisTestSupport.cleanUp(redis);
        }
    }
}
