package io.multirunnable.distributed.redis;

import io.multirunnable.sync.redis.internal.RedisBackend;
import io.multirunnable.sync.redis.internal.Settings;
import io.multirunnable.testsupport.ChildJvm;
import io.multirunnable.testsupport.TestBackends;
import io.multirunnable.testsupport.TestBackends.Service;
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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The test Redis, a key prefix unique to this test JVM, and worker JVMs started from the test classes. (The
 * sync module's RedisTestSupport does the same for its module; test classes are not shared between modules.)
 */
final class DistTestSupport {
    static final String RUN = "mr-dist-test:" + ProcessHandle.current().pid() + "-" + Long.toString(System.nanoTime(), 36) + ":";
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private DistTestSupport() {
    }

    /**
     * The test Redis as mr-test-support's {@link TestBackends} finds it (MR_REDIS_URL, else a container when
     * Docker answers, else the local server); none skips the test, or fails it when MR_REQUIRE_DATABASES=true.
     * Worker JVMs get this URL as an argument, so they never look for a Redis of their own.
     */
    static String url() {
        return TestBackends.require(Service.REDIS);
    }

    static String unique(String what) {
        return what + "-" + COUNTER.incrementAndGet();
    }

    /** Runs {@code connect}; an unreachable Redis skips the test unless {@code MR_REQUIRE_DATABASES=true}. */
    static <T> T required(Supplier<T> connect) {
        try {
            return connect.get();
        } catch (IllegalStateException unreachable) {
            if (TestBackends.required()
                    || !String.valueOf(unreachable.getMessage()).startsWith("Cannot connect to Redis")) {
                throw unreachable;
            }
            org.junit.jupiter.api.Assumptions.abort(unreachable.getMessage()
                    + " (test skipped; set MR_REQUIRE_DATABASES=true to fail instead)");
            throw unreachable;
        }
    }

    /** A raw connection to the test Redis (for cleanup and for playing a rogue client). */
    static RedisBackend raw() {
        return required(() -> RedisBackend.connect(new Settings(url(), "test", Duration.ofSeconds(30), Duration.ofSeconds(2), RUN)));
    }

    /** Deletes every key this run made. */
    static void cleanUp() {
        try (RedisBackend b = raw()) {
            b.client().getKeys().deleteByPattern(RUN + "*");
        } catch (RuntimeException ignored) {
            // Redis down: nothing to clean
        }
    }

    static DistributedPoolBuilder pool(String name) {
        return DistributedPool.builder(name).withUrl(url()).withKeyPrefix(RUN).withWorkerWait(Duration.ofSeconds(20));
    }

    static DistributedWorkerBuilder worker(String pool) {
        return DistributedWorker.builder(pool).withUrl(url()).withKeyPrefix(RUN).withTasks(new TestTasks());
    }

    /** A worker JVM and what it printed. */
    record Child(Process process, ConcurrentLinkedQueue<String> lines, CountDownLatch ready, Thread reader) {
        String output() {
            return String.join("\n", lines);
        }

        long pid() {
            return process.pid();
        }

        void awaitReady() throws InterruptedException {
            if (!ready.await(60, TimeUnit.SECONDS)) {
                throw new AssertionError("worker JVM not ready after 60 s:\n" + output());
            }
        }
    }

    /** Starts {@link WorkerLauncher} in a new JVM with the test tasks and this run's key prefix. */
    static Child startWorker(String url, String pool, Duration lease, int concurrency, String... extra) throws IOException {
        List<String> args = new ArrayList<>(List.of("--redis", url, "--pool", pool, "--lease", lease.toString(),
                "--concurrency", "" + concurrency, "--key-prefix", RUN, "--task-set", TestTasks.class.getName()));
        args.addAll(List.of(extra));
        List<String> cmd = javaCommand(WorkerLauncher.class.getName(), List.of(
                "-Dmultirunnable.sync.redis.prefix=" + RUN,
                "-Djava.util.logging.config.file=" + System.getProperty("java.util.logging.config.file", "")), args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();
        CountDownLatch ready = new CountDownLatch(1);
        Thread reader = Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    lines.add(line);
                    if (line.startsWith("WORKER ") && line.contains(" READY ")) {
                        ready.countDown();
                    }
                }
            } catch (IOException ignored) {
                // killed
            }
        });
        return new Child(p, lines, ready, reader);
    }

    /**
     * A command line running {@code mainClass} of this module in a new JVM with this JVM's launcher and
     * module path, the module patched with the test classes.
     */
    static List<String> javaCommand(String mainClass, List<String> jvmOptions, List<String> args) {
        List<String> options = new ArrayList<>(List.of("-Xmx256m", "-XX:+UseSerialGC"));
        options.addAll(jvmOptions);
        return ChildJvm.command("io.multirunnable.distributed.redis", mainClass, options, args);
    }
}
