package io.multirunnable.persistence.mariadb;

import io.multirunnable.persistence.ConnectionStrategy;
import io.multirunnable.persistence.Database;
import io.multirunnable.persistence.DatabaseConfig;
import io.multirunnable.persistence.DatabaseOperator;
import io.multirunnable.persistence.spi.DatabaseDriver;

/** Run by {@link MariaDbClassPathTest} in a child JVM with everything on the class path. */
public final class ClassPathProbe {
    private ClassPathProbe() {
    }

    /**
     * Prints whether it runs in a named module, the installed drivers, and a value read through the mariadb plugin.
     *
     * @param args the {@code jdbc:mariadb:} URL
     */
    public static void main(String[] args) {
        System.out.println("module=" + ClassPathProbe.class.getModule().isNamed());
        System.out.println("drivers=" + Database.drivers().stream().map(DatabaseDriver::name).toList());
        try (ConnectionStrategy pool = Database.pool(DatabaseConfig.builder(args[0]).withPoolName("cp").withPoolSize(1).build())) {
            System.out.println("driver=" + pool.driverName());
            System.out.println("value=" + DatabaseOperator.of(pool).query("SELECT CONCAT('c', 'p')").fetchOne(String.class)
                    .orElseThrow());
        }
    }
}
