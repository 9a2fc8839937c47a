package io.multirunnable.tests.persistence;

import java.lang.System.Logger.Level;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.JdbcDatabaseContainer;
import org.testcontainers.containers.MariaDBContainer;
import org.testcontainers.containers.PostgreSQLContainer;

/**
 * Throwaway database servers in Docker, used only when no URL was given, the local server is
 * not reachable and a Docker engine answers. Started once per JVM, stopped by Testcontainers'
 * reaper at exit.
 */
final class Containers {
    private static final System.Logger LOG = System.getLogger(Containers.class.getName());

    private Containers() {
    }

    /** A JDBC URL (user and password included) of a started container, or null when there is no Docker engine. */
    static String start(Target target) {
        try {
            if (!DockerClientFactory.instance().isDockerAvailable()) {
                return null;
            }
            JdbcDatabaseContainer<?> c = target == Target.MARIADB
                    ? new MariaDBContainer<>("mariadb:10.11").withDatabaseName("mr_test")
                    : new PostgreSQLContainer<>("postgres:16-alpine").withDatabaseName("mr_test");
            c.start();
            String sep = c.getJdbcUrl().contains("?") ? "&" : "?";
            String url = c.getJdbcUrl().replace("jdbc:mariadb:", "jdbc:mysql:") + sep + "user=" + c.getUsername()
                    + "&password=" + c.getPassword();
            LOG.log(Level.INFO, "started a " + target + " container for the tests");
            return url;
        } catch (Throwable e) {
            LOG.log(Level.WARNING, "no Docker engine usable for a " + target + " container: " + e);
            return null;
        }
    }
}
