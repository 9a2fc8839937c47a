package io.multirunnable.distributed.redis.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.multirunnable.SimplePool;
import io.multirunnable.SimplePoolBuilder;
import io.multirunnable.WorkerResult;
import io.multirunnable.sync.redis.internal.RedisBackend;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.redisson.api.AutoClaimResult;
import org.redisson.api.RStream;
import org.redisson.api.RedissonClient;
import org.redisson.api.StreamConsumer;
import org.redisson.api.StreamMessageId;
import org.redisson.api.stream.StreamReadGroupArgs;
import org.redisson.client.codec.StringCodec;

/**
 * One worker: a reader thread takes entries (never-delivered ones, and entries whose lease ran out on
 * another worker) up to the free concurrency, runs them on a local {@link SimplePool}, and a flusher
 * thread completes them in batches through one script call; a scheduler renews the leases of entries in
 * hand and the heartbeat, and removes the consumers of dead workers from the group once they hold nothing.
 */
public final class WorkerEngine implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(WorkerEngine.class.getName());
    /** Replies and stats of a client nobody reads any more vanish after this. */
    static final long REPLY_TTL_MILLIS = TimeUnit.HOURS.toMillis(1);
    private static final int FLUSH_MAX = 256;

    private final WorkerSettings settings;
    private final RedisBackend backend;
    private final RedissonClient client;
    private final Keys keys;
    private final RStream<String, String> stream;
    private final SimplePool local;
    private final Semaphore slots;
    private final Map<String, InHand> inHand = new ConcurrentHashMap<>();
    private final LinkedBlockingQueue<Scripts.Completion> done = new LinkedBlockingQueue<>();
    private final ScheduledExecutorService scheduler;
    private final Thread reader;
    private final Thread flusher;
    private final AtomicLong executed = new AtomicLong();
    private final AtomicLong claimed = new AtomicLong();
    private final AtomicLong unknownTasks = new AtomicLong();
    private volatile boolean stopping;
    private volatile boolean flusherStop;
    private volatile long nextClaimNanos;

    private record InHand(String client, long batch) {
    }

    private WorkerEngine(WorkerSettings settings, RedisBackend backend) {
        this.settings = settings;
        this.backend = backend;
        this.client = backend.client();
        this.keys = new Keys(settings.redis().keyPrefix(), settings.pool());
        this.stream = client.getStream(keys.tasks(), StringCodec.INSTANCE);
        SimplePoolBuilder b = SimplePool.builder(settings.mode()).withWorkers(settings.concurrency()).withName(settings.name());
        settings.features().forEach(b::withFeature);
        this.local = b.build();
        this.slots = new Semaphore(settings.concurrency());
        this.scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("mr-dist-" + settings.name() + "-lease").factory());
        this.reader = Thread.ofPlatform().name("mr-dist-" + settings.name() + "-reader").unstarted(this::readLoop);
        this.flusher = Thread.ofPlatform().name("mr-dist-" + settings.name() + "-flusher").unstarted(this::flushLoop);
    }

    /**
     * Connects, joins the pool (creates its stream and group if needed), registers the heartbeat and starts
     * taking entries.
     *
     * @throws IllegalStateException if Redis cannot be reached (names the masked URL)
     */
    public static WorkerEngine start(WorkerSettings settings) {
        RedisBackend backend = RedisBackend.connect(settings.redis());
        WorkerEngine engine;
        try {
            engine = new WorkerEngine(settings, backend);
        } catch (RuntimeException e) {
            backend.close();
            throw e;
        }
        engine.ensureGroup();
        engine.heartbeat();
        engine.client.getSet(engine.keys.pools(), StringCodec.INSTANCE).add(settings.pool());
        long period = Math.max(20, settings.lease().toMillis() / 3);
        engine.scheduler.scheduleWithFixedDelay(engine::renewSafely, period, period, TimeUnit.MILLISECONDS);
        engine.scheduler.scheduleWithFixedDelay(engine::heartbeatSafely, period, period, TimeUnit.MILLISECONDS);
        long sweep = settings.lease().toMillis();
        engine.scheduler.scheduleWithFixedDelay(engine::sweepSafely, sweep, sweep, TimeUnit.MILLISECONDS);
        engine.reader.start();
        engine.flusher.start();
        return engine;
    }

    /** The worker's settings. */
    public WorkerSettings settings() {
        return settings;
    }

    /** Entries run to completion by this worker. */
    public long executed() {
        return executed.get();
    }

    /** Entries this worker took over from a worker whose lease ran out. */
    public long claimed() {
        return claimed.get();
    }

    /** Entries that named a task outside the allow-list (each failed alone). */
    public long unknownTasks() {
        return unknownTasks.get();
    }

    /** Entries in hand now. */
    public int inHand() {
        return inHand.size();
    }

    private void ensureGroup() {
        Keys.ensureGroup(stream);
    }

    private void readLoop() {
        long backoffMillis = 50;
        while (!stopping) {
            int taken = 0;
            int used = 0;
            try {
                if (!slots.tryAcquire(200, TimeUnit.MILLISECONDS)) {
                    continue;
                }
                taken = 1 + drainPermits(settings.concurrency() - 1);
                if (stopping) {
                    break;
                }
                long now = System.nanoTime();
                if (now - nextClaimNanos >= 0) {
                    nextClaimNanos = now + settings.lease().toNanos() / 3;
                    used += claimStale(taken);
                }
                if (used < taken && !stopping) {
                    Map<StreamMessageId, Map<String, String>> got = Waits.get(stream.readGroupAsync(Keys.GROUP,
                            settings.name(), StreamReadGroupArgs.neverDelivered().count(taken - used)
                                    .timeout(Duration.ofMillis(500))), 500, settings.redis().maskedUrl());
                    if (got != null) {
                        for (Map.Entry<StreamMessageId, Map<String, String>> e : got.entrySet()) {
                            dispatch(e.getKey().toString(), e.getValue(), false);
                            used++;
                        }
                    }
                }
                backoffMillis = 50;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (String.valueOf(e.getMessage()).contains("NOGROUP")) {
                    // Redis lost the stream (restart without persistence): make it again and carry on.
                    LOG.log(Level.WARNING, () -> settings.name() + ": the consumer group of pool '" + settings.pool()
                            + "' is gone at " + settings.redis().maskedUrl() + "; creating it again");
                    try {
                        ensureGroup();
                        continue;
                    } catch (RuntimeException again) {
                        e = again;
                    }
                }
                RuntimeException error = e;
                LOG.log(Level.WARNING, () -> settings.name() + ": cannot read pool '" + settings.pool() + "' at "
                        + settings.redis().maskedUrl() + ": " + error);
                try {
                    Thread.sleep(backoffMillis);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backoffMillis = Math.min(2_000, backoffMillis * 2);
            } finally {
                // each dispatched entry gives its slot back when it completes
                slots.release(taken - used);
            }
        }
    }

    private int drainPermits(int max) {
        int n = 0;
        while (n < max && slots.tryAcquire()) {
            n++;
        }
        return n;
    }

    /** Takes over entries idle longer than the lease (their worker died or lost Redis); returns how many. */
    private int claimStale(int max) {
        AutoClaimResult<String, String> r = stream.autoClaim(Keys.GROUP, settings.name(), settings.lease().toMillis(),
                TimeUnit.MILLISECONDS, StreamMessageId.MIN, max);
        int n = 0;
        for (Map.Entry<StreamMessageId, Map<String, String>> e : r.getMessages().entrySet()) {
            String id = e.getKey().toString();
            if (inHand.containsKey(id)) {
                continue; // ours already: our renewal was late, the task is still running here
            }
            claimed.incrementAndGet();
            Map<String, String> f = e.getValue();
            String c = f.get(Wire.CLIENT);
            String b = f.get(Wire.BATCH);
            if (c != null && b != null && Wire.CLIENT_ID.matcher(c).matches()) {
                String statsKey = keys.stats(c);
                client.getMap(statsKey, StringCodec.INSTANCE).addAndGetAsync(b + ":redelivered", 1)
                        .thenCompose(x -> client.getMap(statsKey, StringCodec.INSTANCE)
                                .expireAsync(Duration.ofMillis(REPLY_TTL_MILLIS)));
            }
            dispatch(id, f, true);
            n++;
        }
        return n;
    }

    private void dispatch(String id, Map<String, String> fields, boolean redelivered) {
        String c = fields.get(Wire.CLIENT);
        long batch;
        int index;
        try {
            batch = Long.parseLong(fields.getOrDefault(Wire.BATCH, ""));
            index = Integer.parseInt(fields.getOrDefault(Wire.INDEX, ""));
        } catch (NumberFormatException e) {
            batch = -1;
            index = -1;
        }
        if (c == null || !Wire.CLIENT_ID.matcher(c).matches() || batch < 0 || index < 0) {
            // Nobody can be told: drop it so it is not handed out for ever.
            LOG.log(Level.WARNING, () -> settings.name() + ": dropping malformed entry " + id + " of pool '"
                    + settings.pool() + "': " + fields.keySet());
            stream.ackAsync(Keys.GROUP, ClientEngine.parseId(id)).thenCompose(x -> stream.removeAsync(ClientEngine.parseId(id)));
            slots.release();
            return;
        }
        String taskName = fields.get(Wire.TASK);
        String data = fields.get(Wire.DATA);
        long b = batch;
        int i = index;
        inHand.put(id, new InHand(c, b));
        local.asyncApply(() -> run(taskName, data)).whenComplete((result, error) -> {
            String reply;
            if (result == null) {
                Instant now = Instant.now();
                reply = Wire.reply(b, i, settings.name(), 0, now, now, null,
                        error == null ? "java.util.concurrent.CancellationException" : error.getClass().getName(),
                        "worker " + settings.name() + " stopped before running the task");
            } else if (result.isSuccessful()) {
                reply = Wire.reply(b, i, result.workerName(), result.workerId(), result.start(), result.end(),
                        (JsonNode) result.value(), null, null);
            } else {
                Throwable t = result.error();
                reply = Wire.reply(b, i, result.workerName(), result.workerId(), result.start(), result.end(), null,
                        t.getClass().getName(), t.getMessage());
            }
            done.add(new Scripts.Completion(keys.reply(c), keys.stats(c), id, b, reply));
            executed.incrementAndGet();
            slots.release();
        });
    }

    private Object run(String taskName, String data) throws Exception {
        Registered<?, ?> r = taskName == null ? null : settings.tasks().get(taskName);
        if (r == null) {
            unknownTasks.incrementAndGet();
            throw new IllegalArgumentException("worker " + settings.name() + " of pool '" + settings.pool()
                    + "' does not run task '" + taskName + "'; its allow-list: " + new TreeSet<>(settings.tasks().keySet()));
        }
        if (data == null) {
            throw new IllegalArgumentException("entry of task '" + taskName + "' has no input");
        }
        return r.run(data);
    }

    private void flushLoop() {
        List<Scripts.Completion> chunk = new ArrayList<>(FLUSH_MAX);
        long backoffMillis = 50;
        while (true) {
            try {
                if (chunk.isEmpty()) {
                    Scripts.Completion first = done.poll(100, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        if (flusherStop) {
                            return;
                        }
                        continue;
                    }
                    chunk.add(first);
                    done.drainTo(chunk, FLUSH_MAX - 1);
                }
                Scripts.complete(client, keys, REPLY_TTL_MILLIS, chunk);
                for (Scripts.Completion c : chunk) {
                    inHand.remove(c.entryId());
                }
                chunk.clear();
                backoffMillis = 50;
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (flusherStop && backoffMillis >= 2_000) {
                    LOG.log(Level.WARNING, () -> settings.name() + ": giving up on " + chunk.size() + " results at "
                            + settings.redis().maskedUrl() + " (" + e + "); their inputs run again elsewhere after the lease");
                    return;
                }
                LOG.log(Level.WARNING, () -> settings.name() + ": cannot hand in " + chunk.size() + " results at "
                        + settings.redis().maskedUrl() + ": " + e);
                try {
                    Thread.sleep(backoffMillis);
                } catch (InterruptedException ie) {
                    return;
                }
                backoffMillis = Math.min(2_000, backoffMillis * 2);
            }
        }
    }

    private void renewSafely() {
        try {
            List<String> ids = new ArrayList<>(inHand.keySet());
            for (int from = 0; from < ids.size(); from += 500) {
                List<String> lost = Scripts.renew(client, keys, settings.name(), ids.subList(from, Math.min(ids.size(), from + 500)));
                if (!lost.isEmpty()) {
                    LOG.log(Level.DEBUG, () -> settings.name() + ": " + lost.size() + " entries in hand were taken over");
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, () -> settings.name() + ": lease renewal failed: " + e);
        }
    }

    private void sweepSafely() {
        try {
            sweepDeadConsumers();
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, () -> settings.name() + ": sweep of dead consumers failed: " + e);
        }
    }

    /**
     * Removes from the group the consumers of workers that died, so the group does not grow by one consumer
     * per dead worker for ever. A consumer goes when all hold:
     * <ul>
     *   <li>it owns no pending entry. Its entries are first taken over by live workers ({@code XAUTOCLAIM},
     *       once idle longer than a lease) and run again; removing a consumer that still owns entries would
     *       drop them from the group, and their results would be lost. Re-checked in the removing script.</li>
     *   <li>its worker is dead by the rule clients use: its heartbeat is older than
     *       {@value Heartbeat#DEAD_AFTER_LEASES} of its leases, or it has none (then our own lease stands in).</li>
     *   <li>Redis has not seen it for as long either (its idle time), so a worker whose clock is off but
     *       which still reads is kept.</li>
     * </ul>
     * Removing the consumer of a worker that was only cut off is harmless: it holds nothing, and Redis
     * makes the consumer again at its next read (its heartbeat comes back within a third of its lease).
     */
    private void sweepDeadConsumers() {
        List<StreamConsumer> consumers = stream.listConsumers(Keys.GROUP);
        if (consumers.size() <= 1) {
            return;
        }
        Map<String, String> beats = client.<String, String>getMap(keys.workers(), StringCodec.INSTANCE).readAllMap();
        long now = System.currentTimeMillis();
        for (StreamConsumer c : consumers) {
            String name = c.getName();
            if (name.equals(settings.name()) || c.getPending() > 0) {
                continue;
            }
            String beat = beats.get(name);
            Heartbeat h = beat == null ? null : Heartbeat.parse(beat);
            long deadAfter = h == null ? Heartbeat.DEAD_AFTER_LEASES * settings.lease().toMillis() : h.deadAfterMillis();
            if ((h != null && h.isLive(now)) || c.getIdleTime() <= deadAfter) {
                continue;
            }
            if (Scripts.removeDeadConsumer(client, keys, name, beat)) {
                LOG.log(Level.INFO, () -> settings.name() + ": removed consumer '" + name + "' of a dead worker from pool '"
                        + settings.pool() + "' (idle " + c.getIdleTime() + " ms, no entries left)");
            }
        }
    }

    private void heartbeatSafely() {
        try {
            heartbeat();
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, () -> settings.name() + ": heartbeat failed: " + e);
        }
    }

    private void heartbeat() {
        client.getMap(keys.workers(), StringCodec.INSTANCE).fastPut(settings.name(), describe());
    }

    private String describe() {
        var n = Codec.mapper().createObjectNode();
        n.put("name", settings.name());
        n.put("pid", ProcessHandle.current().pid());
        n.put("mode", settings.mode().name());
        n.put("concurrency", settings.concurrency());
        n.put("leaseMillis", settings.lease().toMillis());
        n.put("beat", System.currentTimeMillis());
        var tasks = n.putArray("tasks");
        new TreeSet<>(settings.tasks().keySet()).forEach(tasks::add);
        return n.toString();
    }

    /**
     * Graceful stop: takes no new entries, lets the tasks in hand finish and hands in their results, then
     * leaves the pool and disconnects. Blocks until then. Idempotent.
     */
    @Override
    public void close() {
        if (stopping) {
            return;
        }
        stopping = true;
        try {
            reader.join();
            local.close(); // waits for the tasks in hand
            flusherStop = true;
            flusher.join();
            scheduler.shutdownNow();
            try {
                client.getMap(keys.workers(), StringCodec.INSTANCE).fastRemove(settings.name());
                if (inHand.isEmpty()) {
                    stream.removeConsumer(Keys.GROUP, settings.name());
                }
            } catch (RuntimeException e) {
                LOG.log(Level.DEBUG, () -> settings.name() + ": could not leave the pool cleanly: " + e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            local.shutdownNow();
        } finally {
            scheduler.shutdownNow();
            backend.close();
        }
    }

    /** Names of the tasks this worker runs. */
    public Set<String> taskNames() {
        return new TreeSet<>(settings.tasks().keySet());
    }

    @Override
    public String toString() {
        return "DistributedWorker[" + settings.name() + " in pool '" + settings.pool() + "' at "
                + settings.redis().maskedUrl() + ", " + settings.mode() + " x" + settings.concurrency() + "]";
    }
}
