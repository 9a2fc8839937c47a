package io.multirunnable.distributed.redis;

import io.multirunnable.distributed.redis.internal.ClientSettings;
import io.multirunnable.internal.Check;
import io.multirunnable.sync.redis.RedisSync;
import io.multirunnable.sync.redis.internal.Settings;
import java.time.Duration;

/**
 * Builds a {@link DistributedPool}, the client side. Starts from the environment: URL from system property
 * {@value RedisSync#URL_PROPERTY}, else environment variable {@value RedisSync#URL_ENV}, else
 * {@value RedisSync#DEFAULT_URL} (the same as the redis {@code SyncProvider}). Not thread-safe;
 * {@link #build()} may be called many times.
 *
 * @since 0.2
 */
public final class DistributedPoolBuilder {
    /** Default {@link #withMaxInputBytes}: 1 MiB. */
    public static final int DEFAULT_MAX_INPUT_BYTES = 1 << 20;
    /** Default {@link #withMaxInFlight}: 10,000 inputs. */
    public static final int DEFAULT_MAX_IN_FLIGHT = 10_000;
    /** Default {@link #withOutageTolerance}: 30 s. */
    public static final Duration DEFAULT_OUTAGE_TOLERANCE = Duration.ofSeconds(30);
    /** Default {@link #withWorkerWait}: 10 s. */
    public static final Duration DEFAULT_WORKER_WAIT = Duration.ofSeconds(10);

    private final String pool;
    private String url;
    private String urlSource;
    private String keyPrefix = DistributedPool.DEFAULT_KEY_PREFIX;
    private Duration connectTimeout = RedisSync.DEFAULT_CONNECT_TIMEOUT;
    private Duration batchDeadline;
    private Duration outageTolerance = DEFAULT_OUTAGE_TOLERANCE;
    private Duration workerWait = DEFAULT_WORKER_WAIT;
    private int maxInputBytes = DEFAULT_MAX_INPUT_BYTES;
    private int maxInFlight = DEFAULT_MAX_IN_FLIGHT;

    DistributedPoolBuilder(String pool) {
        this.pool = DistributedPool.checkPoolName(pool);
        String[] env = DistributedPool.environmentUrl();
        this.url = env[0];
        this.urlSource = env[1];
    }

    /**
     * The Redis server, e.g. {@code redis://127.0.0.1:6379} or {@code rediss://:password@host:6380/0} (TLS and AUTH).
     *
     * @throws IllegalArgumentException "url must not be blank", "url must start with redis:// or rediss:// but was '...'"
     */
    public DistributedPoolBuilder withUrl(String url) {
        this.url = DistributedPool.checkUrl(url);
        this.urlSource = "DistributedPoolBuilder.withUrl";
        return this;
    }

    /**
     * The prefix of every Redis key of the pool; clients and workers must agree. Default
     * {@value DistributedPool#DEFAULT_KEY_PREFIX}.
     *
     * @throws IllegalArgumentException "keyPrefix must not be blank"
     */
    public DistributedPoolBuilder withKeyPrefix(String keyPrefix) {
        this.keyPrefix = Check.notBlank(keyPrefix, "keyPrefix");
        return this;
    }

    /**
     * The longest wait for a connection; an unreachable server fails {@link #build()} after about this long.
     * Default 2 s.
     *
     * @throws IllegalArgumentException "connectTimeout must be > 0 but was ..."
     */
    public DistributedPoolBuilder withConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = Check.positive(connectTimeout, "connectTimeout");
        return this;
    }

    /**
     * The longest one batch ({@code map}, {@code imap}, {@code apply}, {@code asyncApply}) may take, counted from
     * the call: inputs without a result by then get a {@link java.util.concurrent.TimeoutException} as their error
     * and leave the queue (workers already running them finish, their results are dropped). Applies whatever the
     * cause: slow tasks, no workers, or Redis down. Default: none.
     *
     * @throws IllegalArgumentException "batchDeadline must be > 0 but was ..."
     */
    public DistributedPoolBuilder withBatchDeadline(Duration batchDeadline) {
        this.batchDeadline = Check.positive(batchDeadline, "batchDeadline");
        return this;
    }

    /**
     * How long Redis may fail continuously (down, restarting, unreachable) before the inputs of open batches
     * without a result get an {@link IllegalStateException} naming the URL. No caller waits for ever on a dead
     * Redis, even without a batch deadline. Default 30 s.
     *
     * @throws IllegalArgumentException "outageTolerance must be > 0 but was ..."
     */
    public DistributedPoolBuilder withOutageTolerance(Duration outageTolerance) {
        this.outageTolerance = Check.positive(outageTolerance, "outageTolerance");
        return this;
    }

    /**
     * How long a batch waits for a first live worker in the pool before it fails with an error naming the pool
     * (a misspelt pool name fails after this). Default 10 s; zero checks once.
     *
     * @throws IllegalArgumentException "workerWait must be >= 0 but was ..."
     */
    public DistributedPoolBuilder withWorkerWait(Duration workerWait) {
        this.workerWait = Check.notNegative(workerWait, "workerWait");
        return this;
    }

    /**
     * The largest input accepted, in bytes of its JSON; a larger one is refused before anything is sent.
     * Default 1 MiB. Redis holds every input in flight: pass large data by reference (a path, a URL, a key).
     *
     * @throws IllegalArgumentException "maxInputBytes must be > 0 but was ..."
     */
    public DistributedPoolBuilder withMaxInputBytes(int maxInputBytes) {
        this.maxInputBytes = Check.positive(maxInputBytes, "maxInputBytes");
        return this;
    }

    /**
     * The most inputs of one batch in Redis at once (sent and not yet answered); the next ones are read and
     * sent as results come back. Default 10,000.
     *
     * @throws IllegalArgumentException "maxInFlight must be > 0 but was ..."
     */
    public DistributedPoolBuilder withMaxInFlight(int maxInFlight) {
        this.maxInFlight = Check.positive(maxInFlight, "maxInFlight");
        return this;
    }

    /**
     * Connects and returns the pool; close it when done. No worker needs to be running yet.
     *
     * @throws IllegalStateException "Cannot connect to Redis at redis://user:***@host:6379 (URL from ...): ..."
     */
    public DistributedPool build() {
        Settings redis = new Settings(url, urlSource, RedisSync.DEFAULT_LEASE, connectTimeout, keyPrefix);
        return new DistributedPool(new ClientSettings(redis, pool, batchDeadline, outageTolerance, workerWait,
                maxInputBytes, maxInFlight));
    }

    @Override
    public String toString() {
        return "DistributedPoolBuilder[" + pool + " at " + Settings.mask(url) + "]";
    }
}
