package io.multirunnable.persistence.mysql;

import io.multirunnable.persistence.tck.DatabaseDriverContract;
import io.multirunnable.testsupport.TestBackends;
import io.multirunnable.testsupport.TestBackends.Service;

/** The DatabaseDriver contract on the mysql plugin against a MariaDB server (the local one, or a container). */
class MariaDbDriverContractTest extends DatabaseDriverContract {

    @Override
    protected String jdbcUrl() {
        return TestBackends.require(Service.MARIADB);
    }

    @Override
    protected String driverName() {
        return "mysql";
    }
}
