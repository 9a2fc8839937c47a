package io.multirunnable.sync.redis;

import io.multirunnable.internal.Check;
import io.multirunnable.sync.redis.internal.Settings;
import java.time.Duration;

/**
 * Builds a {@link RedisSync}. Starts from the environment's configuration (URL from
 * {@value RedisSync#URL_PROPERTY} or {@value RedisSync#URL_ENV}, lease, key prefix); every
 * {@code withX} overrides one setting. Not thread-safe; {@link #build()} may be called many times.
 *
 * @since 0.1
 */
public final class RedisSyncBuilder {
    /** The shortest lease accepted: 100 ms (renewal runs every lease / 3). */
    public static final Duration MIN_LEASE = Duration.ofMillis(100);

    private String url;
    private String urlSource;
    private Duration lease;
    private Duration connectTimeout;
    private String keyPrefix;

    RedisSyncBuilder(Settings start) {
        this.url = start.url();
        this.urlSource = start.urlSource();
        this.lease = start.lease();
        this.connectTimeout = start.connectTimeout();
        this.keyPrefix = start.keyPrefix();
    }

    /**
     * The Redis server, e.g. {@code redis://127.0.0.1:6379}, {@code rediss://:password@host:6380/0}.
     *
     * @throws IllegalArgumentException "url must not be blank", or "url must start with redis:// or rediss:// but was '...'"
     */
    public RedisSyncBuilder withUrl(String url) {
        this.url = checkUrl(Check.notBlank(url, "url").trim());
        this.urlSource = "RedisSyncBuilder.withUrl";
        return this;
    }

    /**
     * How long a crashed holder keeps a lock or permit; live holders renew every {@code lease / 3}.
     * Default {@link RedisSync#DEFAULT_LEASE} (30 s) or {@value RedisSync#LEASE_PROPERTY}.
     *
     * @throws IllegalArgumentException "lease must be >= PT0.1S but was ..." (or null)
     */
    public RedisSyncBuilder withLease(Duration lease) {
        this.lease = Check.atLeast(lease, MIN_LEASE, "lease");
        return this;
    }

    /**
     * The longest wait for a connection; an unreachable server fails after about this long.
     * Default {@link RedisSync#DEFAULT_CONNECT_TIMEOUT} (2 s).
     *
     * @throws IllegalArgumentException "connectTimeout must be > 0 but was ..." (or null)
     */
    public RedisSyncBuilder withConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = Check.positive(connectTimeout, "connectTimeout");
        return this;
    }

    /**
     * The prefix of every Redis key (default {@value RedisSync#DEFAULT_KEY_PREFIX}); different prefixes
     * are separate namespaces on one server.
     *
     * @throws IllegalArgumentException "keyPrefix must not be blank"
     */
    public RedisSyncBuilder withKeyPrefix(String keyPrefix) {
        this.keyPrefix = Check.notBlank(keyPrefix, "keyPrefix");
        return this;
    }

    /**
     * Connects and returns the provider; close it when done.
     *
     * @throws IllegalStateException if Redis cannot be reached: "Cannot connect to Redis at URL (URL from ...): ..."
     */
    public RedisSync build() {
        return new RedisSync(new Settings(url, urlSource, lease, connectTimeout, keyPrefix), true);
    }

    static String checkUrl(String url) {
        if (!url.startsWith("redis://") && !url.startsWith("rediss://")) {
            throw new IllegalArgumentException("url must start with redis:// or rediss:// but was '" + Settings.mask(url) + "'");
        }
        return url;
    }

    @Override
    public String toString() {
        return "RedisSyncBuilder[" + Settings.mask(url) + ", lease=" + lease + ", connectTimeout=" + connectTimeout
                + ", keyPrefix=" + keyPrefix + "]";
    }
}
