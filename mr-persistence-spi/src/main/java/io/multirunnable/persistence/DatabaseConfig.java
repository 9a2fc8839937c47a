package io.multirunnable.persistence;

import io.multirunnable.internal.Check;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import io.multirunnable.persistence.internal.Redact;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The immutable settings of a connection strategy, made by {@link DatabaseConfigBuilder}
 * ({@link #builder(String)}, or {@link DatabaseConfigBuilder#fromProperties} /
 * {@link DatabaseConfigBuilder#fromEnvironment} for settings kept outside the code).
 *
 * <p>{@link #toString()} never shows the password (nor a password in the URL or in the
 * connection properties). Thread-safe.
 *
 * @since 0.1
 */
public final class DatabaseConfig {
    /** Default pool size: 10 connections. */
    public static final int DEFAULT_POOL_SIZE = 10;
    /** Default wait for a free connection: 30 seconds. */
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(30);
    /** The shortest connection timeout accepted (HikariCP's floor): 250 ms. */
    public static final Duration MIN_CONNECTION_TIMEOUT = Duration.ofMillis(250);

    /** Default longest life of a pooled connection: 30 minutes (HikariCP's default). @since 0.2 */
    public static final Duration DEFAULT_MAX_LIFETIME = Duration.ofMinutes(30);
    /** The shortest max lifetime accepted, other than 0 (HikariCP's floor): 30 s. @since 0.2 */
    public static final Duration MIN_MAX_LIFETIME = Duration.ofSeconds(30);
    /** Default keepalive ping interval of idle connections: 2 minutes (HikariCP's default). @since 0.2 */
    public static final Duration DEFAULT_KEEPALIVE_TIME = Duration.ofMinutes(2);
    /** The shortest keepalive time accepted, other than 0 (HikariCP's floor): 30 s. @since 0.2 */
    public static final Duration MIN_KEEPALIVE_TIME = Duration.ofSeconds(30);
    /** Default idle timeout: 10 minutes (HikariCP's default). @since 0.2 */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(10);
    /** The shortest idle timeout accepted, other than 0 (HikariCP's floor): 10 s. @since 0.2 */
    public static final Duration MIN_IDLE_TIMEOUT = Duration.ofSeconds(10);
    /** The shortest leak detection threshold accepted, other than 0 (HikariCP's floor): 2 s. @since 0.2 */
    public static final Duration MIN_LEAK_DETECTION_THRESHOLD = Duration.ofSeconds(2);

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final String url;
    private final String user;
    private final String password;
    private final String driver;
    private final String poolName;
    private final int poolSize;
    private final Duration connectionTimeout;
    private final Duration queryTimeout;
    private final Map<String, String> properties;
    private final int minimumIdle;
    private final Duration maxLifetime;
    private final Duration keepaliveTime;
    private final Duration idleTimeout;
    private final Duration leakDetectionThreshold;
    private final boolean readOnly;
    private final String initSql;
    private final boolean jmx;
    private final MetricsTrackerFactory metricsTrackerFactory;

    DatabaseConfig(DatabaseConfigBuilder b) {
        this.url = Check.notBlank(b.url, "url");
        this.user = b.user;
        this.password = b.password;
        this.driver = b.driver;
        this.poolName = b.poolName == null ? "pool-" + COUNTER.incrementAndGet() : b.poolName;
        this.poolSize = b.poolSize;
        this.connectionTimeout = b.connectionTimeout;
        this.queryTimeout = b.queryTimeout;
        this.properties = java.util.Collections.unmodifiableMap(new TreeMap<>(b.properties));
        this.minimumIdle = b.minimumIdle < 0 ? b.poolSize : b.minimumIdle;
        this.maxLifetime = b.maxLifetime;
        this.keepaliveTime = b.keepaliveTime;
        this.idleTimeout = b.idleTimeout;
        this.leakDetectionThreshold = b.leakDetectionThreshold;
        this.readOnly = b.readOnly;
        this.initSql = b.initSql;
        this.jmx = b.jmx;
        this.metricsTrackerFactory = b.metricsTrackerFactory;
    }

    /** A builder for a database at {@code jdbcUrl}, e.g. {@code "jdbc:postgresql://db:5432/app"}. */
    public static DatabaseConfigBuilder builder(String jdbcUrl) {
        return new DatabaseConfigBuilder().withUrl(jdbcUrl);
    }

    /** A builder with these settings, to derive a changed copy. */
    public DatabaseConfigBuilder toBuilder() {
        return new DatabaseConfigBuilder(this);
    }

    /** The JDBC URL. */
    public String url() {
        return url;
    }

    /** The user name, if set (it may also be in the URL). */
    public Optional<String> user() {
        return Optional.ofNullable(user);
    }

    /** The password, if set. Never logged or shown by {@link #toString()}. */
    public Optional<String> password() {
        return Optional.ofNullable(password);
    }

    /** The driver plugin chosen by name, if set; otherwise the plugin is chosen by {@link #url()}. */
    public Optional<String> driver() {
        return Optional.ofNullable(driver);
    }

    /** The name of the pool (or single connection); default {@code "pool-N"}. Pools are looked up by it. */
    public String poolName() {
        return poolName;
    }

    /** The number of connections of a pool (fixed size); default {@value #DEFAULT_POOL_SIZE}. */
    public int poolSize() {
        return poolSize;
    }

    /** The longest wait for a free connection (also the connect timeout); default 30 s, at least 250 ms. */
    public Duration connectionTimeout() {
        return connectionTimeout;
    }

    /** The per-statement time limit; {@link Duration#ZERO} (the default) means none. */
    public Duration queryTimeout() {
        return queryTimeout;
    }

    /** Extra JDBC connection properties, sorted by name. */
    public Map<String, String> properties() {
        return properties;
    }

    /** Idle connections a pool keeps; default the pool size (a fixed-size pool). @since 0.2 */
    public int minimumIdle() {
        return minimumIdle;
    }

    /** Longest life of a pooled connection; default 30 min, {@link Duration#ZERO} = none. @since 0.2 */
    public Duration maxLifetime() {
        return maxLifetime;
    }

    /** Keepalive ping interval of idle pooled connections; default 2 min, {@link Duration#ZERO} = off. @since 0.2 */
    public Duration keepaliveTime() {
        return keepaliveTime;
    }

    /** Idle time after which a connection above {@link #minimumIdle()} closes; default 10 min, 0 = never. @since 0.2 */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    /** Lease time after which a possible leak is logged; default {@link Duration#ZERO} = off. @since 0.2 */
    public Duration leakDetectionThreshold() {
        return leakDetectionThreshold;
    }

    /** {@code true} if connections are opened read-only; default {@code false}. @since 0.2 */
    public boolean readOnly() {
        return readOnly;
    }

    /** SQL run on each new connection, if set. @since 0.2 */
    public Optional<String> initSql() {
        return Optional.ofNullable(initSql);
    }

    /** {@code true} if the pool registers HikariCP's MBeans; default {@code false}. @since 0.2 */
    public boolean jmx() {
        return jmx;
    }

    /** HikariCP's metrics hook, if set. @since 0.2 */
    public Optional<MetricsTrackerFactory> metricsTrackerFactory() {
        return Optional.ofNullable(metricsTrackerFactory);
    }

    /** Settings as text; the password and any password-like property or URL part show as {@code ***}. */
    @Override
    public String toString() {
        return "DatabaseConfig[url=" + Redact.url(url)
                + ", user=" + (user == null ? "<unset>" : user)
                + ", password=" + (password == null ? "<unset>" : "***")
                + ", driver=" + (driver == null ? "<by url>" : driver)
                + ", poolName=" + poolName + ", poolSize=" + poolSize
                + ", connectionTimeout=" + connectionTimeout + ", queryTimeout=" + queryTimeout
                + ", minimumIdle=" + minimumIdle + ", maxLifetime=" + maxLifetime + ", keepaliveTime=" + keepaliveTime
                + ", idleTimeout=" + idleTimeout + ", leakDetectionThreshold=" + leakDetectionThreshold
                + ", readOnly=" + readOnly + ", initSql=" + (initSql == null ? "<unset>" : initSql) + ", jmx=" + jmx
                + (metricsTrackerFactory == null ? "" : ", metrics=" + metricsTrackerFactory.getClass().getSimpleName())
                + ", properties=" + Redact.properties(properties) + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DatabaseConfig c && url.equals(c.url) && Objects.equals(user, c.user)
                && Objects.equals(password, c.password) && Objects.equals(driver, c.driver)
                && poolName.equals(c.poolName) && poolSize == c.poolSize
                && connectionTimeout.equals(c.connectionTimeout) && queryTimeout.equals(c.queryTimeout)
                && properties.equals(c.properties) && minimumIdle == c.minimumIdle && maxLifetime.equals(c.maxLifetime)
                && keepaliveTime.equals(c.keepaliveTime) && idleTimeout.equals(c.idleTimeout)
                && leakDetectionThreshold.equals(c.leakDetectionThreshold) && readOnly == c.readOnly
                && Objects.equals(initSql, c.initSql) && jmx == c.jmx
                && Objects.equals(metricsTrackerFactory, c.metricsTrackerFactory);
    }

    @Override
    public int hashCode() {
        return Objects.hash(url, user, driver, poolName, poolSize, connectionTimeout, queryTimeout, properties);
    }
}
