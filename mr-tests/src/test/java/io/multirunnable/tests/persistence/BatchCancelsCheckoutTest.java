package io.multirunnable.tests.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.multirunnable.BatchPolicy;
import io.multirunnable.RunningMode;
import io.multirunnable.SimpleExecutor;
import io.multirunnable.WorkerResult;
import io.multirunnable.persistence.ConnectionLease;
import io.multirunnable.persistence.ConnectionStrategy;
import io.multirunnable.persistence.Database;
import io.multirunnable.persistence.DatabaseException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A batch deadline reaches workers blocked in a HikariCP checkout: HikariCP's {@code getConnection} is
 * interruptible (its bag waits in {@code SynchronousQueue.poll}); our strategy turns the interrupt into a
 * {@link DatabaseException} "interrupted while waiting for a connection ..." and keeps the interrupt flag.
 */
@Timeout(30)
class BatchCancelsCheckoutTest {

    static Stream<Arguments> modesAndTargets() {
        return Stream.of(RunningMode.values())
                .flatMap(m -> Stream.of(Target.SQLITE, Target.POSTGRESQL).map(t -> Arguments.of(m, t)));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("modesAndTargets")
    void aDeadlineInterruptsWorkersWaitingForAPooledConnection(RunningMode mode, Target target) throws Exception {
        try (ConnectionStrategy pool = Database.pool(target.config("cancel").withPoolSize(1)
                .withConnectionTimeout(Duration.ofSeconds(20)).build());
             ConnectionLease held = pool.acquire();
             SimpleExecutor ex = SimpleExecutor.builder(mode).withWorkers(2).build()) {
            AtomicInteger started = new AtomicInteger();
            ConcurrentLinkedQueue<String> seen = new ConcurrentLinkedQueue<>();
            long t0 = System.nanoTime();
            List<WorkerResult<String>> results = ex.run(BatchPolicy.collectAll().withTimeout(Duration.ofMillis(500)), () -> {
                started.incrementAndGet();
                try (ConnectionLease lease = pool.acquire()) {
                    return "got a connection while the only one was held";
                } catch (DatabaseException e) {
                    seen.add(e.getMessage() + " | interrupted=" + Thread.currentThread().isInterrupted());
                    throw e;
                }
            });
            long millis = (System.nanoTime() - t0) / 1_000_000;
            assertThat(results).allSatisfy(r -> assertThat(r.error()).isInstanceOf(TimeoutException.class));
            assertThat(millis).as("returned at the deadline, not after the 20 s checkout timeout").isLessThan(10_000);
            // A worker not started by the deadline never starts; every one that did start must be interrupted.
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (seen.size() < started.get() && System.nanoTime() < end) {
                Thread.sleep(5);
            }
            assertThat(started.get()).as("workers that reached the checkout").isPositive();
            assertThat(seen).hasSize(started.get()).allSatisfy(m -> assertThat(m)
                    .startsWith("interrupted while waiting for a connection from pool '").endsWith("| interrupted=true"));
            assertThat(held.connection().isValid(1)).isTrue();
        }
    }
}
