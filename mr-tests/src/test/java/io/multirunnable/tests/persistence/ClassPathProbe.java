package io.multirunnable.tests.persistence;

import io.multirunnable.persistence.ConnectionStrategy;
import io.multirunnable.persistence.Database;
import io.multirunnable.persistence.DatabaseConfig;
import io.multirunnable.persistence.DatabaseOperator;
import io.multirunnable.persistence.spi.DatabaseDriver;

/** Run in a child JVM with everything on the class path: prints the drivers found and uses SQLite. */
public final class ClassPathProbe {
    private ClassPathProbe() {
    }

    /** Args: a SQLite file path. */
    public static void main(String[] args) {
        System.out.println("module=" + Database.class.getModule().isNamed());
        System.out.println("drivers=" + Database.drivers().stream().map(DatabaseDriver::name).toList());
        try (ConnectionStrategy pool = Database.pool(DatabaseConfig.builder("jdbc:sqlite:" + args[0]).withPoolSize(2).build())) {
            DatabaseOperator db = DatabaseOperator.of(pool);
            db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v VARCHAR(10))");
            db.execute("INSERT INTO t (id, v) VALUES (?, ?)", 1, "cp");
            System.out.println("value=" + db.query("SELECT v FROM t WHERE id = ?", 1).fetchOne(String.class).orElseThrow());
        }
    }
}
