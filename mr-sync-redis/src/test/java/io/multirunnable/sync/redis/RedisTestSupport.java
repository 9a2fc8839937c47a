package io.multirunnable.sync.redis;

import io.multirunnable.testsupport.ChildJvm;
import io.multirunnable.testsupport.TestBackends;
import io.multirunnable.testsupport.TestBackends.Service;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** The Redis the tests use (located by mr-test-support), unique key prefixes per run, and child JVM command lines. */
final class RedisTestSupport {
    /** Unique per test JVM, so runs (and parallel builds) never share keys. */
    static final String RUN = "mr-test:" + ProcessHandle.current().pid() + "-" + Long.toString(System.nanoTime(), 36) + ":";
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private RedisTestSupport() {
    }

    /**
     * The test Redis as {@link TestBackends} finds it (MR_REDIS_URL, else a container when Docker answers,
     * else the local server); when there is none the calling test is skipped, or fails when
     * {@code MR_REQUIRE_DATABASES=true}.
     */
    static String url() {
        return TestBackends.require(Service.REDIS);
    }

    /**
     * A client of the test Redis with this run's key prefix. When Redis is unreachable the calling test is
     * skipped, or fails when {@code MR_REQUIRE_DATABASES=true} (as in {@code .ci/run}), like the database tests.
     */
    static RedisSync connect(Duration lease) {
        return required(() -> RedisSync.builder().withUrl(url()).withLease(lease).withKeyPrefix(RUN).build());
    }

    /** Runs {@code connect}; an unreachable Redis skips the test unless {@code MR_REQUIRE_DATABASES=true}. */
    static <T> T required(java.util.function.Supplier<T> connect) {
        try {
            return connect.get();
        } catch (IllegalStateException unreachable) {
            if (TestBackends.required() || !unreachable.getMessage().startsWith("Cannot connect to Redis")) {
                throw unreachable;
            }
            org.junit.jupiter.api.Assumptions.abort(unreachable.getMessage()
                    + " (test skipped; set MR_REQUIRE_DATABASES=true to fail instead)");
            throw unreachable;
        }
    }

    /** A name no other test or run uses. */
    static String unique(String what) {
        return what + "-" + COUNTER.incrementAndGet();
    }

    /** Deletes every key this run made (through the first client), then closes every client; nulls are skipped. */
    static void cleanUpAndClose(RedisSync... clients) {
        boolean cleaned = false;
        for (RedisSync sync : clients) {
            if (sync != null) {
                if (!cleaned) {
                    cleanUp(sync);
                    cleaned = true;
                }
                sync.close();
            }
        }
    }

    /** Deletes every key this run made. */
    static void cleanUp(RedisSync sync) {
        sync.backend().client().getKeys().deleteByPattern(RUN + "*");
    }

    /**
     * A command line running {@code mainClass} (a class of this module's tests) in a new JVM with the
     * same launcher, module path and class path as this one, this module patched with the test classes.
     */
    static List<String> javaCommand(String mainClass, List<String> jvmOptions, List<String> args) {
        return ChildJvm.command("io.multirunnable.sync.redis", mainClass, jvmOptions, args);
    }
}
