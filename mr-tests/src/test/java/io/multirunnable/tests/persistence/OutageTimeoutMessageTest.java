package io.multirunnable.tests.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.multirunnable.persistence.ConnectionStrategy;
import io.multirunnable.persistence.ConnectionTimeoutException;
import io.multirunnable.persistence.Database;
import io.multirunnable.persistence.DatabaseConfig;
import io.multirunnable.persistence.DatabaseOperator;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Issue 13 weak spot: a checkout timeout during an outage says why in its own message (the last connection error). */
class OutageTimeoutMessageTest {

    @ParameterizedTest
    @EnumSource(value = Target.class, names = {"MARIADB", "MARIADB_CJ", "POSTGRESQL"})
    void timeoutDuringAnOutageNamesTheLastConnectionError(Target target) throws Exception {
        try (CutProxy proxy = CutProxy.in(target.url());
             ConnectionStrategy pool = Database.pool(DatabaseConfig.builder(proxy.url(target.url()))
                     .withPoolName("outage-" + target.table("o")).withPoolSize(1)
                     .withConnectionTimeout(Duration.ofSeconds(2)).build())) {
            DatabaseOperator db = DatabaseOperator.of(pool);
            assertThat(db.query("SELECT 1").fetchOne(Integer.class)).contains(1);
            proxy.stop();
            Thread.sleep(700); // past HikariCP's 500 ms alive-bypass window, so the dead connection is noticed
            ConnectionTimeoutException e = catchThrowableOfType(ConnectionTimeoutException.class, pool::acquire);
            assertThat(e.getMessage()).startsWith("no connection from pool '" + pool.name() + "' within PT2S")
                    .contains("; last connection error: ").containsIgnoringCase("refused");
        }
    }
}
