package io.multirunnable.persistence;

import io.multirunnable.internal.Check;
import java.time.Duration;
import java.time.format.DateTimeParseException;
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
 * <tr><td>property.NAME</td><td>PROPERTY_NAME</td><td>JDBC connection property NAME (case kept)</td></tr>
 * </table>
 *
 * @since 0.1
 */
public final class DatabaseConfigBuilder {
    private static final List<String> KEYS = List.of("url", "user", "password", "driver", "pool.name", "pool.size",
            "connection.timeout", "query.timeout", "property.<name>");

    String url;
    String user;
    String password;
    String driver;
    String poolName;
    int poolSize = DatabaseConfig.DEFAULT_POOL_SIZE;
    Duration connectionTimeout = DatabaseConfig.DEFAULT_CONNECTION_TIMEOUT;
    Duration queryTimeout = Duration.ZERO;
    final Map<String, String> properties = new LinkedHashMap<>();

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
    }

    /**
     * Settings from {@code properties} whose keys start with {@code prefix} (e.g. {@code "db."}
     * for {@code db.url}, {@code db.pool.size}, ...; see the class description).
     *
     * @throws IllegalArgumentException for an unknown setting under the prefix or a malformed value
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
     * @throws IllegalArgumentException for an unknown setting under the prefix or a malformed value
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
            withProperty(key.substring("property.".length()), value);
            return;
        }
        switch (key) {
            case "url" -> withUrl(value);
            case "user" -> withUser(value);
            case "password" -> withPassword(value);
            case "driver" -> withDriver(value);
            case "pool.name" -> withPoolName(value);
            case "pool.size" -> withPoolSize(parseInt(value, source));
            case "connection.timeout" -> withConnectionTimeout(parseDuration(value, source));
            case "query.timeout" -> withQueryTimeout(parseDuration(value, source));
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

    private static Duration parseDuration(String value, String source) {
        String v = value.trim();
        try {
            return v.matches("\\d+") ? Duration.ofMillis(Long.parseLong(v)) : Duration.parse(v);
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException(source + " must be an ISO-8601 duration (e.g. PT5S) or milliseconds but was '"
                    + value + "'");
        }
    }

    /**
     * The JDBC URL, e.g. {@code jdbc:mysql://127.0.0.1:3306/app}.
     *
     * @throws IllegalArgumentException if null or blank
     */
    public DatabaseConfigBuilder withUrl(String url) {
        this.url = Check.notBlank(url, "url").trim();
        return this;
    }

    /**
     * The user name.
     *
     * @throws IllegalArgumentException if null or blank
     */
    public DatabaseConfigBuilder withUser(String user) {
        this.user = Check.notBlank(user, "user");
        return this;
    }

    /**
     * The password (may be empty). Kept out of {@code toString}, logs and exception messages.
     *
     * @throws IllegalArgumentException if null
     */
    public DatabaseConfigBuilder withPassword(String password) {
        this.password = Check.notNull(password, "password");
        return this;
    }

    /**
     * Chooses the driver plugin by name (e.g. {@code "mysql"}) instead of by URL.
     *
     * @throws IllegalArgumentException if null or blank (an unknown name fails when the strategy opens)
     */
    public DatabaseConfigBuilder withDriver(String driverName) {
        this.driver = Check.notBlank(driverName, "driver").trim();
        return this;
    }

    /**
     * The pool name, by which {@link Database#pool(String)} finds an open pool.
     *
     * @throws IllegalArgumentException if null or blank
     */
    public DatabaseConfigBuilder withPoolName(String poolName) {
        this.poolName = Check.notBlank(poolName, "poolName").trim();
        return this;
    }

    /**
     * The number of connections of a pool (ignored by a single connection).
     *
     * @throws IllegalArgumentException if {@code poolSize <= 0}
     */
    public DatabaseConfigBuilder withPoolSize(int poolSize) {
        this.poolSize = Check.positive(poolSize, "poolSize");
        return this;
    }

    /**
     * The longest wait for a free connection, after which {@link ConnectionTimeoutException}
     * is thrown; also bounds opening a connection.
     *
     * @throws IllegalArgumentException if null or shorter than 250 ms
     */
    public DatabaseConfigBuilder withConnectionTimeout(Duration timeout) {
        Check.notNull(timeout, "connectionTimeout");
        Check.argument(timeout.compareTo(DatabaseConfig.MIN_CONNECTION_TIMEOUT) >= 0,
                "connectionTimeout must be >= " + DatabaseConfig.MIN_CONNECTION_TIMEOUT + " but was " + timeout);
        this.connectionTimeout = timeout;
        return this;
    }

    /**
     * The time limit of each statement (JDBC {@code setQueryTimeout}, whole seconds, rounded
     * up); {@link Duration#ZERO} for none.
     *
     * @throws IllegalArgumentException if null or negative
     */
    public DatabaseConfigBuilder withQueryTimeout(Duration timeout) {
        this.queryTimeout = Check.notNegative(timeout, "queryTimeout");
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
     * @throws IllegalArgumentException if no URL was set
     */
    public DatabaseConfig build() {
        return new DatabaseConfig(this);
    }
}
