package io.multirunnable.tests.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.multirunnable.RunningMode;
import io.multirunnable.SimpleExecutor;
import io.multirunnable.WorkerResult;
import io.multirunnable.persistence.ConnectionStrategy;
import io.multirunnable.persistence.Database;
import io.multirunnable.persistence.DatabaseOperator;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Many virtual threads on a small pool of each shipped plugin. (Every row arriving exactly once
 * with many workers, in every running mode, is part of the driver contract:
 * {@code io.multirunnable.persistence.tck.DatabaseDriverContract}, run by each plugin.)
 */
class PoolConcurrencyTest {

    static List<Target> shipped() {
        return Target.shipped();
    }

    /**
     * Many virtual threads fighting over a small pool (HikariCP issue #2398 reported carrier
     * threads spinning in 7.0.x): every checkout succeeds. The CPU time of the same 5,120 queries
     * from 256 contending virtual threads and from 4 uncontended ones is printed, not asserted:
     * spinning waiters would show as far more CPU per query under contention.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("shipped")
    void manyVirtualThreadsOnASmallPool(Target target) throws Exception {
        try (ConnectionStrategy pool = Database.pool(target.config("vthreads").withPoolSize(4).build())) {
            DatabaseOperator db = DatabaseOperator.of(pool);
            String contended = measure(db, 256, 20);
            String uncontended = measure(db, 4, 1_280);
            assertThat(pool.activeConnections()).isZero();
            System.out.printf("[vthreads] %s, pool of 4, 5,120 queries: 256 virtual threads %s; 4 virtual threads %s%n",
                    target, contended, uncontended);
        }
    }

    private static String measure(DatabaseOperator db, int threads, int queriesEach) throws InterruptedException {
        try (SimpleExecutor executor = SimpleExecutor.builder(RunningMode.GREEN_THREAD).withWorkers(threads).build()) {
            long cpu0 = cpuNanos();
            long t0 = System.nanoTime();
            List<WorkerResult<Integer>> results = executor.run(() -> {
                int sum = 0;
                for (int i = 0; i < queriesEach; i++) {
                    sum += db.query("SELECT ?", 1).fetchOne(Integer.class).orElseThrow();
                }
                return sum;
            });
            long wallMs = (System.nanoTime() - t0) / 1_000_000;
            long cpuMs = (cpuNanos() - cpu0) / 1_000_000;
            assertThat(results).allSatisfy(r -> assertThat(r.value()).isEqualTo(queriesEach));
            return "wall " + wallMs + " ms, process CPU " + cpuMs + " ms";
        }
    }

    private static long cpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().orElse(java.time.Duration.ZERO).toNanos();
    }
}
