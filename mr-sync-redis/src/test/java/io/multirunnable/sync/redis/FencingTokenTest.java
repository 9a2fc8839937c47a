package io.multirunnable.sync.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.multirunnable.sync.Acquirable;
import io.multirunnable.sync.Guard;
import io.multirunnable.sync.Lock;
import io.multirunnable.sync.RLock;
import io.multirunnable.testsupport.TestBackends;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.redisson.client.codec.StringCodec;

/**
 * Fencing tokens stay monotonic: across a restart of a Redis without persistence (which forgets the
 * counter; a plain {@code INCR} started again from 1 there), over a counter left by the old scheme, and
 * under many concurrent acquisitions from two clients.
 *
 * <p>The restart tests start their own {@code redis-server} on a free port without persistence, so the
 * shared test Redis is never restarted; skipped without {@code redis-server} unless
 * {@code MR_REQUIRE_DATABASES=true}. The concurrency tests use the shared test Redis.
 */
class FencingTokenTest {
    private static final Duration LEASE = Duration.ofSeconds(5);
    private static final Duration WAIT = Duration.ofSeconds(20);
    private final List<RedisSync> clients = new ArrayList<>();
    private int port;
    private Path dir;
    private Process redis;

    @AfterEach
    void stop() {
        if (!clients.isEmpty()) {
            RedisTestSupport.cleanUpAndClose(clients.toArray(RedisSync[]::new));
        }
        if (redis != null) {
            redis.destroyForcibly();
        }
    }

    private RedisSync ownServer() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        dir = Files.createTempDirectory("mr-fence-redis");
        startServer();
        RedisSync sync = RedisSync.builder().withUrl("redis://127.0.0.1:" + port).withLease(LEASE)
                .withKeyPrefix(RedisTestSupport.RUN).build();
        clients.add(sync);
        return sync;
    }

    private void startServer() throws Exception {
        try {
            redis = new ProcessBuilder("redis-server", "--port", "" + port, "--bind", "127.0.0.1", "--save", "",
                    "--appendonly", "no", "--dir", dir.toString()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("redis.log").toFile())).start();
        } catch (IOException noBinary) {
            if (TestBackends.required()) {
                throw noBinary;
            }
            Assumptions.abort("redis-server not found: " + noBinary.getMessage());
        }
        for (int i = 0; i < 200; i++) {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("redis-server did not start on port " + port + ": "
                + Files.readString(dir.resolve("redis.log")));
    }

    /** Kills the server (nothing saved, so every key is gone) and starts a new one on the same port. */
    private void restartWithoutPersistence() throws Exception {
        redis.destroyForcibly();
        assertThat(redis.waitFor(10, TimeUnit.SECONDS)).as("redis-server killed").isTrue();
        startServer();
    }

    private static long microsNow() {
        return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
    }

    private static long tokenOf(Object lock) {
        return ((Fenced) lock).fencingToken();
    }

    private static long take(Lock lock) throws Exception {
        try (Guard g = lock.acquire(WAIT)) {
            return tokenOf(lock);
        }
    }

    private static long take(RLock lock) throws Exception {
        try (Guard g = lock.acquire(WAIT)) {
            return tokenOf(lock);
        }
    }

    @Test
    void tokensAfterARestartOfARedisWithoutPersistenceAreGreaterThanEveryTokenBefore() throws Exception {
        RedisSync sync = ownServer();
        String name = RedisTestSupport.unique("fence-restart");
        Lock lock = sync.newLock(name);
        RLock rlock = sync.newRLock(name);
        long lockBefore = 0;
        long rlockBefore = 0;
        for (int i = 0; i < 5; i++) {
            long t = take(lock);
            assertThat(t).isGreaterThan(lockBefore);
            lockBefore = t;
            t = take(rlock);
            assertThat(t).isGreaterThan(rlockBefore);
            rlockBefore = t;
        }
        String fenceKey = RedisTestSupport.RUN + "lock:" + name + ":fence";
        assertThat(sync.backend().client().getBucket(fenceKey, StringCodec.INSTANCE).isExists()).isTrue();

        restartWithoutPersistence();

        assertThat(awaitAnswer(() -> sync.backend().client().getBucket(fenceKey, StringCodec.INSTANCE).isExists()))
                .as("the restarted Redis forgot the counter").isFalse();
        long lockAfter = take(lock);
        long rlockAfter = take(rlock);
        assertThat(lockAfter).as("Lock token after the restart").isGreaterThan(lockBefore);
        assertThat(rlockAfter).as("RLock token after the restart").isGreaterThan(rlockBefore);
        // a handle made after the restart, by another client, continues from there
        RedisSync other = RedisSync.builder().withUrl("redis://127.0.0.1:" + port).withLease(LEASE)
                .withKeyPrefix(RedisTestSupport.RUN).build();
        clients.add(other);
        assertThat(take(other.newLock(name))).isGreaterThan(lockAfter);
        assertThat(take(other.newRLock(name))).isGreaterThan(rlockAfter);
    }

    /**
     * A token draw sends the fencing script's text once, then only its SHA; after a {@code SCRIPT FLUSH}
     * (as after a restart or a fail-over: the server forgets every loaded script) the next draw gets
     * {@code NOSCRIPT}, loads the text once more and its token is still larger. Every command the server runs
     * is watched with {@code MONITOR} on the test's own server.
     */
    @Test
    void drawsSendTheScriptTextOnceAndReloadItAfterScriptFlush() throws Exception {
        RedisSync sync = ownServer();
        String name = RedisTestSupport.unique("fence-sha");
        Lock lock = sync.newLock(name);
        RLock rlock = sync.newRLock(name);
        try (Monitor monitor = new Monitor(port)) {
            long lockToken = take(lock);
            long rlockToken = take(rlock);
            for (int i = 0; i < 10; i++) {
                long t = take(lock);
                assertThat(t).isGreaterThan(lockToken);
                lockToken = t;
                t = take(rlock);
                assertThat(t).isGreaterThan(rlockToken);
                rlockToken = t;
            }
            List<String> before = monitor.upTo(sync, "before-flush");

            sync.backend().client().getScript(StringCodec.INSTANCE).scriptFlush();

            long lockAfter = take(lock);
            long rlockAfter = take(rlock);
            assertThat(lockAfter).as("Lock token after SCRIPT FLUSH").isGreaterThan(lockToken);
            assertThat(rlockAfter).as("RLock token after SCRIPT FLUSH").isGreaterThan(rlockToken);
            for (int i = 0; i < 5; i++) {
                long t = take(lock);
                assertThat(t).isGreaterThan(lockAfter);
                lockAfter = t;
            }
            List<String> after = monitor.upTo(sync, "after-flush");
            // the server had no script at first: the first draw sent the text (EVALSHA, NOSCRIPT, SCRIPT LOAD, EVALSHA), no other did
            assertThat(draws(before)).as("draws seen by MONITOR").isEqualTo(22);
            assertThat(scriptTexts(before)).as("the fencing script's text sent for 22 draws").isEqualTo(1);
            assertThat(draws(after)).as("draws seen by MONITOR").isEqualTo(7);
            assertThat(scriptTexts(after)).as("the fencing script's text sent again once after SCRIPT FLUSH").isEqualTo(1);
        }
    }

    /** Fencing draws among MONITOR lines: the {@code TIME} call the script makes ({@code [0 lua] "TIME"}). */
    private static long draws(List<String> lines) {
        return lines.stream().filter(l -> l.contains(" lua] \"TIME\"")).count();
    }

    /** Commands that carry the fencing script's text (EVAL or SCRIPT LOAD), not just its SHA. */
    private static long scriptTexts(List<String> lines) {
        return lines.stream().filter(l -> l.contains("redis.call('TIME')")).count();
    }

    /** A {@code MONITOR} connection: every command the server runs, one line each (script text escaped). */
    private static final class Monitor implements AutoCloseable {
        private final Socket socket;
        private final java.util.concurrent.LinkedBlockingQueue<String> lines = new java.util.concurrent.LinkedBlockingQueue<>();

        Monitor(int port) throws IOException {
            socket = new Socket("127.0.0.1", port);
            socket.getOutputStream().write("MONITOR\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            var in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    java.nio.charset.StandardCharsets.UTF_8));
            assertThat(in.readLine()).isEqualTo("+OK");
            Thread.ofPlatform().daemon().name("redis-monitor").start(() -> {
                try {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        lines.add(line);
                    }
                } catch (IOException closed) {
                    // the test closed the socket
                }
            });
        }

        /**
         * The lines since the previous call, up to a marker command sent now through {@code sync}'s client:
         * MONITOR shows commands in the order the server runs them, so every earlier draw is among them.
         */
        List<String> upTo(RedisSync sync, String marker) throws InterruptedException {
            String key = RedisTestSupport.unique("monitor-" + marker);
            sync.backend().client().getBucket(key, StringCodec.INSTANCE).get();
            List<String> seen = new ArrayList<>();
            while (true) {
                String line = lines.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                assertThat(line).as("MONITOR line up to the marker " + key).isNotNull();
                if (line.contains("\"GET\" \"" + key + "\"")) {
                    return seen;
                }
                seen.add(line);
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** The server answers again after a restart (Redisson reconnects in the background). */
    private static <T> T awaitAnswer(Supplier<T> call) throws InterruptedException {
        long until = System.nanoTime() + WAIT.toNanos();
        while (true) {
            try {
                return call.get();
            } catch (RuntimeException notYet) {
                if (System.nanoTime() > until) {
                    throw notYet;
                }
                Thread.sleep(100);
            }
        }
    }

    @Test
    void aTokenOnAFreshCounterIsTheServerClockInMicroseconds() throws Exception {
        // own server on this host: its clock is this JVM's clock
        RedisSync sync = ownServer();
        Lock lock = sync.newLock(RedisTestSupport.unique("fence-clock"));
        long before = microsNow();
        long token = take(lock);
        long after = microsNow();
        assertThat(token).isBetween(before, after);
    }

    @Test
    void aCounterOfTheOldSchemeIsOvertakenAndOneAheadOfTheClockStillGrows() throws Exception {
        RedisSync sync = RedisTestSupport.connect(LEASE);
        clients.add(sync);
        String old = RedisTestSupport.unique("fence-old");
        sync.backend().client().getBucket(RedisTestSupport.RUN + "lock:" + old + ":fence", StringCodec.INSTANCE).set("41");
        long first = take(sync.newLock(old));
        assertThat(first).as("clock-based, above the old counter's small numbers").isGreaterThan(1_000_000_000_000_000L);

        String ahead = RedisTestSupport.unique("fence-ahead");
        long far = 9_000_000_000_000_000L;
        sync.backend().client().getBucket(RedisTestSupport.RUN + "rlock:" + ahead + ":fence", StringCodec.INSTANCE)
                .set(Long.toString(far));
        RLock r = sync.newRLock(ahead);
        assertThat(take(r)).isEqualTo(far + 1);
        assertThat(take(r)).isEqualTo(far + 2);
    }

    @Test
    void tokensFromManyThreadsOfTwoClientsAreUniqueAndIncreaseInAcquisitionOrder() throws Exception {
        RedisSync one = RedisTestSupport.connect(LEASE);
        clients.add(one);
        RedisSync two = RedisTestSupport.connect(LEASE);
        clients.add(two);
        String name = RedisTestSupport.unique("fence-threads");
        assertIncreasingInHoldOrder(i -> (i % 2 == 0 ? one : two).newLock(name), "Lock"); // a handle per thread
        String rname = RedisTestSupport.unique("fence-threads-r");
        RLock shared = one.newRLock(rname); // one handle shared by the threads of a client, as an RLock allows
        RLock other = two.newRLock(rname);
        assertIncreasingInHoldOrder(i -> i % 2 == 0 ? shared : other, "RLock");
    }

    /**
     * 8 threads (alternating between the two clients) take the lock 25 times each and record the token while
     * they hold it, so the list's order is the order of the holds.
     */
    private static void assertIncreasingInHoldOrder(IntFunction<Acquirable> perThread, String what) throws Exception {
        int threads = 8;
        int rounds = 25;
        List<Long> inHoldOrder = Collections.synchronizedList(new ArrayList<>());
        List<CompletableFuture<Void>> runs = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Acquirable lock = perThread.apply(t);
            runs.add(CompletableFuture.runAsync(() -> {
                for (int i = 0; i < rounds; i++) {
                    try (Guard g = lock.acquire(WAIT)) {
                        inHoldOrder.add(tokenOf(lock));
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }, r -> Thread.ofPlatform().start(r)));
        }
        CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).get(180, TimeUnit.SECONDS);
        assertThat(inHoldOrder).as(what + " tokens in hold order").hasSize(threads * rounds).doesNotHaveDuplicates()
                .isSortedAccordingTo(Long::compare);
        for (int i = 1; i < inHoldOrder.size(); i++) {
            assertThat(inHoldOrder.get(i)).as(what + " token of hold %d", i).isGreaterThan(inHoldOrder.get(i - 1));
        }
    }
}
