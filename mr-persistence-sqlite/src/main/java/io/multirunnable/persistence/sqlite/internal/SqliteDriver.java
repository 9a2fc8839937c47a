package io.multirunnable.persistence.sqlite.internal;

import io.multirunnable.persistence.spi.DatabaseDriver;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * SQLite through sqlite-jdbc ({@code jdbc:sqlite:} URLs), embedded, no server. Batches are fast
 * because {@code executeMany} runs them in one transaction. Defaults made for many workers:
 * {@code journal_mode=WAL} (readers do not block the writer; a file setting that persists) with
 * {@code synchronous=NORMAL} (no fsync per commit in WAL mode: a power loss may drop the last
 * commits, an application crash does not), and a writer waiting for another's lock waits up to
 * the connection timeout ({@code busy_timeout}) instead of failing with SQLITE_BUSY at once.
 * Override any of them with {@code withProperty}. Each connection of {@code jdbc:sqlite::memory:}
 * is its own database: use a single connection (or a file) for in-memory work.
 */
public final class SqliteDriver implements DatabaseDriver {

    /** Public no-argument constructor for ServiceLoader. */
    public SqliteDriver() {
    }

    @Override
    public String name() {
        return "sqlite";
    }

    @Override
    public List<String> urlPrefixes() {
        return List.of("jdbc:sqlite:");
    }

    @Override
    public Map<String, String> defaultProperties() {
        return Map.of("journal_mode", "WAL", "synchronous", "NORMAL");
    }

    @Override
    public Map<String, String> connectTimeoutProperties(Duration timeout) {
        return Map.of("busy_timeout", Long.toString(Math.min(Integer.MAX_VALUE, timeout.toMillis())));
    }

    /**
     * sqlite-jdbc answers {@code getGeneratedKeys()} with {@code SELECT last_insert_rowid()} after
     * each statement: after a batch it gives the last row's key only, and it ignores key column names.
     */
    @Override
    public io.multirunnable.persistence.spi.GeneratedKeySupport generatedKeySupport() {
        return io.multirunnable.persistence.spi.GeneratedKeySupport.EACH_STATEMENT;
    }
}
