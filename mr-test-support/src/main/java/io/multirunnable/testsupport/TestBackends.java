package io.multirunnable.testsupport;

import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.JdbcDatabaseContainer;
import org.testcontainers.containers.MariaDBContainer;
import org.testcontainers.containers.MySQLContainer;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The one place that decides where our tests find PostgreSQL, MariaDB, MySQL and Redis.
 *
 * <ol>
 *   <li>An explicit URL ({@code MR_POSTGRES_URL}, {@code MR_MARIADB_URL},
 *       {@code MR_MARIADB_CONNECTORJ_URL}, {@code MR_MYSQL_URL}, {@code MR_REDIS_URL}) always wins.</li>
 *   <li>Else, when a Docker engine answers (Testcontainers' own check, not the presence of a
 *       {@code docker} binary), a throwaway container from a pinned image, started once per JVM
 *       and removed by Testcontainers' reaper.</li>
 *   <li>Else the local server (PostgreSQL 5432, MariaDB 3306, Redis 6379 on 127.0.0.1; there is no
 *       local MySQL: the MySQL tests need a container or {@code MR_MYSQL_URL}).</li>
 *   <li>Else the test is skipped, or fails when {@code MR_REQUIRE_DATABASES=true}.</li>
 * </ol>
 *
 * <p>{@code MR_TEST_BACKEND=auto|containers|local} (default {@code auto}) narrows step 2 and 3 to
 * one of them; {@code .ci/run} sets {@code local}, so CI never probes for Docker. The choice is
 * logged once per JVM, in one line. Thread-safe; each service is located once per JVM.
 */
public final class TestBackends {
    private static final System.Logger LOG = System.getLogger(TestBackends.class.getName());

    /** The variable that picks the backend. */
    public static final String BACKEND_ENV = "MR_TEST_BACKEND";

    /** The variable that turns "skip" into "fail". */
    public static final String REQUIRE_ENV = "MR_REQUIRE_DATABASES";

    /** A server the tests need, with its URL variable, its local default and its pinned image. */
    public enum Service {
        /** PostgreSQL; JDBC URL. */
        POSTGRES("MR_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/mr_test?user=postgres", "postgres:16.6-alpine"),
        /** MariaDB, through the mysql plugin's {@code jdbc:mysql:} URLs. */
        MARIADB("MR_MARIADB_URL", "jdbc:mysql://127.0.0.1:3306/mr_test?user=root", "mariadb:10.11"),
        /**
         * The same MariaDB server through MariaDB Connector/J's {@code jdbc:mariadb:} URLs (the
         * mariadb plugin). {@code sslMode=disable}: Connector/J 4 asks for TLS by default and
         * neither the local server nor the container has it. In containers mode it shares
         * {@link #MARIADB}'s container.
         */
        MARIADB_CONNECTORJ("MR_MARIADB_CONNECTORJ_URL", "jdbc:mariadb://127.0.0.1:3306/mr_test?user=root&sslMode=disable",
                "mariadb:10.11"),
        /** MySQL proper; no local default (the local server on 3306 is MariaDB). */
        MYSQL("MR_MYSQL_URL", null, "mysql:8.4"),
        /** Redis; {@code redis://} URL. */
        REDIS("MR_REDIS_URL", "redis://127.0.0.1:6379", "redis:7.4-alpine");

        private final String env;
        private final String localUrl;
        private final String image;

        Service(String env, String localUrl, String image) {
            this.env = env;
            this.localUrl = localUrl;
            this.image = image;
        }

        /** The environment variable with an explicit URL. */
        public String env() {
            return env;
        }

        /** The pinned container image. */
        public String image() {
            return image;
        }
    }

    /** What {@code MR_TEST_BACKEND} allows. */
    public enum Backend {
        /** Containers when Docker answers, else the local servers. */
        AUTO,
        /** Containers only: no Docker engine means the servers are unavailable. */
        CONTAINERS,
        /** The local servers only; Docker is never asked. */
        LOCAL
    }

    /**
     * Where a service was found, or why not.
     *
     * @param url     the URL to use (for JDBC, user and password included), or null when unavailable
     * @param source  where it came from, e.g. {@code "container mysql:8.4"} or {@code "local server"}
     * @param problem why it is unavailable, or null
     * @param expected whether this backend should have had it: false for MySQL on the local
     *                 servers (there is none), which {@link #require} then skips even when
     *                 {@code MR_REQUIRE_DATABASES=true}
     */
    public record Located(String url, String source, String problem, boolean expected) {
        Located(String url, String source, String problem) {
            this(url, source, problem, true);
        }

        /** Whether the service can be used. */
        public boolean available() {
            return problem == null;
        }
    }

    private static final Map<Service, Located> FOUND = new ConcurrentHashMap<>();
    /** Started containers by image: MariaDB's serves both {@code jdbc:mysql:} and {@code jdbc:mariadb:} URLs. */
    private static final Map<String, JdbcDatabaseContainer<?>> CONTAINERS = new ConcurrentHashMap<>();

    private TestBackends() {
    }

    /**
     * The URL of {@code service}; when it is unavailable, aborts the calling test (JUnit
     * assumption), or fails it when {@code MR_REQUIRE_DATABASES=true}.
     */
    public static String require(Service service) {
        Located found = locate(service);
        if (!found.available()) {
            String why = service + " is not available (" + found.source() + "): " + found.problem();
            if (required() && found.expected()) {
                throw new AssertionError(why + " — " + REQUIRE_ENV + "=true makes this a failure");
            }
            Assumptions.abort(why + " — test skipped; set " + REQUIRE_ENV + "=true to fail instead");
        }
        return found.url();
    }

    /** Locates {@code service} (once per JVM) without skipping or failing. */
    public static Located locate(Service service) {
        return FOUND.computeIfAbsent(service, TestBackends::find);
    }

    /** Whether {@code MR_REQUIRE_DATABASES=true}. */
    public static boolean required() {
        return Boolean.parseBoolean(System.getenv().getOrDefault(REQUIRE_ENV, "false").trim());
    }

    /** The backend {@code MR_TEST_BACKEND} asks for (default {@link Backend#AUTO}). */
    public static Backend backend() {
        return parseBackend(System.getenv(BACKEND_ENV));
    }

    /** Parses a {@code MR_TEST_BACKEND} value; null or blank is {@code auto}. */
    static Backend parseBackend(String value) {
        if (value == null || value.isBlank()) {
            return Backend.AUTO;
        }
        try {
            return Backend.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(BACKEND_ENV + " must be auto, containers or local but was '" + value + "'", e);
        }
    }

    private static Located find(Service service) {
        String explicit = System.getenv(service.env);
        if (explicit != null && !explicit.isBlank()) {
            Decision.log();
            return probed(explicit.trim(), service, "explicit URL from " + service.env);
        }
        boolean docker = Decision.DOCKER;
        switch (Decision.BACKEND) {
            case CONTAINERS -> {
                return docker ? container(service)
                        : new Located(null, BACKEND_ENV + "=containers", "no Docker engine answers: " + Decision.DOCKER_PROBLEM);
            }
            case AUTO -> {
                if (docker) {
                    return container(service);
                }
            }
            default -> {
                // LOCAL: fall through to the local server
            }
        }
        if (service.localUrl == null) {
            return new Located(null, "local servers", "no local " + service + " server is expected; set " + service.env
                    + " or run with a Docker engine (" + BACKEND_ENV + "=auto or containers)", false);
        }
        return probed(service.localUrl, service, "local server");
    }

    /** Decided once per JVM: the backend asked for and whether Docker answers; logs the one line. */
    private static final class Decision {
        static final Backend BACKEND = backend();
        static final String DOCKER_PROBLEM;
        static final boolean DOCKER;

        static {
            String problem = null;
            boolean docker = false;
            if (BACKEND == Backend.LOCAL) {
                problem = "not asked (" + BACKEND_ENV + "=local)";
            } else {
                try {
                    docker = DockerClientFactory.instance().isDockerAvailable();
                    if (!docker) {
                        problem = "Testcontainers found no working Docker environment";
                    }
                } catch (Throwable e) {
                    problem = e.toString();
                }
            }
            DOCKER = docker;
            DOCKER_PROBLEM = problem;
            String chosen = BACKEND == Backend.LOCAL ? "local servers"
                    : docker ? "containers (Docker answers)"
                    : BACKEND == Backend.CONTAINERS ? "none: containers required but Docker does not answer (" + problem + ")"
                    : "local servers (Docker: " + problem + ")";
            StringBuilder explicit = new StringBuilder();
            for (Service s : Service.values()) {
                String v = System.getenv(s.env);
                if (v != null && !v.isBlank()) {
                    explicit.append(explicit.isEmpty() ? "; explicit URLs win for " : ", ").append(s.env);
                }
            }
            LOG.log(Level.INFO, "MultiRunnable test backend: " + chosen + " [" + BACKEND_ENV + "="
                    + BACKEND.name().toLowerCase(Locale.ROOT) + explicit + "]");
        }

        static void log() {
            // touching the class runs the static initialiser once, which logs the decision
        }
    }

    private static Located probed(String url, Service service, String source) {
        String problem = service == Service.REDIS ? probeSocket(url) : probeJdbc(url);
        return new Located(problem == null ? url : null, source + " " + redact(url), problem);
    }

    private static Located container(Service service) {
        String source = "container " + service.image;
        try {
            if (service == Service.REDIS) {
                GenericContainer<?> redis = new GenericContainer<>(DockerImageName.parse(service.image)).withExposedPorts(6379);
                redis.start();
                return new Located("redis://" + redis.getHost() + ":" + redis.getMappedPort(6379), source, null);
            }
            JdbcDatabaseContainer<?> db = CONTAINERS.computeIfAbsent(service.image, image -> {
                JdbcDatabaseContainer<?> c = switch (service) {
                    case POSTGRES -> new PostgreSQLContainer<>(DockerImageName.parse(image));
                    case MARIADB, MARIADB_CONNECTORJ -> new MariaDBContainer<>(DockerImageName.parse(image));
                    case MYSQL -> new MySQLContainer<>(DockerImageName.parse(image));
                    default -> throw new IllegalStateException("no container for " + service);
                };
                c.withDatabaseName("mr_test");
                c.start();
                return c;
            });
            String url = db.getJdbcUrl();
            if (service == Service.MARIADB_CONNECTORJ) {
                url += (url.contains("?") ? "&" : "?") + "sslMode=disable";
            } else {
                // the mysql plugin takes jdbc:mysql: URLs for MariaDB servers too
                url = url.replace("jdbc:mariadb:", "jdbc:mysql:");
            }
            String sep = url.contains("?") ? "&" : "?";
            return new Located(url + sep + "user=" + db.getUsername() + "&password=" + db.getPassword(), source, null);
        } catch (Throwable e) {
            return new Located(null, source, "the container did not start: " + e);
        }
    }

    /**
     * Seconds a probe may take to log in and validate. A refused connection fails at once whatever this is;
     * 3 s was too short for a MariaDB login on a loaded 2-core machine (a test failed under
     * MR_REQUIRE_DATABASES=true while other builds ran).
     */
    private static final int PROBE_SECONDS = 10;

    static String probeJdbc(String url) {
        // DriverManager's login timeout is global: set it for the probe only, so that the tests' own
        // connections keep their drivers' defaults
        int previous = DriverManager.getLoginTimeout();
        DriverManager.setLoginTimeout(PROBE_SECONDS);
        try (Connection c = DriverManager.getConnection(url)) {
            return c.isValid(PROBE_SECONDS) ? null : "connection not valid";
        } catch (SQLException e) {
            return e.toString();
        } finally {
            DriverManager.setLoginTimeout(previous);
        }
    }

    private static String probeSocket(String url) {
        URI uri = URI.create(url);
        int port = uri.getPort() < 0 ? 6379 : uri.getPort();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), port), 1000);
            return null;
        } catch (Exception e) {
            return "cannot connect to " + uri.getHost() + ":" + port + ": " + e.getMessage();
        }
    }

    /** The URL without a password, for messages. */
    static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***").replaceAll("(://[^:/@]*:)[^@/]*@", "$1***@");
    }
}
