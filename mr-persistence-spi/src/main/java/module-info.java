/**
 * MultiRunnable persistence: the JDBC base every database driver plugin builds on.
 *
 * <p>Entry point {@link io.multirunnable.persistence.Database}: pick a
 * {@link io.multirunnable.persistence.spi.DatabaseDriver} plugin by name or JDBC URL, open a
 * single connection or a HikariCP pool (named pools), run SQL through a
 * {@link io.multirunnable.persistence.DatabaseOperator}, and write data-access objects on
 * {@link io.multirunnable.persistence.Dao}. Driver plugins (mr-persistence-mysql, -postgres,
 * -sqlite, -mariadb, or your own) are found with {@link java.util.ServiceLoader}. Every strategy
 * also offers a {@link javax.sql.DataSource} over its connections for tools such as Flyway,
 * Liquibase, jOOQ, Jdbi and Spring. Micrometer is an optional ({@code requires static})
 * dependency, used only by {@link io.multirunnable.persistence.PoolMetrics}.
 */
module io.multirunnable.persistence {
    requires transitive io.multirunnable.api;
    requires transitive java.sql;
    // transitive: DatabaseConfigBuilder.withMetricsTrackerFactory takes HikariCP's MetricsTrackerFactory
    requires transitive com.zaxxer.hikari;
    // optional: only PoolMetrics.micrometer needs it; applications without Micrometer are unaffected
    requires static micrometer.core;

    exports io.multirunnable.persistence;
    exports io.multirunnable.persistence.spi;

    uses io.multirunnable.persistence.spi.DatabaseDriver;
}
