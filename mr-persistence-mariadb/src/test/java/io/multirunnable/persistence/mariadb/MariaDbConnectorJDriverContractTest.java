package io.multirunnable.persistence.mariadb;

import io.multirunnable.persistence.tck.DatabaseDriverContract;
import io.multirunnable.testsupport.TestBackends;
import io.multirunnable.testsupport.TestBackends.Service;

/**
 * The whole DatabaseDriver contract on the mariadb plugin (MariaDB Connector/J, {@code jdbc:mariadb:})
 * against a MariaDB server: {@code MR_MARIADB_CONNECTORJ_URL}, else a {@code mariadb:10.11}
 * container when Docker answers, else the local server.
 */
class MariaDbConnectorJDriverContractTest extends DatabaseDriverContract {

    @Override
    protected String jdbcUrl() {
        return TestBackends.require(Service.MARIADB_CONNECTORJ);
    }

    @Override
    protected String driverName() {
        return "mariadb";
    }
}
