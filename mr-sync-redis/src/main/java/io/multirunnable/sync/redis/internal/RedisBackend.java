package io.multirunnable.sync.redis.internal;

import io.multirunnable.sync.BoundedSemaphore;
import io.multirunnable.sync.Condition;
import io.multirunnable.sync.Event;
import io.multirunnable.sync.Lock;
import io.multirunnable.sync.RLock;
import io.multirunnable.sync.Semaphore;
import io.multirunnable.sync.redis.DistributedCounter;
import io.multirunnable.sync.redis.RedisSyncException;
import java.lang.System.Logger.Level;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.redisson.Redisson;
import org.redisson.api.RPermitExpirableSemaphore;
import org.redisson.api.RedissonClient;
import org.redisson.client.RedisConnectionException;
import org.redisson.client.RedisException;
import org.redisson.client.RedisTimeoutException;
import org.redisson.client.WriteRedisConnectionException;
import org.redisson.client.codec.StringCodec;
import org.redisson.config.Config;

/**
 * One Redisson client plus what every primitive made from it shares: the key namespace, the
 * lease, the renewal of held semaphore permits, and event wake-up channels.
 *
 * <p>Lease renewal: a daemon thread renews every permit held by this JVM each {@code lease / 3}, so a
 * live holder keeps its permit as long as it wants, and a crashed (or frozen, or cut-off) one loses it
 * {@code lease} after its last renewal. Redisson's lock watchdog does the same for {@link RedisReentrantLock}.
 */
public final class RedisBackend implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(RedisBackend.class.getName());

    private final Settings settings;
    private final RedissonClient client;
    private final long leaseMillis;
    private final ScheduledExecutorService renewer;
    private final Set<PermitHold> held = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<String, RedisEvent.Channel> channels = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    private RedisBackend(Settings settings, RedissonClient client) {
        this.settings = settings;
        this.client = client;
        this.leaseMillis = Math.max(1, settings.lease().toMillis());
        this.renewer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("mr-redis-lease-renewer").factory());
        long period = Math.max(10, leaseMillis / 3);
        renewer.scheduleWithFixedDelay(this::renewAll, period, period, TimeUnit.MILLISECONDS);
        renewer.scheduleWithFixedDelay(this::closeIfProgramEnded, 500, 500, TimeUnit.MILLISECONDS);
    }

    /**
     * Redisson's threads (Netty event loops, its timer) are not daemon threads, so a program that forgets
     * to close, or uses the shared instance, would never exit. Once {@code main} has returned (the JVM's
     * {@code DestroyJavaVM} thread waits) and only Redisson's threads remain, this closes the client.
     */
    private void closeIfProgramEnded() {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] threads = new Thread[root.activeCount() + 16];
        int n = root.enumerate(threads, true);
        boolean mainEnded = false;
        for (int i = 0; i < n; i++) {
            Thread t = threads[i];
            if (t.isDaemon() || !t.isAlive()) {
                continue;
            }
            if (t.getName().equals("DestroyJavaVM")) {
                mainEnded = true;
            } else if (!t.getName().startsWith("redisson-")) {
                return;
            }
        }
        if (mainEnded) {
            LOG.log(Level.DEBUG, () -> "program ended: closing the Redis connection to " + settings.maskedUrl());
            Thread.ofPlatform().daemon().name("mr-redis-close").start(this::close);
        }
    }

    /**
     * Connects to Redis, failing fast (connect timeout, one retry) with a message naming the URL and
     * where it came from.
     *
     * @throws IllegalStateException if Redis cannot be reached at the URL
     */
    public static RedisBackend connect(Settings settings) {
        Config config = new Config();
        config.setCodec(StringCodec.INSTANCE);
        // Scripts go by SHA (EVALSHA; on NOSCRIPT, after a restart or SCRIPT FLUSH, Redisson loads the text once
        // with SCRIPT LOAD and runs it by SHA again), so the fencing script is not sent in full on every token
        // draw. Redisson's default since 3.46.0; set here so that an upgrade or a changed default cannot turn it
        // off unnoticed (FencingTokenTest watches the commands with MONITOR). Applies to this client only.
        config.setUseScriptCache(true);
        config.setLockWatchdogTimeout(Math.max(1, settings.lease().toMillis()));
        int connectMillis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, settings.connectTimeout().toMillis()));
        config.useSingleServer()
                .setAddress(settings.url())
                .setConnectTimeout(connectMillis)
                .setTimeout(Math.max(3000, connectMillis))
                .setRetryAttempts(1)
                .setConnectionMinimumIdleSize(1)
                .setConnectionPoolSize(32)
                .setSubscriptionConnectionMinimumIdleSize(1)
                .setSubscriptionConnectionPoolSize(8)
                .setClientName("multirunnable");
        RedissonClient client;
        try {
            client = Redisson.create(config);
        } catch (RuntimeException e) {
            throw new IllegalStateException("Cannot connect to Redis at " + settings.maskedUrl() + " (URL from "
                    + settings.urlSource() + "): " + rootMessage(e) + ". Start Redis there, or point system property "
                    + "multirunnable.sync.redis.url or environment variable MR_REDIS_URL at a running server", e);
        }
        return new RedisBackend(settings, client);
    }

    /** The most specific message in the cause chain: the innermost Redis connection error's, else the innermost one. */
    private static String rootMessage(Throwable e) {
        String connection = null;
        String innermost = e.getMessage();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null) {
                innermost = t.getMessage();
                if (t.getClass().getSimpleName().equals("RedisConnectionException")) {
                    connection = t.getMessage();
                }
            }
        }
        return connection != null ? connection : innermost;
    }

    /** The settings this backend was made with. */
    public Settings settings() {
        return settings;
    }

    /** The Redisson client. */
    public RedissonClient client() {
        return client;
    }

    /** The lease in milliseconds, {@code >= 1}. */
    public long leaseMillis() {
        return leaseMillis;
    }

    /** The Redis key of primitive {@code name} of kind {@code kind}, e.g. {@code multirunnable:sync:lock:orders}. */
    public String key(String kind, String name) {
        return settings.keyPrefix() + kind + ":" + name;
    }

    /** A Lock called {@code name}. */
    public Lock newLock(String name) {
        return call(() -> "newLock('" + name + "')", () -> new RedisLock(this, name));
    }

    /** An RLock called {@code name}. */
    public RLock newRLock(String name) {
        return call(() -> "newRLock('" + name + "')", () -> new RedisRLock(this, name));
    }

    /** A Semaphore called {@code name}. */
    public Semaphore newSemaphore(String name, int permits) {
        return call(() -> "newSemaphore('" + name + "', " + permits + ")", () -> new RedisSemaphore(this, name, permits));
    }

    /** A BoundedSemaphore called {@code name}. */
    public BoundedSemaphore newBoundedSemaphore(String name, int permits) {
        return call(() -> "newBoundedSemaphore('" + name + "', " + permits + ")",
                () -> new RedisSemaphore.Bounded(this, name, permits));
    }

    /** An Event called {@code name}. */
    public Event newEvent(String name) {
        return call(() -> "newEvent('" + name + "')", () -> new RedisEvent(this, name));
    }

    /** A Condition called {@code name}. */
    public Condition newCondition(String name) {
        return call(() -> "newCondition('" + name + "')", () -> new RedisCondition(this, name));
    }

    /** A counter called {@code name}. */
    public DistributedCounter counter(String name) {
        return call(() -> "counter('" + name + "')", () -> new RedisCounter(this, name));
    }

    /**
     * Runs a Redis call; a Redis failure becomes a {@link RedisSyncException} naming {@code operation}.
     * Redisson's InterruptedException wrapper is not unwrapped here (see {@link RedisAcquirable#interruptedOr}).
     */
    <T> T call(Supplier<String> operation, Supplier<T> body) {
        try {
            return body.get();
        } catch (RedisException e) {
            throw failure(operation.get(), e);
        }
    }

    /** {@link #call} for calls without a result. */
    void run(Supplier<String> operation, Runnable body) {
        try {
            body.run();
        } catch (RedisException e) {
            throw failure(operation.get(), e);
        }
    }

    /**
     * Our exception for a Redis failure during {@code operation}. Redisson's own advice for timeouts
     * ("Check CPU usage of the JVM...", "increase nettyThreads") misleads when the server is simply
     * down, so those messages are replaced by ours; the original stays the cause.
     */
    public RedisSyncException failure(String operation, RuntimeException e) {
        return new RedisSyncException(settings.maskedUrl(), operation, reason(e), e);
    }

    static String reason(RuntimeException e) {
        if (e instanceof RedisConnectionException || e instanceof WriteRedisConnectionException
                || e instanceof RedisTimeoutException) {
            String root = null;
            for (Throwable t = e.getCause(); t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (!(t instanceof RedisException) && t.getMessage() != null) {
                    root = t.getMessage();
                }
            }
            return "the server did not answer (down, restarting or unreachable" + (root == null ? "" : ": " + root) + ")";
        }
        String message = e.getMessage();
        if (message == null || message.contains("Check CPU") || message.contains("nettyThreads")) {
            return e.getClass().getSimpleName();
        }
        return message;
    }

    /** Starts renewing {@code hold}'s lease until {@link #untrack}. */
    void track(PermitHold hold) {
        held.add(hold);
    }

    /** Stops renewing {@code hold}. */
    void untrack(PermitHold hold) {
        held.remove(hold);
    }

    /** Number of permits this JVM holds and renews (for tests). */
    public int trackedPermits() {
        return held.size();
    }

    /** The wake-up channel of event key {@code key}, subscribed once per backend. */
    RedisEvent.Channel channel(String key) {
        return channels.computeIfAbsent(key, k -> new RedisEvent.Channel(client, k));
    }

    private void renewAll() {
        for (PermitHold hold : held) {
            try {
                hold.semaphore().updateLeaseTimeAsync(hold.permitId(), leaseMillis, TimeUnit.MILLISECONDS)
                        .whenComplete((renewed, error) -> {
                            if (error != null) {
                                LOG.log(Level.WARNING, () -> "could not renew the lease of a permit of " + hold.owner()
                                        + " at " + settings.maskedUrl() + ": " + error);
                            } else if (!renewed && held.remove(hold)) {
                                hold.markLost();
                                LOG.log(Level.WARNING, () -> "a permit of " + hold.owner() + " expired before it could be "
                                        + "renewed (lease " + settings.lease() + "): another holder may have taken it");
                            }
                        });
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, () -> "could not renew the lease of a permit of " + hold.owner() + ": " + e);
            }
        }
    }

    /** Stops renewals and shuts the client down; held permits then expire after the lease. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            renewer.shutdownNow();
            channels.values().forEach(RedisEvent.Channel::close);
            client.shutdown(0, 2, TimeUnit.SECONDS);
        }
    }

    /** {@code true} once closed. */
    public boolean isClosed() {
        return closed.get();
    }

    /** One permit held by this JVM: renewed until released. */
    record PermitHold(RPermitExpirableSemaphore semaphore, String permitId, String owner, long token,
                      AtomicBoolean lost) {
        PermitHold(RPermitExpirableSemaphore semaphore, String permitId, String owner, long token) {
            this(semaphore, permitId, owner, token, new AtomicBoolean());
        }

        void markLost() {
            lost.set(true);
        }
    }
}
