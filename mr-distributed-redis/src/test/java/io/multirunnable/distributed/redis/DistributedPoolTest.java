package io.multirunnable.distributed.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multirunnable.RunningMode;
import io.multirunnable.WorkerResult;
import io.multirunnable.sync.redis.internal.RedisBackend;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.redisson.api.stream.StreamAddArgs;
import org.redisson.client.codec.StringCodec;

/** Client and workers in this JVM, through the test Redis: the pool's shape, errors and bad input. */
class DistributedPoolTest {
    private static final String POOL = DistTestSupport.unique("inproc");
    private static DistributedWorker w1;
    private static DistributedWorker w2;
    private static DistributedPool pool;

    @BeforeAll
    static void start() {
        w1 = DistTestSupport.required(() -> DistTestSupport.worker(POOL).withName("w1").withConcurrency(4)
                .withLease(Duration.ofSeconds(2)).start());
        w2 = DistTestSupport.worker(POOL).withName("w2").withConcurrency(4).withMode(RunningMode.CONCURRENT)
                .withLease(Duration.ofSeconds(2)).start();
        pool = DistTestSupport.pool(POOL).build();
    }

    @AfterAll
    static void stop() {
        if (pool != null) {
            pool.close();
        }
        if (w1 != null) {
            w1.close();
        }
        if (w2 != null) {
            w2.close();
        }
        DistTestSupport.cleanUp();
    }

    /** Timing tests start with idle workers (slow inputs of an earlier test may still run there). */
    private static void awaitIdle() {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (w1.inHand() + w2.inHand() > 0 && System.nanoTime() < until) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Test
    void mapReturnsOneResultPerInputInOrderNamingTheWorkerAndTheCaller() throws Exception {
        List<Integer> inputs = IntStream.range(0, 500).boxed().toList();
        List<WorkerResult<Integer>> results = pool.map(TestTasks.SQUARE, inputs);
        assertThat(results).hasSize(500);
        for (int i = 0; i < 500; i++) {
            WorkerResult<Integer> r = results.get(i);
            assertThat(r.index()).isEqualTo(i);
            assertThat(r.get()).isEqualTo(i * i);
            assertThat(r.workerName()).matches("w[12]-worker-\\d+");
            assertThat(r.parentName()).isEqualTo(Thread.currentThread().getName());
            assertThat(r.end()).isAfterOrEqualTo(r.start());
        }
        assertThat(pool.lastReport().inputs()).isEqualTo(500);
        assertThat(pool.lastReport().failed()).isZero();
        assertThat(pool.lastReport().reExecutions()).isZero();
    }

    @Test
    void applyAndAsyncApply() throws Exception {
        assertThat(pool.apply(TestTasks.SQUARE, 12).get()).isEqualTo(144);
        CompletableFuture<WorkerResult<Integer>> f = pool.asyncApply(TestTasks.SQUARE, 7);
        assertThat(f.get(20, TimeUnit.SECONDS).get()).isEqualTo(49);
    }

    @Test
    void imapKeepsInputOrderAndImapUnorderedGivesEachInputOnce() {
        List<Integer> inputs = List.of(30, 1, 20, 2, 10, 3);
        Iterator<WorkerResult<Integer>> ordered = pool.imap(TestTasks.SLEEP, inputs);
        List<Integer> got = new ArrayList<>();
        ordered.forEachRemaining(r -> got.add(r.value()));
        assertThat(got).containsExactlyElementsOf(inputs);

        Iterator<WorkerResult<Integer>> unordered = pool.imapUnordered(TestTasks.SLEEP, inputs);
        Set<Integer> indexes = new HashSet<>();
        int n = 0;
        while (unordered.hasNext()) {
            indexes.add(unordered.next().index());
            n++;
        }
        assertThat(n).isEqualTo(inputs.size());
        assertThat(indexes).hasSize(inputs.size());
    }

    @Test
    void imapReadsAnEndlessInputLazily() {
        Iterable<Integer> endless = () -> IntStream.iterate(0, i -> i + 1).boxed().iterator();
        Iterator<WorkerResult<Integer>> it = pool.imap(TestTasks.SQUARE, endless);
        for (int i = 0; i < 50; i++) {
            assertThat(it.next().value()).isEqualTo(i * i);
        }
    }

    @Test
    void aTaskThatThrowsGivesItsTypeAndMessageInThatInputsResult() throws Exception {
        List<WorkerResult<String>> results = pool.map(TestTasks.FAIL, List.of("boom", "bang"));
        assertThat(results).allSatisfy(r -> assertThat(r.isSuccessful()).isFalse());
        RemoteTaskException e = (RemoteTaskException) results.get(1).error();
        assertThat(e.remoteType()).isEqualTo("java.lang.IllegalStateException");
        assertThat(e.isA(IllegalStateException.class)).isTrue();
        assertThat(e.getMessage()).isEqualTo("bang");
        assertThat(e.toString()).contains("java.lang.IllegalStateException: bang").contains("w");
        assertThat(pool.lastReport().failed()).isEqualTo(2);
    }

    @Test
    void anUnreachableRedisNamesTheUrlWithoutItsPassword() {
        assertThatThrownBy(() -> DistributedPool.builder("p").withUrl("redis://user:s3cret@127.0.0.1:1")
                .withConnectTimeout(Duration.ofMillis(300)).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("redis://user:***@127.0.0.1:1")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret"));
        assertThatThrownBy(() -> DistributedWorker.builder("p").withUrl("redis://:pw@127.0.0.1:1")
                .withConnectTimeout(Duration.ofMillis(300)).withTasks(new TestTasks()).start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("redis://:***@127.0.0.1:1");
    }

    @Test
    void anUnknownPoolNameIsAClearErrorListingTheKnownPools() {
        try (DistributedPool nobody = DistTestSupport.pool("no-such-pool").withWorkerWait(Duration.ofMillis(300)).build()) {
            assertThatThrownBy(() -> nobody.apply(TestTasks.SQUARE, 1))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("no live worker in pool 'no-such-pool'")
                    .hasMessageContaining(POOL)
                    .hasMessageContaining("withWorkerWait");
        }
    }

    @Test
    void aTaskNoWorkerRunsIsRefusedBeforeSending() {
        DistributedTask<String, String> missing = DistributedTask.of("format-disk", String.class, String.class);
        assertThatThrownBy(() -> pool.map(missing, List.of("x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("runs task 'format-disk'")
                .hasMessageContaining("square");
    }

    @Test
    void aNonSerializableInputIsRefusedNamingItsIndexAndTask() {
        DistributedTask<Object, String> any = DistributedTask.of("who-cares", Object.class, String.class);
        assertThatThrownBy(() -> pool.map(any, List.of("fine", new Object())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("input 1 of task 'who-cares'")
                .hasMessageContaining("cannot be sent as JSON");
    }

    @Test
    void anInputOverTheSizeLimitIsRefusedNamingTheLimit() {
        DistributedTask<String, String> echo = DistributedTask.of("fail", String.class, String.class);
        try (DistributedPool small = DistTestSupport.pool(POOL).withMaxInputBytes(100).build()) {
            assertThatThrownBy(() -> small.map(echo, List.of("ok", "x".repeat(200))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("input 1 of task 'fail' is 202 bytes")
                    .hasMessageContaining("maxInputBytes = 100");
            // imap turns the same bad input into that input's error and goes on
            Iterator<WorkerResult<String>> it = small.imap(echo, List.of("x".repeat(200), "ok"));
            assertThat(it.next().error()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxInputBytes");
            assertThat(((RemoteTaskException) it.next().error()).getMessage()).isEqualTo("ok");
        }
    }

    @Test
    void theBatchDeadlineAnswersUnfinishedInputsWithATimeout() throws Exception {
        awaitIdle();
        try (DistributedPool hurried = DistTestSupport.pool(POOL).withBatchDeadline(Duration.ofMillis(700)).build()) {
            long t0 = System.nanoTime();
            List<WorkerResult<Integer>> results = hurried.map(TestTasks.SLEEP, List.of(1, 2_000, 2_000));
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertThat(results.get(0).value()).isEqualTo(1);
            assertThat(results.get(1).error()).isInstanceOf(TimeoutException.class).hasMessageContaining("PT0.7S");
            assertThat(results.get(2).error()).isInstanceOf(TimeoutException.class);
            assertThat(ms).as("returned at the deadline, not after the tasks").isLessThan(4_000);
            assertThat(hurried.lastReport().deadlineReached()).isTrue();
        }
    }

    @Test
    void failFastThrowsTheFirstFailureAndWithdrawsTheRest() {
        awaitIdle();
        long t0 = System.nanoTime();
        // Thread.sleep(-1) throws IllegalArgumentException on the worker
        assertThatThrownBy(() -> pool.map(io.multirunnable.BatchPolicy.failFast(), TestTasks.SLEEP,
                List.of(1_500, -1, 1_500, 1_500, 1_500, 1_500, 1_500, 1_500, 1_500, 1_500)))
                .isInstanceOf(RemoteTaskException.class)
                .satisfies(e -> assertThat(((RemoteTaskException) e).remoteType()).isEqualTo("java.lang.IllegalArgumentException"));
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).as("returned before the slow inputs ended")
                .isLessThan(1_400);
    }

    @Test
    void firstSuccessReturnsAtTheFirstResultAndCancelsTheOthers() throws Exception {
        awaitIdle();
        long t0 = System.nanoTime();
        List<WorkerResult<Integer>> results = pool.map(io.multirunnable.BatchPolicy.firstSuccess(), TestTasks.SLEEP,
                List.of(1_500, 1, 1_500));
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isLessThan(1_400);
        assertThat(results.get(1).value()).isEqualTo(1);
        assertThat(results.get(0).error()).isInstanceOf(java.util.concurrent.CancellationException.class);
        assertThat(results.get(2).error()).isInstanceOf(java.util.concurrent.CancellationException.class);
        assertThatThrownBy(() -> pool.map(io.multirunnable.BatchPolicy.firstSuccess(), TestTasks.FAIL, List.of("a", "b")))
                .isInstanceOf(RemoteTaskException.class)
                .satisfies(e -> assertThat(e.getSuppressed()).hasSize(1));
    }

    @Test
    void aBatchPolicyTimeoutReplacesThePoolDeadlineForOneCall() throws Exception {
        awaitIdle();
        List<WorkerResult<Integer>> results = pool.map(io.multirunnable.BatchPolicy.collectAll()
                .withTimeout(Duration.ofMillis(600)), TestTasks.SLEEP, List.of(1, 1_500));
        assertThat(results.get(0).value()).isEqualTo(1);
        assertThat(results.get(1).error()).isInstanceOf(TimeoutException.class).hasMessageContaining("PT0.6S");
    }

    @Test
    void aWorkerAnswersARogueEntryForATaskOutsideItsAllowListAndGoesOn() throws Exception {
        try (RedisBackend raw = DistTestSupport.raw()) {
            String keysBase = DistTestSupport.RUN + "{" + POOL + "}:";
            String rogue = "rogue-client";
            var stream = raw.client().<String, String>getStream(keysBase + "tasks", StringCodec.INSTANCE);
            stream.add(StreamAddArgs.entries(Map.of("c", rogue, "b", "1", "i", "0", "t", "java.lang.Runtime.exec",
                    "d", "\"rm -rf /\"")));
            stream.add(StreamAddArgs.entries(Map.of("c", rogue, "b", "1", "i", "1", "t", "square",
                    "d", "{\"@class\":\"java.net.URL\",\"val\":\"http://x\"}")));
            var replies = raw.client().<String, String>getStream(keysBase + "reply:" + rogue, StringCodec.INSTANCE);
            List<String> got = new ArrayList<>();
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (got.size() < 2 && System.nanoTime() < until) {
                got.clear();
                replies.range(org.redisson.api.StreamMessageId.MIN, org.redisson.api.StreamMessageId.MAX)
                        .values().forEach(f -> got.add(f.get("r")));
                Thread.sleep(50);
            }
            assertThat(got).hasSize(2);
            assertThat(got).anySatisfy(r -> assertThat(r).contains("\"et\":\"java.lang.IllegalArgumentException\"")
                    .contains("does not run task 'java.lang.Runtime.exec'"));
            assertThat(got).anySatisfy(r -> assertThat(r).contains("\"i\":1").contains("is not a valid java.lang.Integer"));
        }
        assertThat(w1.unknownTaskRequests() + w2.unknownTaskRequests()).isEqualTo(1);
        assertThat(pool.apply(TestTasks.SQUARE, 3).get()).isEqualTo(9);
    }

    @Test
    void closingAWorkerFinishesTheTaskInHandAndTakesNoNewOnes() throws Exception {
        String p = DistTestSupport.unique("graceful");
        DistributedWorker only = DistTestSupport.worker(p).withName("only").withConcurrency(1).start();
        try (DistributedPool client = DistTestSupport.pool(p).build()) {
            CompletableFuture<WorkerResult<Integer>> first = client.asyncApply(TestTasks.SLEEP, 800);
            Thread.sleep(300); // the worker has taken it
            Thread closer = Thread.ofPlatform().start(only::close);
            CompletableFuture<WorkerResult<Integer>> second = client.asyncApply(TestTasks.SLEEP, 1);
            closer.join(10_000);
            assertThat(closer.isAlive()).isFalse();
            assertThat(first.get(10, TimeUnit.SECONDS).get()).isEqualTo(800);
            assertThat(only.executed()).isEqualTo(1);
            assertThat(second).isNotDone();
            second.cancel(true);
        }
    }
}
