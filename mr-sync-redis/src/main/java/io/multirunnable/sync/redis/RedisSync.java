package io.multirunnable.sync.redis;

import io.multirunnable.internal.Check;
import io.multirunnable.internal.Durations;
import io.multirunnable.sync.BoundedSemaphore;
import io.multirunnable.sync.Condition;
import io.multirunnable.sync.Event;
import io.multirunnable.sync.Lock;
import io.multirunnable.sync.RLock;
import io.multirunnable.sync.Semaphore;
import io.multirunnable.sync.redis.internal.RedisBackend;
import io.multirunnable.sync.redis.internal.Settings;
import io.multirunnable.sync.spi.SyncProvider;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Synchronization primitives shared by every JVM connected to one Redis server, through Redisson: the
 * {@link SyncProvider} named {@value #NAME}. Primitives with the same kind and name are the same
 * primitive in every process.
 *
 * <p>Two ways to use it:
 * <pre>{@code
 * // 1. by configuration, no code change: java -Dmultirunnable.sync=redis -Dmultirunnable.sync.redis.url=redis://host:6379 ...
 * Semaphore slots = Sync.semaphore("downloads", 4);          // now shared by every process
 *
 * // 2. explicitly
 * try (RedisSync redis = RedisSync.builder().withUrl("redis://host:6379").withLease(Duration.ofSeconds(10)).build()) {
 *     Lock lock = redis.newLock("orders");
 *     DistributedCounter done = redis.counter("orders-done");
 * }
 * }</pre>
 *
 * <p><b>Names</b> are the identity in Redis (under the key prefix, per kind: a Lock and a Semaphore may share a
 * name). Give shared primitives explicit names: the names {@code Sync} generates ({@code "lock-1"}, ...) are
 * the same in every process that generates them in the same order, so they are shared too.
 *
 * <p><b>Configuration</b> (for {@link #shared()}, and the builder's starting values): URL from system
 * property {@value #URL_PROPERTY}, else environment variable {@value #URL_ENV}, else {@value #DEFAULT_URL};
 * lease from system property {@value #LEASE_PROPERTY} (ISO-8601 such as {@code PT10S}, or milliseconds),
 * else 30 s; key prefix from {@value #PREFIX_PROPERTY}, else {@value #DEFAULT_KEY_PREFIX}.
 *
 * <p><b>Leases</b>, so a crashed holder cannot block the others forever:
 * <ul>
 *   <li>Semaphore, BoundedSemaphore and Lock are permits of a Redisson {@code RPermitExpirableSemaphore}
 *       (a Lock has one permit). Each permit is taken with the lease and a daemon thread renews the
 *       permits this JVM holds every {@code lease / 3}. A holder that crashes (or is killed, frozen or cut
 *       off from Redis) stops renewing and its permit comes back {@code lease} after the last renewal. Chosen
 *       over a plain Redis semaphore (permits of a dead process would be lost for ever) and over a fixed
 *       lease without renewal (a slow but live holder would lose its permit silently).</li>
 *   <li>RLock and the lock of a Condition are Redisson locks with its watchdog set to the lease: renewed
 *       every {@code lease / 3} while this JVM lives, freed {@code lease} after it dies.</li>
 * </ul>
 * Limits: a lease cannot tell a dead holder from one paused longer than the lease (GC, VM freeze,
 * partition); that one loses its hold without knowing until its {@code release()} throws. Use
 * {@link Fenced fencing tokens} where two holders at once would do harm. Holds belong to the handle
 * (the primitive object) that took them: a permit taken through one handle is released through it.
 * Redis itself is a single point: with replication, a hold acknowledged by a primary that fails before
 * replicating can be granted twice (see Redisson's and Redis' own documentation).
 *
 * <p><b>Semantics</b> follow the local primitives: the same timeout behaviour ({@code tryAcquire(Duration)}
 * false, {@code acquire(Duration)} throws {@link io.multirunnable.sync.SyncTimeoutException}; waits are
 * at millisecond granularity, rounded up), interruption ({@link InterruptedException}, flag cleared,
 * nothing taken: an attempt in flight at the interrupt is cancelled and whatever it takes is given
 * back (a command already sent may hold it for a round trip or two first), so cancelling a worker
 * blocked in {@code acquire} leaves the primitive free; {@code release()}
 * is not interruptible and keeps the flag set, so a cancelled worker's guard still releases),
 * and the same messages for a release without a matching acquire, a release by a non-owner, and a
 * BoundedSemaphore over-release. Differences: a BoundedSemaphore only accepts releases of permits taken
 * through the same handle; a plain Semaphore's release without a hold adds a permit in Redis for every
 * process. A Redis error (server down, restarting, unreachable) is a {@link RedisSyncException}, an
 * {@link IllegalStateException} naming the URL (password masked) and the operation, never Redisson's own
 * exception. Waits without a timeout keep waiting through an outage (logged once as a warning).
 *
 * <p><b>Restarts</b>: handles keep working after the server restarts, also a server without persistence
 * that forgot every key: waits run in slices of at most a second, after which a semaphore's (or lock's)
 * permits are set again if Redis lost them. Holds taken before such a restart are lost with the server's
 * memory (their {@code release()} then reports a hold past its lease). Fencing tokens keep growing across
 * such a restart because they follow the server's clock (see {@link Fenced} for the exact guarantee and its
 * clock assumption).
 *
 * <p>Names and permits are checked when the primitive is made, after connecting (see
 * {@link io.multirunnable.sync.spi.AbstractAcquirable}).
 *
 * <p><b>Lifecycle</b>: close what {@link #builder()} built. Redisson's threads are not daemon threads, so
 * each instance also watches for the end of the program: once {@code main} has returned and only
 * Redisson's threads are left, it closes itself and the JVM exits as it would without Redis.
 *
 * <p>Thread-safe. Passwords in the URL never appear in messages, logs or {@code toString}.
 *
 * @since 0.1
 */
public final class RedisSync implements SyncProvider, AutoCloseable {
    /** The provider name: {@code -Dmultirunnable.sync=redis} selects it. */
    public static final String NAME = "redis";
    /** System property with the Redis URL. */
    public static final String URL_PROPERTY = "multirunnable.sync.redis.url";
    /** Environment variable with the Redis URL, read when {@value #URL_PROPERTY} is unset. */
    public static final String URL_ENV = "MR_REDIS_URL";
    /** System property with the lease: ISO-8601 ({@code PT10S}) or milliseconds. */
    public static final String LEASE_PROPERTY = "multirunnable.sync.redis.lease";
    /** System property with the key prefix. */
    public static final String PREFIX_PROPERTY = "multirunnable.sync.redis.prefix";
    /** The URL used when neither {@value #URL_PROPERTY} nor {@value #URL_ENV} is set. */
    public static final String DEFAULT_URL = "redis://127.0.0.1:6379";
    /** The default lease: 30 seconds (Redisson's lock watchdog default). */
    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(30);
    /** The default connect timeout: 2 seconds. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    /** The default prefix of every Redis key. */
    public static final String DEFAULT_KEY_PREFIX = "multirunnable:sync:";

    private static final ReentrantLock SHARED_LOCK = new ReentrantLock();
    private static RedisSync shared; // guarded by SHARED_LOCK

    private final Settings settings;
    private final ReentrantLock connecting = new ReentrantLock();
    private volatile RedisBackend backend;
    private volatile boolean closed;

    RedisSync(Settings settings, boolean connectNow) {
        this.settings = settings;
        if (connectNow) {
            backend();
        }
    }

    /**
     * A builder starting from the environment's configuration (see the class documentation); {@code build()}
     * connects at once.
     */
    public static RedisSyncBuilder builder() {
        return new RedisSyncBuilder(environmentSettings());
    }

    /**
     * The JVM-wide instance configured from the environment, the one {@code Sync} uses when
     * {@code -Dmultirunnable.sync=redis}: it connects on first use (not when looked up), and is closed by a
     * shutdown hook. Use it for {@link #counter(String)} next to primitives made by {@code Sync}.
     *
     * @throws IllegalArgumentException if {@value #LEASE_PROPERTY} or the URL is malformed (checked on
     *                                  every call until it succeeds once)
     */
    public static RedisSync shared() {
        SHARED_LOCK.lock();
        try {
            if (shared == null) {
                RedisSync made = new RedisSync(environmentSettings(), false);
                Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("mr-redis-shutdown").unstarted(made::close));
                shared = made;
            }
            return shared;
        } finally {
            SHARED_LOCK.unlock();
        }
    }

    static Settings environmentSettings() {
        String url = System.getProperty(URL_PROPERTY);
        String source = "system property " + URL_PROPERTY;
        if (url == null || url.isBlank()) {
            url = System.getenv(URL_ENV);
            source = "environment variable " + URL_ENV;
        }
        if (url == null || url.isBlank()) {
            url = DEFAULT_URL;
            source = "the default";
        }
        Duration lease = DEFAULT_LEASE;
        String leaseText = System.getProperty(LEASE_PROPERTY);
        if (leaseText != null && !leaseText.isBlank()) {
            lease = parseLease(leaseText.trim());
        }
        String prefix = System.getProperty(PREFIX_PROPERTY);
        if (prefix == null || prefix.isBlank()) {
            prefix = DEFAULT_KEY_PREFIX;
        }
        return new Settings(RedisSyncBuilder.checkUrl(url.trim()), source, lease, DEFAULT_CONNECT_TIMEOUT, prefix);
    }

    private static Duration parseLease(String text) {
        Duration lease = Durations.parse(text, "system property " + LEASE_PROPERTY);
        return Check.atLeast(lease, RedisSyncBuilder.MIN_LEASE, LEASE_PROPERTY);
    }

    /** The connection, made on first use (package-private for tests). */
    RedisBackend backend() {
        RedisBackend b = backend;
        if (b != null && !closed) {
            return b;
        }
        connecting.lock();
        try {
            if (closed) {
                throw new IllegalStateException(this + " is closed");
            }
            if (backend == null) {
                backend = RedisBackend.connect(settings);
            }
            return backend;
        } finally {
            connecting.unlock();
        }
    }

    /** {@value #NAME}. */
    @Override
    public String name() {
        return NAME;
    }

    /** The Redis URL, any password replaced by {@code ***}. */
    public String url() {
        return settings.maskedUrl();
    }

    /** How long a crashed holder keeps a lock or permit. */
    public Duration lease() {
        return settings.lease();
    }

    /** The longest wait for a connection to Redis. */
    public Duration connectTimeout() {
        return settings.connectTimeout();
    }

    /** The prefix of every Redis key this instance uses. */
    public String keyPrefix() {
        return settings.keyPrefix();
    }

    /**
     * A {@link Lock} called {@code name}, shared by every process: a one-permit leased semaphore,
     * not reentrant, releasable from any thread of this JVM, implementing {@link Fenced}.
     *
     * @throws IllegalArgumentException "name must not be blank"
     * @throws IllegalStateException    if Redis cannot be reached (names the URL) or this is closed
     */
    @Override
    public Lock newLock(String name) {
        return backend().newLock(name);
    }

    /**
     * An {@link RLock} called {@code name}: a Redisson lock, reentrant, owned by a thread, implementing {@link Fenced}.
     *
     * @throws IllegalArgumentException "name must not be blank"
     */
    @Override
    public RLock newRLock(String name) {
        return backend().newRLock(name);
    }

    /**
     * A {@link Semaphore} called {@code name}. The first process to make it sets its permits; later
     * ones share it whatever permits they pass.
     *
     * @throws IllegalArgumentException "name must not be blank", "permits must be > 0 but was 0"
     */
    @Override
    public Semaphore newSemaphore(String name, int permits) {
        return backend().newSemaphore(name, permits);
    }

    /**
     * A {@link BoundedSemaphore} called {@code name}.
     *
     * @throws IllegalArgumentException "name must not be blank", "permits must be > 0 but was 0", or if it
     *                                  already exists in Redis with other permits
     */
    @Override
    public BoundedSemaphore newBoundedSemaphore(String name, int permits) {
        return backend().newBoundedSemaphore(name, permits);
    }

    /**
     * An {@link Event} called {@code name}; unset unless another process has set it.
     *
     * @throws IllegalArgumentException "name must not be blank"
     */
    @Override
    public Event newEvent(String name) {
        return backend().newEvent(name);
    }

    /**
     * A {@link Condition} called {@code name} with its own Redis RLock. A waiter whose process crashes may
     * swallow one {@code signal()}: wait with a timeout in a loop ({@code awaitUntil}) where that matters.
     *
     * @throws IllegalArgumentException "name must not be blank"
     */
    @Override
    public Condition newCondition(String name) {
        return backend().newCondition(name);
    }

    /**
     * The {@link DistributedCounter} called {@code name}, shared by every process.
     *
     * @throws IllegalArgumentException "name must not be blank"
     */
    public DistributedCounter counter(String name) {
        return backend().counter(name);
    }

    /**
     * Disconnects. Permits and locks still held are not released: they expire after the lease. Later
     * calls to the factories throw {@link IllegalStateException}. Idempotent.
     */
    @Override
    public void close() {
        connecting.lock();
        try {
            closed = true;
            if (backend != null) {
                backend.close();
            }
        } finally {
            connecting.unlock();
        }
    }

    @Override
    public String toString() {
        return "RedisSync[" + settings.maskedUrl() + ", lease=" + settings.lease() + "]";
    }
}
