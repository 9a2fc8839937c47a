/**
 * MultiRunnable persistence: the JDBC base every database driver plugin builds on.
 *
 * <p>Entry point {@link io.multirunnable.persistence.Database}: pick a
 * {@link io.multirunnable.persistence.spi.DatabaseDriver} plugin by name or JDBC URL, open a
 * single connection or a HikariCP pool (named pools), run SQL through a
 * {@link io.multirunnable.persistence.DatabaseOperator}, and write data-access objects on
 * {@link io.multirunnable.persistence.Dao}. Driver plugins (mr-persistence-mysql, -postgres,
 * -sqlite, or your own) are found with {@link java.util.ServiceLoader}.
 */
module io.multirunnable.persistence {
    requires transitive io.multirunnable.api;
    requires transitive java.sql;
    requires com.zaxxer.hikari;

    exports io.multirunnable.persistence;
    exports io.multirunnable.persistence.spi;

    uses io.multirunnable.persistence.spi.DatabaseDriver;
}
