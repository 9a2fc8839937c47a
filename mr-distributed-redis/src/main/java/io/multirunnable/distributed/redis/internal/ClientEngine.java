package io.multirunnable.distributed.redis.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.multirunnable.WorkerResult;
import io.multirunnable.distributed.redis.BatchReport;
import io.multirunnable.distributed.redis.DistributedTask;
import io.multirunnable.distributed.redis.RemoteTaskException;
import io.multirunnable.sync.redis.internal.RedisBackend;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.redisson.api.BatchResult;
import org.redisson.api.RBatch;
import org.redisson.api.RFuture;
import org.redisson.api.RMap;
import org.redisson.api.RStream;
import org.redisson.api.RStreamAsync;
import org.redisson.api.RedissonClient;
import org.redisson.api.StreamMessageId;
import org.redisson.api.stream.StreamAddArgs;
import org.redisson.api.stream.StreamReadArgs;
import org.redisson.client.codec.StringCodec;

/**
 * The client side of a distributed pool: sends inputs as stream entries, files the replies a receiver
 * thread pops from this client's reply list, enforces deadlines and the outage tolerance, and sends the
 * unanswered inputs again when Redis comes back without its data.
 */
public final class ClientEngine implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ClientEngine.class.getName());
    private static final int SEND_CHUNK = 500;
    private static final int RECEIVE_CHUNK = 1000;
    private static final long MARKER_TTL_MILLIS = TimeUnit.MINUTES.toMillis(10);
    private static final AtomicLong CLIENTS = new AtomicLong();

    private final ClientSettings settings;
    private final RedisBackend backend;
    private final RedissonClient client;
    private final Keys keys;
    private final String clientId;
    private final RStream<String, String> stream;
    private final RStream<String, String> replies;
    private StreamMessageId lastReply = new StreamMessageId(0, 0); // receiver thread only
    private final Map<Long, Batch<?>> open = new ConcurrentHashMap<>();
    private final AtomicLong batchIds = new AtomicLong();
    private final AtomicLong reExecutions = new AtomicLong();
    private final Thread receiver;
    private volatile boolean closed;
    private volatile long outageSinceNanos; // 0: Redis answers
    private long lastOkNanos = System.nanoTime(); // receiver thread only
    private volatile RuntimeException lastError;
    private volatile long workersCheckedNanos;
    private volatile Set<String> liveTasks = Set.of();

    private ClientEngine(ClientSettings settings, RedisBackend backend) {
        this.settings = settings;
        this.backend = backend;
        this.client = backend.client();
        this.keys = new Keys(settings.redis().keyPrefix(), settings.pool());
        this.clientId = "c" + ProcessHandle.current().pid() + "-" + CLIENTS.incrementAndGet() + "-"
                + Long.toString(System.nanoTime() & 0xffffffL, 36);
        this.stream = client.getStream(keys.tasks(), StringCodec.INSTANCE);
        this.replies = client.getStream(keys.reply(clientId), StringCodec.INSTANCE);
        this.receiver = Thread.ofPlatform().daemon().name("mr-dist-client-" + clientId).unstarted(this::receiveLoop);
    }

    /**
     * Connects and starts the receiver.
     *
     * @throws IllegalStateException "Cannot connect to Redis at URL (masked) ..."
     */
    public static ClientEngine connect(ClientSettings settings) {
        RedisBackend backend = RedisBackend.connect(settings.redis());
        ClientEngine engine = new ClientEngine(settings, backend);
        try {
            engine.ensureGroup();
            engine.client.getBucket(engine.keys.marker(engine.clientId), StringCodec.INSTANCE)
                    .set("1", Duration.ofMillis(MARKER_TTL_MILLIS));
        } catch (RuntimeException e) {
            backend.close();
            throw new IllegalStateException("Cannot use Redis at " + settings.redis().maskedUrl() + " for pool '"
                    + settings.pool() + "': " + e.getMessage(), e);
        }
        engine.receiver.start();
        return engine;
    }

    public ClientSettings settings() {
        return settings;
    }

    /** Executions beyond the first over every batch so far. */
    public long reExecutions() {
        return reExecutions.get();
    }

    private void ensureGroup() {
        Keys.ensureGroup(stream);
    }

    // ---------------------------------------------------------------- checks

    /** Encodes one input, checking its type and size. */
    public <I> String encode(DistributedTask<I, ?> task, int index, Object input) {
        if (input == null) {
            throw new IllegalArgumentException("input " + index + " of task '" + task.name() + "' must not be null");
        }
        if (!task.inputType().isInstance(input)) {
            throw new IllegalArgumentException("input " + index + " of task '" + task.name() + "' must be a "
                    + task.inputType().getName() + " but was a " + input.getClass().getName());
        }
        String json;
        try {
            json = Codec.write(input);
            Codec.read(json, task.inputType()); // what a worker cannot read back must not leave
        } catch (Exception e) {
            throw new IllegalArgumentException("input " + index + " of task '" + task.name() + "' ("
                    + input.getClass().getName() + ") cannot be sent as JSON: " + Codec.shortMessage(e), e);
        }
        int bytes = json.length() * 3 > settings.maxInputBytes()
                ? json.getBytes(java.nio.charset.StandardCharsets.UTF_8).length : json.length();
        if (bytes > settings.maxInputBytes()) {
            throw new IllegalArgumentException("input " + index + " of task '" + task.name() + "' is " + bytes
                    + " bytes of JSON, over the limit maxInputBytes = " + settings.maxInputBytes()
                    + " (DistributedPoolBuilder.withMaxInputBytes)");
        }
        return json;
    }

    /**
     * Checks that a live worker of the pool runs {@code task}, waiting up to the worker wait for a first
     * live worker.
     *
     * @throws IllegalStateException    no live worker in the pool (names the pool, the URL and the known pools)
     * @throws IllegalArgumentException live workers, but none runs the task (names the task and theirs)
     */
    public void checkWorkers(DistributedTask<?, ?> task) throws InterruptedException {
        if (System.nanoTime() - workersCheckedNanos < TimeUnit.SECONDS.toNanos(1) && liveTasks.contains(task.name())) {
            return;
        }
        long until = System.nanoTime() + settings.workerWait().toNanos();
        Set<String> tasks;
        while (true) {
            Map<String, Set<String>> live;
            try {
                live = liveWorkers();
            } catch (RuntimeException e) {
                throw new IllegalStateException("Cannot reach Redis at " + settings.redis().maskedUrl()
                        + " to find the workers of pool '" + settings.pool() + "': " + e.getMessage(), e);
            }
            tasks = new TreeSet<>();
            live.values().forEach(tasks::addAll);
            if (!live.isEmpty() || System.nanoTime() - until >= 0) {
                if (live.isEmpty()) {
                    Set<String> pools = new TreeSet<String>(client.<String>getSet(keys.pools(), StringCodec.INSTANCE).readAll());
                    throw new IllegalStateException("no live worker in pool '" + settings.pool() + "' at "
                            + settings.redis().maskedUrl() + " after waiting " + settings.workerWait()
                            + " (DistributedPoolBuilder.withWorkerWait); pools that have had workers there: " + pools
                            + ". Check the pool name, or start workers with WorkerLauncher --pool " + settings.pool());
                }
                break;
            }
            Thread.sleep(100);
        }
        liveTasks = tasks;
        workersCheckedNanos = System.nanoTime();
        if (!tasks.contains(task.name())) {
            throw new IllegalArgumentException("no live worker of pool '" + settings.pool() + "' at "
                    + settings.redis().maskedUrl() + " runs task '" + task.name() + "'; the tasks they run: " + tasks);
        }
    }

    /** Live workers (heartbeat within {@value Heartbeat#DEAD_AFTER_LEASES} leases) and the tasks each runs. */
    public Map<String, Set<String>> liveWorkers() {
        Map<String, String> all = client.<String, String>getMap(keys.workers(), StringCodec.INSTANCE).readAllMap();
        Map<String, Set<String>> live = new LinkedHashMap<>();
        long now = System.currentTimeMillis();
        for (Map.Entry<String, String> e : all.entrySet()) {
            Heartbeat h = Heartbeat.parse(e.getValue()); // null: not one of ours, ignored
            if (h != null && h.isLive(now)) {
                live.put(e.getKey(), h.tasks());
            }
        }
        return live;
    }

    // ---------------------------------------------------------------- batches

    /** Starts a batch (registers it for replies); inputs are sent by {@link #pump}. */
    public <O> Batch<O> open(DistributedTask<?, O> task, Iterator<Batch.Encoded> inputs, boolean drainOnExpiry) {
        return open(task, inputs, drainOnExpiry, settings.batchDeadline());
    }

    /** {@link #open(DistributedTask, Iterator, boolean)} with its own deadline ({@code null}: none). */
    public <O> Batch<O> open(DistributedTask<?, O> task, Iterator<Batch.Encoded> inputs, boolean drainOnExpiry,
                             Duration deadlineAfter) {
        if (closed) {
            throw new IllegalStateException("distributed pool '" + settings.pool() + "' is closed");
        }
        Batch<O> b = new Batch<>(batchIds.incrementAndGet(), task, Thread.currentThread().getName(), inputs, deadlineAfter,
                drainOnExpiry);
        open.put(b.id, b);
        return b;
    }

    /**
     * Sends what the window allows, expires the batch at its deadline, and waits (at most 200 ms) until
     * {@code ready} holds. Called by the caller's thread in a loop.
     */
    public void pump(Batch<?> b, BooleanSupplier ready) throws InterruptedException {
        if (b.failure() == null && !b.isExhausted() && b.inFlight() < settings.maxInFlight()) {
            send(b, b.take(settings.maxInFlight() - b.inFlight()));
        } else if (b.failure() != null && !b.isExhausted()) {
            b.take(Integer.MAX_VALUE); // answers what is left with the failure (map) or stops reading (imap)
        }
        if (b.deadlineNanos != Long.MAX_VALUE && System.nanoTime() - b.deadlineNanos >= 0 && !b.isComplete()) {
            expire(b);
        }
        if (ready.getAsBoolean()) {
            return;
        }
        int low = Math.max(1, settings.maxInFlight() / 2);
        b.await(() -> ready.getAsBoolean() || b.failure() != null
                || (!b.isExhausted() && b.inFlight() < low), Batch.waitSlice(b.deadlineNanos));
    }

    /** Answers the unanswered inputs of {@code b} with a timeout (its deadline passed). */
    public void expire(Batch<?> b) {
        List<String> ids = b.fail(new TimeoutException("the batch deadline " + b.deadline + " of pool '"
                + settings.pool() + "' passed before this input of task '" + b.task.name()
                + "' had a result (DistributedPoolBuilder.withBatchDeadline)"));
        forget(ids);
    }

    /** Cancels a batch: unanswered inputs get a CancellationException and leave the stream (best effort). */
    public void cancel(Batch<?> b, String why) {
        CancellationException c = new CancellationException(why);
        forget(b.fail(c));
    }

    private void forget(List<String> ids) {
        if (ids.isEmpty()) {
            return;
        }
        try {
            stream.removeAsync(ids.stream().map(ClientEngine::parseId).toArray(StreamMessageId[]::new));
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, () -> "could not remove " + ids.size() + " cancelled entries: " + e);
        }
    }

    static StreamMessageId parseId(String id) {
        int dash = id.indexOf('-');
        return new StreamMessageId(Long.parseLong(id.substring(0, dash)), Long.parseLong(id.substring(dash + 1)));
    }

    private void send(Batch<?> b, List<Map.Entry<Integer, String>> chunk) throws InterruptedException {
        for (int from = 0; from < chunk.size(); from += SEND_CHUNK) {
            List<Map.Entry<Integer, String>> part = chunk.subList(from, Math.min(chunk.size(), from + SEND_CHUNK));
            long firstFailure = 0;
            while (true) {
                try {
                    add(b, part);
                    break;
                } catch (RuntimeException e) {
                    long now = System.nanoTime();
                    firstFailure = firstFailure == 0 ? now : firstFailure;
                    if (now - firstFailure >= settings.outageTolerance().toNanos()
                            || (b.deadlineNanos != Long.MAX_VALUE && now - b.deadlineNanos >= 0)) {
                        forget(b.fail(unreachable(e, Duration.ofNanos(now - firstFailure))));
                        return;
                    }
                    Thread.sleep(200);
                }
            }
        }
    }

    /** XADDs entries in one pipeline and records their ids. */
    private void add(Batch<?> b, List<Map.Entry<Integer, String>> part) {
        RBatch pipe = client.createBatch();
        RStreamAsync<String, String> s = pipe.getStream(keys.tasks(), StringCodec.INSTANCE);
        List<RFuture<StreamMessageId>> ids = new ArrayList<>(part.size());
        for (Map.Entry<Integer, String> e : part) {
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put(Wire.CLIENT, clientId);
            fields.put(Wire.BATCH, Long.toString(b.id));
            fields.put(Wire.INDEX, Integer.toString(e.getKey()));
            fields.put(Wire.TASK, b.task.name());
            fields.put(Wire.DATA, e.getValue());
            ids.add(s.addAsync(StreamAddArgs.entries(fields)));
        }
        BatchResult<?> result = pipe.execute();
        List<?> responses = result.getResponses();
        for (int k = 0; k < part.size(); k++) {
            Batch.Pending p = b.pending.get(part.get(k).getKey());
            if (p != null) {
                p.entryId = String.valueOf(responses.get(k));
            }
        }
    }

    private IllegalStateException unreachable(RuntimeException cause, Duration since) {
        return new IllegalStateException("Redis at " + settings.redis().maskedUrl() + " failed for " + since
                + ", beyond the outage tolerance " + settings.outageTolerance()
                + " (DistributedPoolBuilder.withOutageTolerance): " + cause.getMessage(), cause);
    }

    /** Closes a finished batch: reads its counters from Redis and reports. */
    public BatchReport finish(Batch<?> b) {
        open.remove(b.id);
        long redelivered = 0;
        long discarded = 0;
        try {
            RMap<String, String> stats = client.getMap(keys.stats(clientId), StringCodec.INSTANCE);
            Map<String, String> got = stats.getAll(Set.of(b.id + ":redelivered", b.id + ":discarded"));
            redelivered = Long.parseLong(got.getOrDefault(b.id + ":redelivered", "0"));
            discarded = Long.parseLong(got.getOrDefault(b.id + ":discarded", "0"));
            stats.fastRemoveAsync(b.id + ":redelivered", b.id + ":discarded");
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, () -> "could not read the counters of batch " + b.id + ": " + e);
        }
        int failed = 0;
        for (int i = 0; i < b.inputsRead(); i++) {
            WorkerResult<?> r = b.resultAt(i);
            if (r != null && !r.isSuccessful()) {
                failed++;
            }
        }
        reExecutions.addAndGet(redelivered + b.resubmitted.get());
        return new BatchReport(b.task.name(), b.inputsRead(), failed, redelivered, b.resubmitted.get(), discarded,
                b.duplicates.get(), Duration.ofNanos(System.nanoTime() - b.startNanos),
                b.failure() instanceof TimeoutException);
    }

    // ---------------------------------------------------------------- receiving

    private void receiveLoop() {
        long nextMarkerCheck = 0;
        while (!closed) {
            try {
                Map<StreamMessageId, Map<String, String>> got = Waits.get(replies.readAsync(
                        StreamReadArgs.greaterThan(lastReply).count(RECEIVE_CHUNK).timeout(Duration.ofMillis(500))),
                        500, settings.redis().maskedUrl());
                if (got != null && !got.isEmpty()) {
                    for (Map.Entry<StreamMessageId, Map<String, String>> e : got.entrySet()) {
                        String reply = e.getValue().get("r");
                        if (reply != null) {
                            fileReply(reply);
                        }
                        lastReply = e.getKey();
                    }
                    replies.removeAsync(got.keySet().toArray(StreamMessageId[]::new));
                }
                long now = System.nanoTime();
                if (now - nextMarkerCheck >= 0) {
                    nextMarkerCheck = now + TimeUnit.SECONDS.toNanos(1);
                    checkMarker();
                }
                outageSinceNanos = 0;
                lastOkNanos = System.nanoTime();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (closed) {
                    return;
                }
                lastError = e;
                long now = System.nanoTime();
                if (outageSinceNanos == 0) {
                    // the outage began at the last answer, not when the failing command gave up
                    outageSinceNanos = lastOkNanos;
                    LOG.log(Level.WARNING, () -> "pool '" + settings.pool() + "': Redis at " + settings.redis().maskedUrl()
                            + " fails: " + e + "; waiting up to " + settings.outageTolerance());
                }
                if (now - outageSinceNanos >= settings.outageTolerance().toNanos()) {
                    IllegalStateException error = unreachable(e, Duration.ofNanos(now - outageSinceNanos));
                    for (Batch<?> b : open.values()) {
                        b.fail(error);
                    }
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    /**
     * The marker key disappears only if Redis lost its data (a restart without persistence, a flush): then
     * the stream, the group and every entry not yet answered are gone, so this client makes the group again
     * and sends every unanswered input again.
     */
    private void checkMarker() {
        boolean alive = client.getBucket(keys.marker(clientId), StringCodec.INSTANCE)
                .expire(Duration.ofMillis(MARKER_TTL_MILLIS));
        if (alive) {
            return;
        }
        LOG.log(Level.WARNING, () -> "pool '" + settings.pool() + "': Redis at " + settings.redis().maskedUrl()
                + " lost this client's data (restarted without persistence?); sending the unanswered inputs again");
        ensureGroup();
        client.getBucket(keys.marker(clientId), StringCodec.INSTANCE).set("1", Duration.ofMillis(MARKER_TTL_MILLIS));
        for (Batch<?> b : open.values()) {
            List<Map.Entry<Integer, String>> again = new ArrayList<>();
            for (Map.Entry<Integer, Batch.Pending> e : b.pending.entrySet()) {
                if (e.getValue().entryId != null) {
                    again.add(Map.entry(e.getKey(), e.getValue().json));
                }
            }
            for (int from = 0; from < again.size(); from += SEND_CHUNK) {
                add(b, again.subList(from, Math.min(again.size(), from + SEND_CHUNK)));
            }
            b.resubmitted.addAndGet(again.size());
        }
    }

    private void fileReply(String json) {
        JsonNode n;
        try {
            n = Codec.mapper().readTree(json);
        } catch (Exception e) {
            LOG.log(Level.WARNING, () -> "pool '" + settings.pool() + "': ignoring a malformed reply: " + e);
            return;
        }
        Batch<?> b = open.get(n.path("b").asLong(-1));
        if (b != null) {
            fileInto(b, n);
        }
    }

    private static <O> void fileInto(Batch<O> b, JsonNode n) {
        b.file(toResult(b, n));
    }

    private static <O> WorkerResult<O> toResult(Batch<O> b, JsonNode n) {
        int index = n.path("i").asInt();
        String worker = n.path("w").asText();
        long workerId = n.path("wid").asLong();
        var start = Wire.instant(n.path("s").asLong());
        var end = Wire.instant(n.path("e").asLong());
        if (n.has("et")) {
            RemoteTaskException error = new RemoteTaskException(n.path("et").asText(),
                    n.has("em") ? n.path("em").asText() : null, worker);
            return new WorkerResult<>(worker, workerId, b.parent, index, null, error, start, end);
        }
        try {
            JsonNode v = n.get("v");
            O value = v == null || v.isNull() ? null : Codec.read(v, b.task.resultType());
            return new WorkerResult<>(worker, workerId, b.parent, index, value, null, start, end);
        } catch (Exception e) {
            return new WorkerResult<>(worker, workerId, b.parent, index, null, new IllegalStateException(
                    "the result of input " + index + " of task '" + b.task.name() + "' is not a valid "
                            + b.task.resultType().getName() + ": " + Codec.shortMessage(e), e), start, end);
        }
    }

    /** Open batches, for close(). */
    public int openBatches() {
        return open.size();
    }

    /** Cancels every open batch (terminate). */
    public void cancelAll(String why) {
        for (Batch<?> b : open.values()) {
            cancel(b, why);
        }
    }

    /** The last Redis error the receiver saw, or null. */
    public RuntimeException lastError() {
        return lastError;
    }

    /** Stops receiving, deletes this client's keys, disconnects. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        receiver.interrupt();
        try {
            receiver.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            client.getKeys().delete(keys.reply(clientId), keys.stats(clientId), keys.marker(clientId));
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, () -> "could not delete this client's keys: " + e);
        }
        backend.close();
    }

    public String clientId() {
        return clientId;
    }

    public Keys keys() {
        return keys;
    }
}
