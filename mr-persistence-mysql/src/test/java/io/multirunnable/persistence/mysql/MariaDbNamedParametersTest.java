package io.multirunnable.persistence.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import io.multirunnable.persistence.ConnectionStrategy;
import io.multirunnable.persistence.Database;
import io.multirunnable.persistence.DatabaseConfig;
import io.multirunnable.persistence.DatabaseOperator;
import io.multirunnable.persistence.Params;
import io.multirunnable.testsupport.TestBackends;
import io.multirunnable.testsupport.TestBackends.Service;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * MariaDB's own syntax with {@code :name} parameters through the mysql plugin on a real server:
 * backslash escapes inside strings (the plugin declares them), backtick identifiers, {@code #}-free
 * comments and the {@code :=} assignment.
 */
class MariaDbNamedParametersTest {
    private ConnectionStrategy pool;
    private DatabaseOperator db;

    @BeforeEach
    void open() {
        pool = Database.pool(DatabaseConfig.builder(TestBackends.require(Service.MARIADB))
                .withPoolName("mariadb-named-" + System.nanoTime()).withPoolSize(1).build());
        db = DatabaseOperator.of(pool);
    }

    @AfterEach
    void close() {
        pool.close();
    }

    @Test
    void backslashEscapedQuotesBackticksAndAssignmentsAreNotParameters() {
        // 'it\'s :no' is one string on MariaDB: the :no inside must stay text
        assertThat(db.query("SELECT CONCAT('it\\'s :no', :yes) AS `a:b`", Params.of("yes", "!")).fetchOne(String.class))
                .contains("it's :no!");
        // := assigns a user variable in the same statement; :v is the parameter
        assertThat(db.query("SELECT (@mr_x := :v) + 1 /* :c */", Params.of("v", 41)).fetchOne(Long.class)).contains(42L);
        assertThat(db.query("SELECT '\\\\' AS s, :v AS v -- :d", Params.of("v", "x")).fetchOne())
                .hasValueSatisfying(row -> assertThat(row.values()).containsExactly("\\", "x"));
    }
}
