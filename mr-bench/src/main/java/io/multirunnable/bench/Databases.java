package io.multirunnable.bench;

import io.multirunnable.persistence.DatabaseConfig;
import io.multirunnable.persistence.DatabaseConfigBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The databases the persistence benchmarks run on: the local PostgreSQL and MariaDB servers
 * (URLs from {@code MR_POSTGRES_URL} / {@code MR_MARIADB_URL}, as the tests) and a SQLite file in a
 * temporary directory. {@link #rawProperties()} are the fastest batch settings each driver
 * documents, which are also the settings our driver plugins apply by default.
 */
public enum Databases {
    POSTGRESQL("MR_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/mr_test?user=postgres"),
    MARIADB("MR_MARIADB_URL", "jdbc:mysql://127.0.0.1:3306/mr_test?user=root"),
    SQLITE(null, null);

    private final String env;
    private final String fallback;

    Databases(String env, String fallback) {
        this.env = env;
        this.fallback = fallback;
    }

    /** A JDBC URL; for SQLite a new file under a new temporary directory. */
    public String url() throws IOException {
        if (this == SQLITE) {
            Path dir = Files.createTempDirectory("mr-bench-sqlite");
            return "jdbc:sqlite:" + dir.resolve("bench.db");
        }
        String v = System.getenv(env);
        return v == null || v.isBlank() ? fallback : v;
    }

    /** The raw baseline's connection properties: the driver's documented fastest batch settings. */
    public Properties rawProperties() {
        Properties p = new Properties();
        switch (this) {
            case POSTGRESQL -> p.setProperty("reWriteBatchedInserts", "true");
            case MARIADB -> p.setProperty("rewriteBatchedStatements", "true");
            case SQLITE -> {
                p.setProperty("journal_mode", "WAL");
                p.setProperty("synchronous", "NORMAL");
            }
        }
        return p;
    }

    /** Our configuration for the same URL: the plugin's defaults, nothing tuned. */
    public DatabaseConfigBuilder config(String url) {
        return DatabaseConfig.builder(url);
    }

    /** Deletes the SQLite file's directory (no-op for servers). */
    public static void deleteSqlite(String url) throws IOException {
        if (url.startsWith("jdbc:sqlite:")) {
            Path db = Path.of(url.substring("jdbc:sqlite:".length()));
            for (String suffix : new String[] {"", "-wal", "-shm", "-journal"}) {
                Files.deleteIfExists(Path.of(db + suffix));
            }
            Files.deleteIfExists(db.getParent());
        }
    }
}
