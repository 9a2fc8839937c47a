package io.multirunnable.distributed.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.multirunnable.WorkerResult;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Redis itself fails mid-run. Each test starts its own {@code redis-server} on a free port (without
 * persistence, like the CI server), so the shared test Redis is never restarted.
 */
class RedisRestartTest {
    private int port;
    private Process redis;
    private Path dir;
    private DistributedWorker w1;
    private DistributedWorker w2;

    @BeforeEach
    void startRedis() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        dir = Files.createTempDirectory("mr-dist-redis");
        startServer();
    }

    private void startServer() throws IOException, InterruptedException {
        try {
            redis = new ProcessBuilder("redis-server", "--port", "" + port, "--bind", "127.0.0.1", "--save", "",
                    "--appendonly", "no", "--dir", dir.toString()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("redis.log").toFile()).start();
        } catch (IOException noBinary) {
            if (Boolean.parseBoolean(System.getenv().getOrDefault("MR_REQUIRE_DATABASES", "false"))) {
                throw noBinary;
            }
            Assumptions.abort("redis-server not found: " + noBinary.getMessage());
        }
        for (int i = 0; i < 100; i++) {
            try (var socket = new java.net.Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("redis-server did not start on port " + port);
    }

    private void killServer() throws InterruptedException {
        redis.destroyForcibly();
        redis.waitFor(10, TimeUnit.SECONDS);
    }

    private static void awaitWorkers(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("the workers did not take the inputs within 30 s");
            }
            Thread.sleep(5);
        }
    }

    /** The run's results; on a hang, every thread's stack goes to the test output before the failure. */
    static <T> T awaitOrDump(CompletableFuture<T> run, int seconds) throws Exception {
        try {
            return run.get(seconds, TimeUnit.SECONDS);
        } catch (TimeoutException hung) {
            Thread.getAllStackTraces().forEach((t, st) -> {
                System.out.println("THREAD " + t.getName());
                for (StackTraceElement e : st) {
                    System.out.println("    at " + e);
                }
            });
            throw hung;
        }
    }

    @AfterEach
    void stop() throws Exception {
        if (w1 != null) {
            CompletableFuture.runAsync(w1::close);
        }
        if (w2 != null) {
            CompletableFuture.runAsync(w2::close);
        }
        if (redis != null) {
            redis.destroyForcibly();
        }
    }

    private String url() {
        return "redis://127.0.0.1:" + port;
    }

    private void startWorkers() {
        w1 = DistributedWorker.builder("restart").withUrl(url()).withName("r1").withConcurrency(4)
                .withLease(Duration.ofSeconds(1)).withTasks(new TestTasks()).start();
        w2 = DistributedWorker.builder("restart").withUrl(url()).withName("r2").withConcurrency(4)
                .withLease(Duration.ofSeconds(1)).withTasks(new TestTasks()).start();
    }

    @Test
    void aRedisRestartWithoutPersistenceMidRunStillGivesEveryResultExactlyOnce() throws Exception {
        startWorkers();
        try (DistributedPool pool = DistributedPool.builder("restart").withUrl(url())
                .withOutageTolerance(Duration.ofSeconds(30)).withBatchDeadline(Duration.ofSeconds(60)).build()) {
            int n = 300;
            CompletableFuture<List<WorkerResult<Integer>>> run = CompletableFuture.supplyAsync(() -> {
                try {
                    return pool.map(TestTasks.SLEEP, IntStream.range(0, n).map(i -> 20).boxed().toList());
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            awaitWorkers(() -> w1.executed() + w2.executed() >= 40); // mid-run
            killServer();
            Thread.sleep(1_000);
            startServer();
            List<WorkerResult<Integer>> results = awaitOrDump(run, 60);
            assertThat(results).hasSize(n);
            for (int i = 0; i < n; i++) {
                assertThat(results.get(i).index()).isEqualTo(i);
                assertThat(results.get(i).isSuccessful()).as("%s", results.get(i)).isTrue();
            }
            BatchReport report = pool.lastReport();
            System.out.println("Redis restart mid-run: " + report);
            assertThat(report.resubmitted()).as("inputs Redis lost, sent again").isPositive();
        }
    }

    @Test
    void whenRedisStaysDownTheCallerGetsErrorsAfterTheOutageTolerance() throws Exception {
        startWorkers();
        try (DistributedPool pool = DistributedPool.builder("restart").withUrl(url())
                .withOutageTolerance(Duration.ofSeconds(2)).build()) {
            CompletableFuture<List<WorkerResult<Integer>>> run = twoLongTasksInHand(pool);
            long t0 = System.nanoTime();
            killServer();
            List<WorkerResult<Integer>> results = awaitOrDump(run, 30);
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertThat(results).allSatisfy(r -> assertThat(r.error()).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Redis at " + url() + " failed for")
                    .hasMessageContaining("withOutageTolerance"));
            System.out.println("Redis down for good: the caller had its errors after " + ms + " ms (tolerance 2 s)");
        }
    }

    @Test
    void theBatchDeadlineAppliesWhileRedisIsDown() throws Exception {
        startWorkers();
        try (DistributedPool pool = DistributedPool.builder("restart").withUrl(url())
                .withOutageTolerance(Duration.ofMinutes(5)).withBatchDeadline(Duration.ofSeconds(2)).build()) {
            CompletableFuture<List<WorkerResult<Integer>>> run = twoLongTasksInHand(pool);
            killServer();
            List<WorkerResult<Integer>> results = awaitOrDump(run, 30);
            assertThat(results).allSatisfy(r -> assertThat(r.error()).isInstanceOf(TimeoutException.class)
                    .hasMessageContaining("PT2S"));
        }
    }

    /** Maps two 5 s sleeps in the background and returns once both workers hold one. */
    private CompletableFuture<List<WorkerResult<Integer>>> twoLongTasksInHand(DistributedPool pool) throws Exception {
        CompletableFuture<List<WorkerResult<Integer>>> run = CompletableFuture.supplyAsync(() -> {
            try {
                return pool.map(TestTasks.SLEEP, List.of(5_000, 5_000));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        awaitWorkers(() -> w1.inHand() + w2.inHand() == 2);
        return run;
    }
}
