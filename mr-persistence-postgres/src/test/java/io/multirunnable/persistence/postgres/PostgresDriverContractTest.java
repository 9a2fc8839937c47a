package io.multirunnable.persistence.postgres;

import io.multirunnable.persistence.tck.DatabaseDriverContract;
import io.multirunnable.testsupport.TestBackends;
import io.multirunnable.testsupport.TestBackends.Service;

/** The DatabaseDriver contract on the PostgreSQL plugin, against the server TestBackends finds. */
class PostgresDriverContractTest extends DatabaseDriverContract {

    @Override
    protected String jdbcUrl() {
        return TestBackends.require(Service.POSTGRES);
    }

    @Override
    protected String driverName() {
        return "postgresql";
    }
}
