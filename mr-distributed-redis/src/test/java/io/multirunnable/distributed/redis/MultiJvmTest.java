package io.multirunnable.distributed.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.multirunnable.WorkerResult;
import io.multirunnable.distributed.redis.internal.Keys;
import io.multirunnable.sync.redis.internal.RedisBackend;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.redisson.client.codec.StringCodec;

/**
 * Three worker JVMs (started with {@link WorkerLauncher}) and this JVM as the client: primitives shared by
 * name across JVMs, then 10,000 inputs with one worker killed ({@code kill -9}) mid-run.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MultiJvmTest {
    private static final Duration LEASE = Duration.ofSeconds(2);
    private static final String POOL = DistTestSupport.unique("multi-jvm");
    private static final List<DistTestSupport.Child> workers = new ArrayList<>();
    private static DistributedPool pool;
    /** The pid of the worker JVM order 2 killed. */
    private static volatile String killedPid;

    @BeforeAll
    static void start() throws Exception {
        DistTestSupport.required(() -> {
            DistTestSupport.raw().close();
            return true;
        });
        for (int i = 0; i < 3; i++) {
            workers.add(DistTestSupport.startWorker(DistTestSupport.url(), POOL, LEASE, 8));
        }
        for (DistTestSupport.Child c : workers) {
            c.awaitReady();
        }
        pool = DistTestSupport.pool(POOL).withBatchDeadline(Duration.ofSeconds(80)).build();
    }

    @AfterAll
    static void stop() {
        if (pool != null) {
            pool.close();
        }
        workers.forEach(c -> c.process().destroyForcibly());
        DistTestSupport.cleanUp();
    }

    private static String jvmOf(WorkerResult<?> r) {
        return r.workerName().substring(0, r.workerName().indexOf('@'));
    }

    @Test
    @Order(1)
    void aLockTakenByNameInATaskIsTheSameLockInEveryWorkerJvm() throws Exception {
        String lock = DistTestSupport.unique("jvm-lock");
        List<WorkerResult<Long>> results = pool.map(TestTasks.LOCKED, IntStream.range(0, 200).mapToObj(i -> lock).toList());
        assertThat(results).allSatisfy(r -> assertThat(r.isSuccessful()).as("%s", r).isTrue());
        Set<String> jvms = new HashSet<>();
        results.forEach(r -> jvms.add(jvmOf(r)));
        assertThat(jvms).as("JVMs that ran the task").hasSize(3);
        try (RedisBackend raw = DistTestSupport.raw()) {
            String most = raw.client().<String>getBucket(DistTestSupport.RUN + "counter:" + lock + "-most", StringCodec.INSTANCE).get();
            assertThat(most).as("most holders of the lock at once, over all JVMs").isEqualTo("1");
        }
        assertThat(results).allSatisfy(r -> assertThat(r.value()).isEqualTo(1L));
    }

    @Test
    @Order(2)
    void tenThousandInputsWithOneWorkerKilledMidRunGiveEveryResultExactlyOnce() {
        int n = 10_000;
        long t0 = System.nanoTime();
        Iterator<WorkerResult<Integer>> it = pool.imapUnordered(TestTasks.SLOW_SQUARE, IntStream.range(0, n).boxed().toList());
        int[] seen = new int[n];
        Map<String, Integer> perJvm = new HashMap<>();
        String killed = null;
        int count = 0;
        while (it.hasNext()) {
            WorkerResult<Integer> r = it.next();
            assertThat(r.isSuccessful()).as("%s", r).isTrue();
            assertThat(r.value()).isEqualTo(r.index() * r.index());
            seen[r.index()]++;
            perJvm.merge(jvmOf(r), 1, Integer::sum);
            count++;
            if (count == n / 4) {
                killed = jvmOf(r); // it is busy: it just handed in a result
                killedPid = killed;
                String victim = killed;
                workers.stream().filter(c -> Long.toString(c.pid()).equals(victim)).findFirst().orElseThrow()
                        .process().destroyForcibly(); // SIGKILL
            }
        }
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        BatchReport report = pool.lastReport();
        System.out.printf("multi-JVM: %d inputs on 3 worker JVMs, %s killed after %d results: %d ms, results per JVM %s,"
                + " re-executions %d (taken over %d, resubmitted %d), results dropped as duplicates %d + %d%n",
                n, killed, n / 4, ms, perJvm, report.reExecutions(), report.redelivered(), report.resubmitted(),
                report.discardedResults(), report.ignoredResults());
        assertThat(count).isEqualTo(n);
        for (int i = 0; i < n; i++) {
            assertThat(seen[i]).as("results of input %d", i).isEqualTo(1);
        }
        assertThat(report.deadlineReached()).isFalse();
        assertThat(report.inputs()).isEqualTo(n);
        assertThat(report.redelivered()).as("inputs the killed worker held, run again elsewhere").isPositive();
        assertThat(perJvm).hasSize(3);
    }

    @Test
    @Order(3)
    void theKilledWorkersConsumerLeavesTheGroupAndTheLiveOnesStay() throws Exception {
        assertThat(killedPid).as("the worker JVM order 2 killed").isNotNull();
        Keys keys = new Keys(DistTestSupport.RUN, POOL);
        try (RedisBackend raw = DistTestSupport.raw()) {
            var stream = raw.client().<String, String>getStream(keys.tasks(), StringCodec.INSTANCE);
            var heartbeats = raw.client().<String, String>getMap(keys.workers(), StringCodec.INSTANCE);
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            List<String> names = consumerNames(stream);
            // dead after 3 leases without a heartbeat, then removed by the next sweep of a live worker (every lease)
            while (names.stream().anyMatch(n -> n.startsWith(killedPid + "@"))) {
                assertThat(System.nanoTime()).as("killed worker's consumer still in the group after 60 s: %s", names)
                        .isLessThan(until);
                Thread.sleep(100);
                names = consumerNames(stream);
            }
            Set<String> liveJvms = new HashSet<>();
            workers.stream().filter(c -> c.process().isAlive()).forEach(c -> liveJvms.add(Long.toString(c.pid())));
            assertThat(names).as("consumers left").hasSize(2)
                    .allSatisfy(n -> assertThat(liveJvms).contains(n.substring(0, n.indexOf('@'))));
            assertThat(heartbeats.keySet()).as("heartbeat entries left").hasSize(2)
                    .noneMatch(n -> n.startsWith(killedPid + "@"));
        }
        List<WorkerResult<Integer>> after = pool.map(TestTasks.SQUARE, IntStream.range(0, 100).boxed().toList());
        assertThat(after).hasSize(100).allSatisfy(r -> assertThat(r.value()).isEqualTo(r.index() * r.index()));
    }

    private static List<String> consumerNames(org.redisson.api.RStream<String, String> stream) {
        List<String> names = new ArrayList<>();
        stream.listConsumers(Keys.GROUP).forEach(c -> names.add(c.getName()));
        return names;
    }
}
