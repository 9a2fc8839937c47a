package io.multirunnable.distributed.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.multirunnable.WorkerResult;
import io.multirunnable.distributed.redis.internal.Keys;
import io.multirunnable.sync.redis.internal.RedisBackend;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.redisson.api.RMap;
import org.redisson.api.RStream;
import org.redisson.api.StreamConsumer;
import org.redisson.api.StreamMessageId;
import org.redisson.api.stream.StreamReadGroupArgs;
import org.redisson.client.codec.StringCodec;

/**
 * Consumers of dead workers leave the pool's group, but never while they own entries nobody took over. A dead
 * worker is played with the raw client: a consumer that read entries and never acknowledged them, plus a
 * heartbeat entry from long ago. (MultiJvmTest checks the same for a worker JVM killed with SIGKILL.)
 */
class DeadConsumerTest {
    private static final String STALE = "{\"name\":\"%s\",\"pid\":1,\"mode\":\"GREEN_THREAD\",\"concurrency\":1,"
            + "\"leaseMillis\":%d,\"beat\":0,\"tasks\":[\"square\"]}";

    @AfterAll
    static void cleanUp() {
        DistTestSupport.cleanUp();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("not within 60 s: " + what);
            }
            Thread.sleep(20);
        }
    }

    private static Map<String, StreamConsumer> consumers(RStream<String, String> stream) {
        Map<String, StreamConsumer> byName = new HashMap<>();
        stream.listConsumers(Keys.GROUP).forEach(c -> byName.put(c.getName(), c));
        return byName;
    }

    @Test
    void aDeadWorkersConsumerGoesOnlyOnceItsEntriesWereTakenOverAndNoResultIsLost() throws Exception {
        String p = DistTestSupport.unique("dead-consumer");
        // concurrency 1 and kept busy: it can take nothing over until the long task ends
        DistributedWorker live = DistTestSupport.required(() -> DistTestSupport.worker(p).withName("live")
                .withConcurrency(1).withLease(Duration.ofSeconds(1)).start());
        try (RedisBackend raw = DistTestSupport.raw(); DistributedPool client = DistTestSupport.pool(p).build()) {
            Keys keys = new Keys(DistTestSupport.RUN, p);
            RStream<String, String> stream = raw.client().getStream(keys.tasks(), StringCodec.INSTANCE);
            RMap<String, String> workers = raw.client().getMap(keys.workers(), StringCodec.INSTANCE);

            CompletableFuture<WorkerResult<Integer>> busy = client.asyncApply(TestTasks.SLEEP, 10_000);
            await("the live worker runs the long task", () -> live.inHand() == 1);
            int n = 10;
            CompletableFuture<List<WorkerResult<Integer>>> run = CompletableFuture.supplyAsync(() -> {
                try {
                    return client.map(TestTasks.SQUARE, IntStream.range(0, n).boxed().toList());
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            // "ghost" reads every input and dies: its entries stay pending under its name
            int taken = 0;
            while (taken < n) {
                Map<StreamMessageId, Map<String, String>> got = stream.readGroup(Keys.GROUP, "ghost",
                        StreamReadGroupArgs.neverDelivered().count(n - taken).timeout(Duration.ofMillis(500)));
                taken += got == null ? 0 : got.size();
            }
            workers.fastPut("ghost", STALE.formatted("ghost", 300));
            // "empty" died holding nothing: it may go at the next sweep after its 3 leases of 300 ms
            stream.createConsumer(Keys.GROUP, "empty");
            workers.fastPut("empty", STALE.formatted("empty", 300));

            await("the empty dead consumer removed", () -> !consumers(stream).containsKey("empty"));
            Map<String, StreamConsumer> seen = consumers(stream);
            // read after the snapshot: the live worker had not finished its task, so it had taken nothing over
            assertThat(live.executed()).as("tasks the live worker finished").isZero();
            assertThat(seen).containsKey("ghost");
            assertThat(seen.get("ghost").getPending()).as("entries ghost still owns").isEqualTo(n);
            assertThat(workers.containsKey("ghost")).as("ghost's heartbeat entry kept with its consumer").isTrue();
            assertThat(workers.containsKey("empty")).as("empty's heartbeat entry removed with its consumer").isFalse();

            // the long task ends, the live worker takes ghost's entries over, and then ghost goes too
            List<WorkerResult<Integer>> results = run.get(60, TimeUnit.SECONDS);
            assertThat(results).hasSize(n);
            for (int i = 0; i < n; i++) {
                WorkerResult<Integer> r = results.get(i);
                assertThat(r.isSuccessful()).as("%s", r).isTrue();
                assertThat(r.index()).isEqualTo(i);
                assertThat(r.value()).isEqualTo(i * i);
            }
            assertThat(live.takenOver()).as("inputs taken over from ghost").isEqualTo(n);
            await("ghost removed", () -> !consumers(stream).containsKey("ghost"));
            assertThat(new TreeSet<>(consumers(stream).keySet())).isEqualTo(Set.of("live"));
            assertThat(workers.containsKey("ghost")).isFalse();
            assertThat(busy.get(30, TimeUnit.SECONDS).get()).isEqualTo(10_000);
        } finally {
            live.close();
        }
    }

    @Test
    void aConsumerWhoseWorkerStillBeatsIsKeptEvenWhenIdle() throws Exception {
        String p = DistTestSupport.unique("beating-consumer");
        DistributedWorker sweeper = DistTestSupport.required(() -> DistTestSupport.worker(p).withName("sweeper")
                .withConcurrency(1).withLease(Duration.ofMillis(300)).start());
        try (RedisBackend raw = DistTestSupport.raw()) {
            Keys keys = new Keys(DistTestSupport.RUN, p);
            RStream<String, String> stream = raw.client().getStream(keys.tasks(), StringCodec.INSTANCE);
            RMap<String, String> workers = raw.client().getMap(keys.workers(), StringCodec.INSTANCE);
            // "quiet" beats (a fresh heartbeat, lease 300 ms) but Redis does not see it read; "gone" does not beat
            stream.createConsumer(Keys.GROUP, "quiet");
            stream.createConsumer(Keys.GROUP, "gone");
            workers.fastPut("gone", STALE.formatted("gone", 300));
            String fresh = "{\"name\":\"quiet\",\"leaseMillis\":300,\"beat\":%d,\"tasks\":[\"square\"]}";
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (consumers(stream).containsKey("gone")) {
                workers.fastPut("quiet", fresh.formatted(System.currentTimeMillis()));
                assertThat(System.nanoTime()).as("'gone' removed within 60 s").isLessThan(until);
                Thread.sleep(50);
            }
            // "gone" was removed by a sweep that also judged "quiet", idle as long, and kept it
            assertThat(consumers(stream)).containsKey("quiet");
            assertThat(workers.containsKey("quiet")).isTrue();
        } finally {
            sweeper.close();
        }
    }
}
