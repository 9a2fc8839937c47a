package io.multirunnable.examples;

import io.multirunnable.persistence.ConnectionStrategy;
import io.multirunnable.persistence.Dao;
import java.util.List;

/** The demo's data-access object: one table, {@code mr_demo_files}, recreated on every run. */
final class FileDao extends Dao {
    static final String TABLE = "mr_demo_files";

    FileDao(ConnectionStrategy strategy) {
        super(strategy);
    }

    /** Drops and creates the table (plain SQL every bundled driver understands). */
    void recreate() {
        execute("DROP TABLE IF EXISTS " + TABLE);
        execute("CREATE TABLE " + TABLE + " (path VARCHAR(2048) NOT NULL, size_bytes BIGINT NOT NULL, "
                + "line_count BIGINT NOT NULL, sha256 CHAR(64) NOT NULL, worker VARCHAR(200) NOT NULL)");
    }

    /** Inserts every row with one JDBC batch in one transaction. */
    long saveAll(List<FileRow> rows) {
        return executeMany("INSERT INTO " + TABLE + " (path, size_bytes, line_count, sha256, worker) VALUES (?, ?, ?, ?, ?)",
                rows.stream().map(FileRow::values).toList());
    }

    long count() {
        return query("SELECT COUNT(*) FROM " + TABLE).fetchOne(Long.class).orElse(0L);
    }

    long totalBytes() {
        return query("SELECT COALESCE(SUM(size_bytes), 0) FROM " + TABLE).fetchOne(Long.class).orElse(0L);
    }
}
