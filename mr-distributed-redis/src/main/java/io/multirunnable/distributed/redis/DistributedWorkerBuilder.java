package io.multirunnable.distributed.redis;

import io.multirunnable.CheckedFunction;
import io.multirunnable.RunningMode;
import io.multirunnable.distributed.redis.internal.Registered;
import io.multirunnable.distributed.redis.internal.WorkerSettings;
import io.multirunnable.internal.Check;
import io.multirunnable.sync.SyncPrimitive;
import io.multirunnable.sync.redis.RedisSync;
import io.multirunnable.sync.redis.internal.Settings;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Builds (and starts) a {@link DistributedWorker}: the pool to join, the allow-list of tasks, the running
 * mode and concurrency, the lease. URL defaults as for {@link DistributedPoolBuilder}. Not thread-safe.
 *
 * @since 0.2
 */
public final class DistributedWorkerBuilder implements TaskRegistry {
    /** Default {@link #withLease}: 30 s. */
    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(30);
    /** The shortest lease accepted: 300 ms (renewal runs every lease / 3). */
    public static final Duration MIN_LEASE = Duration.ofMillis(300);
    /** Default {@link #withConcurrency}: 16. */
    public static final int DEFAULT_CONCURRENCY = 16;
    private static final AtomicInteger WORKERS = new AtomicInteger();

    private final String pool;
    private String url;
    private String urlSource;
    private String keyPrefix = DistributedPool.DEFAULT_KEY_PREFIX;
    private Duration connectTimeout = RedisSync.DEFAULT_CONNECT_TIMEOUT;
    private RunningMode mode = RunningMode.GREEN_THREAD;
    private int concurrency = DEFAULT_CONCURRENCY;
    private Duration lease = DEFAULT_LEASE;
    private String name;
    private final Map<String, Registered<?, ?>> tasks = new LinkedHashMap<>();
    private final Map<String, Object> features = new LinkedHashMap<>();

    DistributedWorkerBuilder(String pool) {
        this.pool = DistributedPool.checkPoolName(pool);
        String[] env = DistributedPool.environmentUrl();
        this.url = env[0];
        this.urlSource = env[1];
    }

    /**
     * The Redis server, {@code redis://...} or {@code rediss://...} (TLS), with AUTH as {@code redis://:password@host}.
     *
     * @throws IllegalArgumentException "url must not be blank", "url must start with redis:// or rediss:// but was '...'"
     */
    public DistributedWorkerBuilder withUrl(String url) {
        this.url = DistributedPool.checkUrl(url);
        this.urlSource = "DistributedWorkerBuilder.withUrl";
        return this;
    }

    /**
     * The key prefix; must be the clients'. Default {@value DistributedPool#DEFAULT_KEY_PREFIX}.
     *
     * @throws IllegalArgumentException "keyPrefix must not be blank"
     */
    public DistributedWorkerBuilder withKeyPrefix(String keyPrefix) {
        this.keyPrefix = Check.notBlank(keyPrefix, "keyPrefix");
        return this;
    }

    /**
     * The longest wait for a connection. Default 2 s.
     *
     * @throws IllegalArgumentException "connectTimeout must be > 0 but was ..."
     */
    public DistributedWorkerBuilder withConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = Check.positive(connectTimeout, "connectTimeout");
        return this;
    }

    /**
     * How tasks run in this JVM: a local pool of this mode. Default {@link RunningMode#GREEN_THREAD}.
     *
     * @throws IllegalArgumentException "mode must not be null"
     */
    public DistributedWorkerBuilder withMode(RunningMode mode) {
        this.mode = Check.notNull(mode, "mode");
        return this;
    }

    /**
     * The most tasks this worker runs at once (and takes from the pool at once). Default 16.
     *
     * @throws IllegalArgumentException "concurrency must be > 0 but was ..."
     */
    public DistributedWorkerBuilder withConcurrency(int concurrency) {
        this.concurrency = Check.positive(concurrency, "concurrency");
        return this;
    }

    /**
     * How long an input this worker took stays its own without renewal. The worker renews its inputs every
     * {@code lease / 3}; if it dies (or is cut off from Redis) another worker takes them over after the lease
     * and runs them again. Longer: slower recovery; shorter: more re-runs after GC pauses. Default 30 s.
     *
     * @throws IllegalArgumentException "lease must be >= PT0.3S but was ..."
     */
    public DistributedWorkerBuilder withLease(Duration lease) {
        this.lease = Check.atLeast(lease, MIN_LEASE, "lease");
        return this;
    }

    /**
     * This worker's name in the pool (the prefix of its worker names). Default {@code pid@host#n}; must be
     * unique in the pool.
     *
     * @throws IllegalArgumentException "name must not be blank", "worker name must match ... but was '...'"
     */
    public DistributedWorkerBuilder withName(String name) {
        Check.notBlank(name, "name");
        Check.argument(NAME_RULE.matcher(name).matches(), "worker name must match " + NAME_RULE.pattern()
                + " but was '" + name + "'");
        this.name = name;
        return this;
    }

    private static final java.util.regex.Pattern NAME_RULE = java.util.regex.Pattern.compile("[A-Za-z0-9._@#-]{1,100}");

    /**
     * Adds {@code task} to the allow-list, run by {@code function}.
     *
     * @throws IllegalArgumentException "task must not be null", "function must not be null", "task 'NAME' is already registered"
     */
    public <I, O> DistributedWorkerBuilder withTask(DistributedTask<I, O> task, CheckedFunction<? super I, ? extends O> function) {
        Check.notNull(task, "task");
        Check.notNull(function, "function");
        Check.argument(!tasks.containsKey(task.name()), "task '" + task.name() + "' is already registered");
        tasks.put(task.name(), new Registered<>(task, function));
        return this;
    }

    /** {@link #withTask}, as a {@link TaskRegistry}. */
    @Override
    public <I, O> TaskRegistry register(DistributedTask<I, O> task, CheckedFunction<? super I, ? extends O> function) {
        return withTask(task, function);
    }

    /**
     * Registers every task of {@code set}.
     *
     * @throws IllegalArgumentException "taskSet must not be null", or a task registered twice
     */
    public DistributedWorkerBuilder withTasks(TaskSet set) {
        Check.notNull(set, "taskSet").register(this);
        return this;
    }

    /**
     * Gives every task the feature {@code primitive} under its name, as {@link io.multirunnable.SimplePoolBuilder#withFeature}
     * does; for shared primitives, make it with a {@link RedisSync} so every worker JVM sees the same one.
     *
     * @throws IllegalArgumentException "feature must not be null", or a name already used
     */
    public DistributedWorkerBuilder withFeature(SyncPrimitive primitive) {
        Check.notNull(primitive, "feature");
        return withFeature(primitive.name(), primitive);
    }

    /**
     * Gives every task the feature {@code feature} under {@code name}
     * ({@code WorkerContext.current().feature(name, Type.class)}), e.g. a {@link RedisSync} to make primitives
     * by name in tasks.
     *
     * @throws IllegalArgumentException "feature name must not be blank", "feature must not be null", or a name already used
     */
    public DistributedWorkerBuilder withFeature(String name, Object feature) {
        Check.notBlank(name, "feature name");
        Check.notNull(feature, "feature");
        Check.argument(!features.containsKey(name), "feature '" + name + "' is already set; give each feature its own name");
        features.put(name, feature);
        return this;
    }

    /**
     * Connects, joins the pool and starts taking inputs; returns at once.
     *
     * @throws IllegalStateException "no task registered ..." or "Cannot connect to Redis at URL (masked) ..."
     */
    public DistributedWorker start() {
        Check.state(!tasks.isEmpty(), "no task registered for a worker of pool '" + pool
                + "': add some with withTask(...) or withTasks(TaskSet)");
        String n = name != null ? name : ProcessHandle.current().pid() + "@" + host() + "#" + WORKERS.incrementAndGet();
        Settings redis = new Settings(url, urlSource, lease, connectTimeout, keyPrefix);
        return new DistributedWorker(new WorkerSettings(redis, pool, n, mode, concurrency, lease, Map.copyOf(tasks),
                new LinkedHashMap<>(features)));
    }

    private static String host() {
        try {
            String h = java.net.InetAddress.getLocalHost().getHostName();
            return h.replaceAll("[^A-Za-z0-9.-]", "-");
        } catch (java.net.UnknownHostException e) {
            return "localhost";
        }
    }

    @Override
    public String toString() {
        return "DistributedWorkerBuilder[" + pool + " at " + Settings.mask(url) + ", tasks=" + tasks.keySet() + "]";
    }
}
