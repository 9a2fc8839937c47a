package io.multirunnable.persistence;

import io.multirunnable.internal.Check;
import io.multirunnable.internal.Durations;
import java.time.Duration;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Builds a {@link DatabaseConfig}, in code or from settings kept outside it. Not thread-safe;
 * the config it builds is.
 *
 * <p>Defaults: no user or password, driver chosen by URL, pool name {@code "pool-N"}, pool
 * size {@value DatabaseConfig#DEFAULT_POOL_SIZE}, connection timeout 30 s, no query timeout,
 * no extra connection properties.
 *
 * <p>Settings read by {@link #fromProperties(Properties, String)} (after the prefix) and
 * {@link #fromEnvironment(String)} (after {@code PREFIX_}, upper case with {@code _}):
 *
 * <table>
 * <caption>setting names</caption>
 * <tr><th>property</th><th>environment</th><th>meaning</th></tr>
 * <tr><td>url</td><td>URL</td><td>JDBC URL (required)</td></tr>
 * <tr><td>user</td><td>USER</td><td>user name</td></tr>
 * <tr><td>password</td><td>PASSWORD</td><td>password</td></tr>
 * <tr><td>driver</td><td>DRIVER</td><td>driver plugin name</td></tr>
 * <tr><td>pool.name</td><td>POOL_NAME</td><td>pool name</td></tr>
 * <tr><td>pool.size</td><td>POOL_SIZE</td><td>pool size</td></tr>
 * <tr><td>connection.timeout</td><td>CONNECTION_TIMEOUT</td><td>ISO-8601 duration ({@code PT5S}) or milliseconds</td></tr>
 * <tr><td>query.timeout</td><td>QUERY_TIMEOUT</td><td>same format; 0 = none</td></tr>
 * <tr><td>pool.minimum.idle</td><td>POOL_MINIMUM_IDLE</td><td>idle connections kept (default: pool size)</td></tr>
 * <tr><td>pool.max.lifetime</td><td>POOL_MAX_LIFETIME</td><td>duration; 0 = none, else at least 30 s</td></tr>
 * <tr><td>pool.keepalive.time</td><td>POOL_KEEPALIVE_TIME</td><td>duration; 0 = off, else at least 30 s</td></tr>
 * <tr><td>pool.idle.timeout</td><td>POOL_IDLE_TIMEOUT</td><td>duration; 0 = never, else at least 10 s</td></tr>
 * <tr><td>pool.leak.detection.threshold</td><td>POOL_LEAK_DETECTION_THRESHOLD</td><td>duration; 0 = off, else at least 2 s</td></tr>
 * <tr><td>pool.read.only</td><td>POOL_READ_ONLY</td><td>{@code true} or {@code false}</td></tr>
 * <tr><td>pool.init.sql</td><td>POOL_INIT_SQL</td><td>SQL run on each new connection</td></tr>
 * <tr><td>pool.jmx</td><td>POOL_JMX</td><td>{@code true} registers HikariCP's MBeans</td></tr>
 * <tr><td>property.NAME</td><td>PROPERTY_NAME</td><td>JDBC connection property NAME (case kept)</td></tr>
 * </table>
 *
 * <p>A bad value read this way is refused with a message naming the key as written (e.g.
 * {@code db.pool.size must be > 0 but was 0}, {@code MR_DB_POOL_SIZE must be ...}), the rule
 * and the value (never the value of the password).
 *
 * @since 0.1
 */
public final class DatabaseConfigBuilder {
    private static final List<String> KEYS = List.of("url", "user", "password", "driver", "pool.name", "pool.size",
            "connection.timeout", "query.timeout", "pool.minimum.idle", "pool.max.lifetime", "pool.keepalive.time",
            "pool.idle.timeout", "pool.leak.detection.threshold", "pool.read.only", "pool.init.sql", "pool.jmx",
            "property.<name>");

    String url;
    String user;
    String password;
    String driver;
    String poolName;
    int poolSize = DatabaseConfig.DEFAULT_POOL_SIZE;
    Duration connectionTimeout = DatabaseConfig.DEFAULT_CONNECTION_TIMEOUT;
    Duration queryTimeout = Duration.ZERO;
    final Map<String, String> properties = new LinkedHashMap<>();
    int minimumIdle = -1; // -1: the pool size (a fixed-size pool)
    Duration maxLifetime = DatabaseConfig.DEFAULT_MAX_LIFETIME;
    Duration keepaliveTime = DatabaseConfig.DEFAULT_KEEPALIVE_TIME;
    Duration idleTimeout = DatabaseConfig.DEFAULT_IDLE_TIMEOUT;
    Duration leakDetectionThreshold = Duration.ZERO;
    boolean readOnly;
    String initSql;
    boolean jmx;
    MetricsTrackerFactory metricsTrackerFactory;
    /** Setting (builder field name) to the key the user wrote it under, so build() can name it in its messages. */
    private final Map<String, String> sources = new HashMap<>();

    DatabaseConfigBuilder() {
    }

    DatabaseConfigBuilder(DatabaseConfig c) {
        url = c.url();
        user = c.user().orElse(null);
        password = c.password().orElse(null);
        driver = c.driver().orElse(null);
        poolName = c.poolName();
        poolSize = c.poolSize();
        connectionTimeout = c.connectionTimeout();
        queryTimeout = c.queryTimeout();
        properties.putAll(c.properties());
        minimumIdle = c.minimumIdle() == c.poolSize() ? -1 : c.minimumIdle();
        maxLifetime = c.maxLifetime();
        keepaliveTime = c.keepaliveTime();
        idleTimeout = c.idleTimeout();
        leakDetectionThreshold = c.leakDetectionThreshold();
        readOnly = c.readOnly();
        initSql = c.initSql().orElse(null);
        jmx = c.jmx();
        metricsTrackerFactory = c.metricsTrackerFactory().orElse(null);
    }

    /**
     * Settings from {@code properties} whose keys start with {@code prefix} (e.g. {@code "db."}
     * for {@code db.url}, {@code db.pool.size}, ...; see the class description).
     *
     * @throws IllegalArgumentException for an unknown setting under the prefix or a malformed or
     *                                  out-of-range value; the message names the key as written
     */
    public static DatabaseConfigBuilder fromProperties(Properties properties, String prefix) {
        Check.notNull(properties, "properties");
        Check.notNull(prefix, "prefix");
        DatabaseConfigBuilder b = new DatabaseConfigBuilder();
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith(prefix)) {
                b.apply(key.substring(prefix.length()), properties.getProperty(key), key);
            }
        }
        return b;
    }

    /**
     * Settings from environment variables named {@code prefix_SETTING} (e.g. with prefix
     * {@code "MR_DB"}: {@code MR_DB_URL}, {@code MR_DB_USER}, {@code MR_DB_PASSWORD},
     * {@code MR_DB_POOL_SIZE}, {@code MR_DB_PROPERTY_sslmode}).
     *
     * @throws IllegalArgumentException for an unknown setting under the prefix or a malformed or
     *                                  out-of-range value; the message names the variable
     */
    public static DatabaseConfigBuilder fromEnvironment(String prefix) {
        return fromEnvironment(System.getenv(), prefix);
    }

    static DatabaseConfigBuilder fromEnvironment(Map<String, String> env, String prefix) {
        Check.notBlank(prefix, "prefix");
        String p = prefix.endsWith("_") ? prefix : prefix + "_";
        DatabaseConfigBuilder b = new DatabaseConfigBuilder();
        for (Map.Entry<String, String> e : env.entrySet()) {
            String name = e.getKey();
            if (!name.startsWith(p)) {
                continue;
            }
            String rest = name.substring(p.length());
            String key = rest.startsWith("PROPERTY_")
                    ? "property." + rest.substring("PROPERTY_".length())
                    : rest.toLowerCase(Locale.ROOT).replace('_', '.');
            b.apply(key, e.getValue(), name);
        }
        return b;
    }

    private void apply(String key, String value, String source) {
        if (key.startsWith("property.") && key.length() > "property.".length()) {
            String name = key.substring("property.".length());
            properties.put(name, Check.notNull(value, source));
            return;
        }
        switch (key) {
            case "url" -> url(value, source);
            case "user" -> user(value, source);
            case "password" -> password(value, source);
            case "driver" -> driver(value, source);
            case "pool.name" -> poolName(value, source);
            case "pool.size" -> poolSize(parseInt(value, source), source);
            case "connection.timeout" -> connectionTimeout(parseDuration(value, source), source);
            case "query.timeout" -> queryTimeout(parseDuration(value, source), source);
            case "pool.minimum.idle" -> minimumIdle(parseInt(value, source), source);
            case "pool.max.lifetime" -> maxLifetime(parseDuration(value, source), source);
            case "pool.keepalive.time" -> keepaliveTime(parseDuration(value, source), source);
            case "pool.idle.timeout" -> idleTimeout(parseDuration(value, source), source);
            case "pool.leak.detection.threshold" -> leakDetectionThreshold(parseDuration(value, source), source);
            case "pool.read.only" -> readOnly = parseBoolean(value, source);
            case "pool.init.sql" -> initSql(value, source);
            case "pool.jmx" -> jmx = parseBoolean(value, source);
            default -> throw new IllegalArgumentException("unknown database setting " + source
                    + "; known settings after the prefix: " + KEYS);
        }
    }

    private static int parseInt(String value, String source) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(source + " must be an integer but was '" + value + "'");
        }
    }

    private static boolean parseBoolean(String value, String source) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        Check.argument(v.equals("true") || v.equals("false"), source + " must be true or false but was '" + value + "'");
        return v.equals("true");
    }

    private static Duration parseDuration(String value, String source) {
        return Durations.parse(value, source);
    }

    /**
     * The JDBC URL, e.g. {@code jdbc:mysql://127.0.0.1:3306/app}.
     *
     * @throws IllegalArgumentException if null or blank
     */
    public DatabaseConfigBuilder withUrl(String url) {
        return url(url, "url");
    }

    private DatabaseConfigBuilder url(String url, String name) {
        this.url = Check.notBlank(url, name).trim();
        return this;
    }

    /**
     * The user name.
     *
     * @throws IllegalArgumentException if null or blank
     */
    public DatabaseConfigBuilder withUser(String user) {
        return user(user, "user");
    }

    private DatabaseConfigBuilder user(String user, String name) {
        this.user = Check.notBlank(user, name);
        return this;
    }

    /**
     * The password (may be empty). Kept out of {@code toString}, logs and exception messages.
     *
     * @throws IllegalArgumentException if null
     */
    public DatabaseConfigBuilder withPassword(String password) {
        return password(password, "password");
    }

    private DatabaseConfigBuilder password(String password, String name) {
        this.password = Check.notNull(password, name);
        return this;
    }

    /**
     * Chooses the driver plugin by name (e.g. {@code "mysql"}) instead of by URL.
     *
     * @throws IllegalArgumentException if null or blank (an unknown name fails when the strategy opens)
     */
    public DatabaseConfigBuilder withDriver(String driverName) {
        return driver(driverName, "driver");
    }

    private DatabaseConfigBuilder driver(String driverName, String name) {
        this.driver = Check.notBlank(driverName, name).trim();
        return this;
    }

    /**
     * The pool name, by which {@link Database#pool(String)} finds an open pool.
     *
     * @throws IllegalArgumentException if null or blank
     */
    public DatabaseConfigBuilder withPoolName(String poolName) {
        return poolName(poolName, "poolName");
    }

    private DatabaseConfigBuilder poolName(String poolName, String name) {
        this.poolName = Check.notBlank(poolName, name).trim();
        return this;
    }

    /**
     * The most connections of a pool (ignored by a single connection). The pool keeps this many
     * open unless {@link #withMinimumIdle(int)} says fewer.
     *
     * @throws IllegalArgumentException if {@code poolSize <= 0}
     */
    public DatabaseConfigBuilder withPoolSize(int poolSize) {
        return poolSize(poolSize, "poolSize");
    }

    private DatabaseConfigBuilder poolSize(int poolSize, String name) {
        this.poolSize = Check.positive(poolSize, name);
        sources.put("poolSize", name);
        return this;
    }

    /**
     * The longest wait for a free connection, after which {@link ConnectionTimeoutException}
     * is thrown; also bounds opening a connection.
     *
     * @throws IllegalArgumentException if null or shorter than 250 ms
     */
    public DatabaseConfigBuilder withConnectionTimeout(Duration timeout) {
        return connectionTimeout(timeout, "connectionTimeout");
    }

    private DatabaseConfigBuilder connectionTimeout(Duration timeout, String name) {
        this.connectionTimeout = Check.atLeast(timeout, DatabaseConfig.MIN_CONNECTION_TIMEOUT, name);
        return this;
    }

    /**
     * The time limit of each statement (JDBC {@code setQueryTimeout}, whole seconds, rounded
     * up); {@link Duration#ZERO} for none.
     *
     * @throws IllegalArgumentException if null or negative
     */
    public DatabaseConfigBuilder withQueryTimeout(Duration timeout) {
        return queryTimeout(timeout, "queryTimeout");
    }

    private DatabaseConfigBuilder queryTimeout(Duration timeout, String name) {
        this.queryTimeout = Check.notNegative(timeout, name);
        return this;
    }

    /**
     * How many idle connections the pool keeps open (HikariCP {@code minimumIdle}); default:
     * the pool size, a fixed-size pool. With fewer, connections idle longer than
     * {@link #withIdleTimeout(Duration)} are closed.
     *
     * @throws IllegalArgumentException if negative; {@link #build()} also refuses more than the pool size
     * @since 0.2
     */
    public DatabaseConfigBuilder withMinimumIdle(int minimumIdle) {
        return minimumIdle(minimumIdle, "minimumIdle");
    }

    private DatabaseConfigBuilder minimumIdle(int minimumIdle, String name) {
        Check.argument(minimumIdle >= 0, name + " must be >= 0 (and <= the pool size) but was " + minimumIdle);
        this.minimumIdle = minimumIdle;
        sources.put("minimumIdle", name);
        return this;
    }

    /**
     * The longest a pooled connection lives before it is retired and replaced (when not in
     * use); set it some seconds shorter than any connection time limit of the database or the
     * network. Default 30 minutes; {@link Duration#ZERO} means none.
     *
     * @throws IllegalArgumentException if null, negative, or between 0 and 30 s (HikariCP's floor)
     * @since 0.2
     */
    public DatabaseConfigBuilder withMaxLifetime(Duration maxLifetime) {
        return maxLifetime(maxLifetime, "maxLifetime");
    }

    private DatabaseConfigBuilder maxLifetime(Duration value, String name) {
        this.maxLifetime = zeroOrAtLeast(value, DatabaseConfig.MIN_MAX_LIFETIME, name, "none");
        sources.put("maxLifetime", name);
        return this;
    }

    /**
     * How often an idle pooled connection is pinged to keep it alive (and to find dead ones).
     * Default 2 minutes; {@link Duration#ZERO} means off. {@link #build()} refuses a value not
     * shorter than the max lifetime.
     *
     * @throws IllegalArgumentException if null, negative, or between 0 and 30 s (HikariCP's floor)
     * @since 0.2
     */
    public DatabaseConfigBuilder withKeepaliveTime(Duration keepaliveTime) {
        return keepaliveTime(keepaliveTime, "keepaliveTime");
    }

    private DatabaseConfigBuilder keepaliveTime(Duration value, String name) {
        this.keepaliveTime = zeroOrAtLeast(value, DatabaseConfig.MIN_KEEPALIVE_TIME, name, "off");
        sources.put("keepaliveTime", name);
        return this;
    }

    /**
     * How long a connection above {@link #withMinimumIdle(int) minimumIdle} may sit idle
     * before it is closed (no effect on a fixed-size pool). Default 10 minutes;
     * {@link Duration#ZERO} means never. {@link #build()} refuses a value not at least 1 s
     * shorter than the max lifetime when it would have an effect.
     *
     * @throws IllegalArgumentException if null, negative, or between 0 and 10 s (HikariCP's floor)
     * @since 0.2
     */
    public DatabaseConfigBuilder withIdleTimeout(Duration idleTimeout) {
        return idleTimeout(idleTimeout, "idleTimeout");
    }

    private DatabaseConfigBuilder idleTimeout(Duration value, String name) {
        this.idleTimeout = zeroOrAtLeast(value, DatabaseConfig.MIN_IDLE_TIMEOUT, name, "never");
        sources.put("idleTimeout", name);
        return this;
    }

    /**
     * A connection leased for longer than this is reported (a warning with the stack trace of
     * the lease, logged by HikariCP through SLF4J) as a possible leak; it is not closed.
     * Default {@link Duration#ZERO}: off.
     *
     * @throws IllegalArgumentException if null, negative, or between 0 and 2 s (HikariCP's
     *                                  floor); {@link #build()} also refuses more than the max lifetime
     * @since 0.2
     */
    public DatabaseConfigBuilder withLeakDetectionThreshold(Duration threshold) {
        return leakDetectionThreshold(threshold, "leakDetectionThreshold");
    }

    private DatabaseConfigBuilder leakDetectionThreshold(Duration value, String name) {
        this.leakDetectionThreshold = zeroOrAtLeast(value, DatabaseConfig.MIN_LEAK_DETECTION_THRESHOLD, name, "off");
        sources.put("leakDetectionThreshold", name);
        return this;
    }

    private static Duration zeroOrAtLeast(Duration value, Duration floor, String name, String zeroMeans) {
        Check.notNull(value, name);
        Check.argument(value.isZero() || value.compareTo(floor) >= 0, name + " must be 0 (" + zeroMeans + ") or >= "
                + floor + " but was " + value);
        return value;
    }

    /**
     * Opens every connection read-only ({@link java.sql.Connection#setReadOnly}); what a
     * driver makes of it varies (PostgreSQL and MariaDB refuse writes). Default {@code false}.
     *
     * @since 0.2
     */
    public DatabaseConfigBuilder withReadOnly(boolean readOnly) {
        this.readOnly = readOnly;
        return this;
    }

    /**
     * SQL run once on every new connection before it is used (e.g. {@code SET search_path TO app});
     * a failure fails the connection.
     *
     * @throws IllegalArgumentException if null or blank
     * @since 0.2
     */
    public DatabaseConfigBuilder withInitSql(String sql) {
        return initSql(sql, "initSql");
    }

    private DatabaseConfigBuilder initSql(String sql, String name) {
        this.initSql = Check.notBlank(sql, name);
        return this;
    }

    /**
     * Registers HikariCP's pool MBeans ({@code com.zaxxer.hikari:type=Pool (name)} and
     * {@code PoolConfig (name)}) with the platform MBean server, for JMX consoles. Default
     * {@code false}. Ignored by a single connection.
     *
     * @since 0.2
     */
    public DatabaseConfigBuilder withJmx(boolean jmx) {
        this.jmx = jmx;
        return this;
    }

    /**
     * HikariCP's metrics hook: the pool reports connection usage, wait times and timeouts to
     * the trackers {@code factory} makes (see {@link PoolMetrics#micrometer} for Micrometer).
     * Ignored by a single connection. Default: none.
     *
     * @throws IllegalArgumentException if null
     * @since 0.2
     */
    public DatabaseConfigBuilder withMetricsTrackerFactory(MetricsTrackerFactory factory) {
        this.metricsTrackerFactory = Check.notNull(factory, "metricsTrackerFactory");
        return this;
    }

    /**
     * A JDBC connection property passed to the driver (overrides the plugin's default for
     * that key, e.g. {@code rewriteBatchedStatements=false}).
     *
     * @throws IllegalArgumentException if {@code name} is blank or {@code value} null
     */
    public DatabaseConfigBuilder withProperty(String name, String value) {
        properties.put(Check.notBlank(name, "property name"), Check.notNull(value, "property " + name));
        return this;
    }

    /**
     * The immutable configuration.
     *
     * @throws IllegalArgumentException if no URL was set, or settings contradict each other:
     *                                  minimum idle above the pool size, a keepalive time not
     *                                  shorter than the max lifetime, a leak threshold above it,
     *                                  or an idle timeout (that has an effect) not 1 s shorter
     */
    public DatabaseConfig build() {
        if (minimumIdle > poolSize) {
            throw new IllegalArgumentException(name("minimumIdle") + " must be <= " + name("poolSize") + " (" + poolSize
                    + ") but was " + minimumIdle);
        }
        boolean lifetime = !maxLifetime.isZero();
        if (lifetime && !keepaliveTime.isZero() && keepaliveTime.compareTo(maxLifetime) >= 0) {
            throw new IllegalArgumentException(name("keepaliveTime") + " must be shorter than " + name("maxLifetime") + " ("
                    + maxLifetime + ") or 0 (off) but was " + keepaliveTime);
        }
        if (lifetime && leakDetectionThreshold.compareTo(maxLifetime) > 0) {
            throw new IllegalArgumentException(name("leakDetectionThreshold") + " must be <= " + name("maxLifetime") + " ("
                    + maxLifetime + ") or 0 (off) but was " + leakDetectionThreshold);
        }
        int idle = minimumIdle < 0 ? poolSize : minimumIdle;
        if (lifetime && idle < poolSize && idleTimeout.plusSeconds(1).compareTo(maxLifetime) > 0) {
            throw new IllegalArgumentException(name("idleTimeout") + " must be at least 1 s shorter than " + name("maxLifetime")
                    + " (" + maxLifetime + ") or 0 (never) but was " + idleTimeout);
        }
        return new DatabaseConfig(this);
    }

    /** The name the user gave a setting under (a property key or variable), else the builder's name for it. */
    private String name(String field) {
        return sources.getOrDefault(field, field);
    }
}
