/**
 * JDBC base for driver plugins: single-connection and HikariCP pooled strategies, DatabaseOperator, DAO base, driver discovery.
 */
module io.multirunnable.persistence {
    requires transitive io.multirunnable.api;
    requires transitive java.sql;
}
