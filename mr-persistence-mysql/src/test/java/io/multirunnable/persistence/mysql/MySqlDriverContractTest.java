package io.multirunnable.persistence.mysql;

import io.multirunnable.persistence.tck.DatabaseDriverContract;
import io.multirunnable.testsupport.TestBackends;
import io.multirunnable.testsupport.TestBackends.Service;

/**
 * The DatabaseDriver contract on the mysql plugin against MySQL proper (8.4 in a container, or
 * {@code MR_MYSQL_URL}). There is no local MySQL server (the one on 3306 is MariaDB), so without
 * Docker and without {@code MR_MYSQL_URL} this class is skipped even when
 * {@code MR_REQUIRE_DATABASES=true}: that setting is about the servers {@code .ci/run} provides.
 */
class MySqlDriverContractTest extends DatabaseDriverContract {

    @Override
    protected String jdbcUrl() {
        return TestBackends.require(Service.MYSQL);
    }

    @Override
    protected String driverName() {
        return "mysql";
    }
}
