package io.multirunnable.sync.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multirunnable.sync.BoundedSemaphore;
import io.multirunnable.sync.Guard;
import io.multirunnable.sync.Lock;
import io.multirunnable.sync.RLock;
import io.multirunnable.sync.Semaphore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Handles across a real restart of a Redis without persistence (issue 13, items 4 and 5): the
 * local server is stopped with {@code SHUTDOWN NOSAVE} and started again with the command
 * documented in the brief and {@code .ci/run}. Each test keeps the server down for as short a time
 * as it can, and always starts it again.
 *
 * <p>Runs only against the local default server ({@code 127.0.0.1:6379}) that saves nothing, when
 * {@code redis-server} is installed and this user may start it; skipped otherwise (also with
 * {@code -Dmr.redis.restart=false}). Under {@code MR_REQUIRE_DATABASES=true} an unmet condition fails.
 */
class RedisRestartTest {
    private static final Duration LEASE = Duration.ofSeconds(5);
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static RedisSync sync;

    @BeforeAll
    static void localNonPersistentRedisOnly() throws Exception {
        Assumptions.assumeFalse("false".equals(System.getProperty("mr.redis.restart")), "restart tests switched off");
        boolean required = Boolean.parseBoolean(System.getenv().getOrDefault("MR_REQUIRE_DATABASES", "false"));
        String why = null;
        if (!RedisTestSupport.url().equals("redis://127.0.0.1:6379")) {
            why = "MR_REDIS_URL points at another server";
        } else if (!Files.isExecutable(Path.of("/usr/bin/redis-server")) && which("redis-server") == null) {
            why = "redis-server is not installed";
        }
        if (why != null) {
            Assumptions.assumeTrue(false, why);
        }
        String persistence = cli("config", "get", "save") + cli("config", "get", "appendonly");
        if (!persistence.replaceAll("\\s+", " ").trim().equals("save appendonly no")) {
            if (required) {
                throw new IllegalStateException("the test Redis persists data (" + persistence + ")");
            }
            Assumptions.assumeTrue(false, "the test Redis persists data; a restart would not lose the keys");
        }
        sync = RedisTestSupport.connect(LEASE);
    }

    private static String cli(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("redis-cli", "-h", "127.0.0.1", "-p", "6379"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor(5, TimeUnit.SECONDS);
        return out;
    }

    @AfterAll
    static void close() throws Exception {
        ensureRunning();
        if (sync != null) {
            RedisTestSupport.cleanUpAndClose(sync);
        }
    }

    private static String which(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return Path.of(dir, command).toString();
            }
        }
        return null;
    }

    private static boolean ping() {
        try {
            Process p = new ProcessBuilder("redis-cli", "-h", "127.0.0.1", "-p", "6379", "ping")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            return p.waitFor(5, TimeUnit.SECONDS) && out.equals("PONG");
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        p.waitFor(10, TimeUnit.SECONDS);
    }

    private static void stop() throws Exception {
        run("redis-cli", "-h", "127.0.0.1", "-p", "6379", "shutdown", "nosave");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (ping() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(ping()).as("Redis stopped").isFalse();
    }

    /** The command of the brief and .ci/run. */
    private static void ensureRunning() throws Exception {
        if (ping()) {
            return;
        }
        Files.createDirectories(Path.of("/var/lib/redis"));
        Files.createDirectories(Path.of("/var/log/redis"));
        run("redis-server", "--daemonize", "yes", "--bind", "127.0.0.1", "-::1", "--port", "6379", "--save", "",
                "--appendonly", "no", "--dir", "/var/lib/redis", "--logfile", "/var/log/redis/ci.log");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!ping() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(ping()).as("Redis started again").isTrue();
    }

    private static void restart() throws Exception {
        try {
            stop();
        } finally {
            ensureRunning();
        }
    }

    @Test
    void handlesMadeBeforeARestartAreAcquirableAfterIt() throws Exception {
        Lock lock = sync.newLock(RedisTestSupport.unique("restart-lock"));
        Semaphore semaphore = sync.newSemaphore(RedisTestSupport.unique("restart-semaphore"), 2);
        BoundedSemaphore bounded = sync.newBoundedSemaphore(RedisTestSupport.unique("restart-bounded"), 1);
        RLock rlock = sync.newRLock(RedisTestSupport.unique("restart-rlock"));
        lock.acquire().close();
        semaphore.acquire().close();
        bounded.acquire().close();
        rlock.acquire().close();

        restart();

        try (Guard a = lock.acquire(WAIT); Guard b = semaphore.acquire(WAIT); Guard c = bounded.acquire(WAIT);
             Guard d = rlock.acquire(WAIT)) {
            assertThat(lock.isLocked()).isTrue();
            assertThat(semaphore.availablePermits()).isEqualTo(1);
            assertThat(bounded.availablePermits()).isZero();
            assertThat(rlock.isHeldByCurrentThread()).isTrue();
        }
        // acquire() without a timeout, the case that blocked for ever
        CompletableFuture<Boolean> forever = CompletableFuture.supplyAsync(() -> {
            try (Guard g = lock.acquire()) {
                return lock.isLocked();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(forever.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(semaphore.availablePermits()).isEqualTo(2);
        assertThat(bounded.availablePermits()).isEqualTo(1);
    }

    @Test
    void aWaiterBlockedAcrossARestartGetsTheLockAfterIt() throws Exception {
        String name = RedisTestSupport.unique("restart-waited");
        Lock held = sync.newLock(name);
        Lock waited = sync.newLock(name);
        held.acquire();
        CompletableFuture<Boolean> waiter = CompletableFuture.supplyAsync(() -> {
            try (Guard g = waited.acquire()) {
                return true;
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(300);
        assertThat(waiter).isNotDone();
        restart(); // the hold is lost with the server's memory: the waiter must not wait for ever
        assertThat(waiter.get(WAIT.toSeconds() + LEASE.toSeconds(), TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void anOutageGivesOurExceptionNamingTheUrlAndTheOperation() throws Exception {
        Lock lock = sync.newLock(RedisTestSupport.unique("outage-lock"));
        List<CompletableFuture<Throwable>> calls = new ArrayList<>();
        stop();
        try {
            List<Supplier<Object>> operations = List.of(
                    () -> sync.newLock(RedisTestSupport.unique("outage-new-lock")),
                    () -> sync.newSemaphore(RedisTestSupport.unique("outage-new-semaphore"), 2),
                    () -> sync.counter(RedisTestSupport.unique("outage-counter")).incrementAndGet(),
                    () -> {
                        try {
                            return lock.tryAcquire(Duration.ofSeconds(1));
                        } catch (InterruptedException e) {
                            throw new IllegalStateException(e);
                        }
                    });
            for (Supplier<Object> op : operations) {
                calls.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        op.get();
                        return null;
                    } catch (Throwable e) {
                        return e;
                    }
                }));
            }
            CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        } finally {
            ensureRunning();
        }
        List<String> operationsSeen = new ArrayList<>();
        for (CompletableFuture<Throwable> call : calls) {
            Throwable e = call.get();
            assertThat(e).as("an operation during the outage").isInstanceOf(RedisSyncException.class);
            RedisSyncException failure = (RedisSyncException) e;
            assertThat(failure.url()).isEqualTo("redis://127.0.0.1:6379");
            assertThat(failure).hasMessageContaining("redis://127.0.0.1:6379").hasMessageContaining(failure.operation())
                    .hasMessageNotContaining("Check CPU").hasMessageNotContaining("nettyThreads");
            operationsSeen.add(failure.operation());
        }
        assertThat(operationsSeen).satisfiesExactly(
                op -> assertThat(op).startsWith("newLock('outage-new-lock"),
                op -> assertThat(op).startsWith("newSemaphore('outage-new-semaphore"),
                op -> assertThat(op).startsWith("incrementAndGet of DistributedCounter 'outage-counter"),
                op -> assertThat(op).startsWith("tryAcquire of Lock 'outage-lock"));
        // and the handle made before the outage works again after it
        assertThat(lock.tryAcquire(WAIT)).isTrue();
        lock.release();
    }
}
