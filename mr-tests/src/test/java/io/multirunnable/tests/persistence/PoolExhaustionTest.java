package io.multirunnable.tests.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multirunnable.persistence.ConnectionLease;
import io.multirunnable.persistence.ConnectionStrategy;
import io.multirunnable.persistence.ConnectionTimeoutException;
import io.multirunnable.persistence.Database;
import io.multirunnable.persistence.DatabaseException;
import io.multirunnable.persistence.DatabaseOperator;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** An exhausted pool (or a held single connection) makes callers wait, blocked, then fail with a typed timeout. */
class PoolExhaustionTest {

    static List<Target> shipped() {
        return Target.shipped();
    }

    /**
     * A waiter is parked, not spinning: sampled while it waits, its thread is in a waiting
     * state (the seed's pool polled with sleep(5); a spin loop would show RUNNABLE).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("shipped")
    void waitersAreParkedNotSpinning(Target target) throws Exception {
        try (ConnectionStrategy pool = Database.pool(target.config("park").withPoolSize(1)
                .withConnectionTimeout(Duration.ofSeconds(20)).build())) {
            ConnectionLease held = pool.acquire();
            AtomicReference<Thread> waiter = new AtomicReference<>();
            CountDownLatch started = new CountDownLatch(1);
            CompletableFuture<Integer> result = new CompletableFuture<>();
            Thread t = Thread.ofPlatform().name("pool-waiter").start(() -> {
                waiter.set(Thread.currentThread());
                started.countDown();
                try {
                    result.complete(DatabaseOperator.of(pool).query("SELECT 5").fetchOne(Integer.class).orElseThrow());
                } catch (Throwable e) {
                    result.completeExceptionally(e);
                }
            });
            started.await();
            Thread.sleep(300);
            int waiting = 0;
            for (int i = 0; i < 20; i++) {
                Thread.State s = t.getState();
                if (s == Thread.State.WAITING || s == Thread.State.TIMED_WAITING) {
                    waiting++;
                }
                Thread.sleep(25);
            }
            assertThat(result).isNotDone();
            assertThat(waiting).as("samples in a waiting state out of 20").isGreaterThanOrEqualTo(18);
            held.close();
            assertThat(result.get()).isEqualTo(5);
            t.join();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shipped")
    void singleConnectionIsHandedToOneThreadAtATime(Target target) throws Exception {
        Duration wait = Duration.ofMillis(400);
        try (ConnectionStrategy single = Database.singleConnection(target.config("single").withConnectionTimeout(wait).build())) {
            DatabaseOperator db = DatabaseOperator.of(single);
            assertThat(single.maxConnections()).isEqualTo(1);
            try (ConnectionLease lease = single.acquire()) {
                // the holder may lease it again (nested use on one thread)...
                try (ConnectionLease again = single.acquire()) {
                    assertThat(again.connection()).isSameAs(lease.connection());
                }
                assertThat(db.query("SELECT 2").fetchOne(Integer.class)).contains(2);
                // ...another thread waits, then times out.
                CompletableFuture<Object> other = CompletableFuture.supplyAsync(() -> db.query("SELECT 3").fetchAll(),
                        r -> Thread.ofPlatform().start(r));
                assertThatThrownBy(other::join).hasCauseInstanceOf(ConnectionTimeoutException.class)
                        .cause().hasMessage("no connection from single connection '" + single.name() + "' within PT0.4S: "
                                + "another thread holds it");
                assertThat(single.activeConnections()).isEqualTo(1);
            }
            assertThat(single.activeConnections()).isZero();
            CompletableFuture<Integer> later = CompletableFuture.supplyAsync(
                    () -> db.query("SELECT 4").fetchOne(Integer.class).orElseThrow(), r -> Thread.ofPlatform().start(r));
            assertThat(later.get()).isEqualTo(4);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shipped")
    void interruptedWaiterGetsAnExceptionAndKeepsItsInterruptFlag(Target target) throws Exception {
        try (ConnectionStrategy pool = Database.pool(target.config("interrupt").withPoolSize(1)
                .withConnectionTimeout(Duration.ofSeconds(20)).build());
             ConnectionLease held = pool.acquire()) {
            CompletableFuture<Throwable> failure = new CompletableFuture<>();
            AtomicReference<Boolean> flag = new AtomicReference<>();
            Thread t = Thread.ofPlatform().start(() -> {
                try {
                    pool.acquire().close();
                    failure.complete(null);
                } catch (Throwable e) {
                    flag.set(Thread.currentThread().isInterrupted());
                    failure.complete(e);
                }
            });
            while (t.getState() != Thread.State.TIMED_WAITING && t.getState() != Thread.State.WAITING) {
                Thread.sleep(10);
            }
            t.interrupt();
            t.join();
            assertThat(failure.get()).isInstanceOf(DatabaseException.class)
                    .hasMessageStartingWith("interrupted while waiting for a connection from pool '" + pool.name() + "'");
            assertThat(flag.get()).isTrue();
            assertThat(held.connection().isValid(2)).isTrue();
        }
    }
}
