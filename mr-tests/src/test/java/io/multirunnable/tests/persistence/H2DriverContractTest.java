package io.multirunnable.tests.persistence;

import io.multirunnable.persistence.tck.DatabaseDriverContract;

/** The DatabaseDriver contract on the test-only H2 plugin ({@code io.multirunnable.tests.h2.H2TestDriver}): a third-party plugin. */
class H2DriverContractTest extends DatabaseDriverContract {

    @Override
    protected String jdbcUrl() {
        return Target.H2.url();
    }

    @Override
    protected String driverName() {
        return "h2";
    }
}
