package io.multirunnable.sync.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multirunnable.sync.Guard;
import io.multirunnable.sync.SyncTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The acquire template a third-party provider inherits: checks, timeouts, interruption, failures, messages. */
class AbstractAcquirableTest {

    /** A one-permit primitive that records what the template asked of it. */
    static final class Probe extends AbstractAcquirable {
        final List<Long> waits = new ArrayList<>();
        final AtomicInteger free = new AtomicInteger(1);
        RuntimeException failWith;
        boolean interruptedOnEntry;

        Probe(String name) {
            super("Probe", name);
        }

        @Override
        protected void acquireForever() throws InterruptedException {
            interruptedOnEntry |= Thread.currentThread().isInterrupted();
            if (failWith != null) {
                throw failWith;
            }
            waits.add(-1L);
            free.decrementAndGet();
        }

        @Override
        protected boolean tryAcquireNanos(long nanos) throws InterruptedException {
            interruptedOnEntry |= Thread.currentThread().isInterrupted();
            if (failWith != null) {
                throw failWith;
            }
            waits.add(nanos);
            return free.getAndUpdate(f -> f > 0 ? f - 1 : f) > 0;
        }

        @Override
        protected RuntimeException failure(String operation, RuntimeException failure) throws InterruptedException {
            if (failure instanceof UnsupportedOperationException) {
                throw new InterruptedException("engine interrupt");
            }
            return new IllegalStateException("engine failed during " + operation + " of " + describe(), failure);
        }

        @Override
        public void release() {
            if (free.getAndUpdate(f -> f == 0 ? 1 : f) != 0) {
                throw notHeld();
            }
        }
    }

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    @Test
    void theConstructorChecksTheNameOnceForEveryProvider() {
        assertThatThrownBy(() -> new Probe(" ")).isInstanceOf(IllegalArgumentException.class).hasMessage("name must not be blank");
        assertThatThrownBy(() -> new Probe(null)).isInstanceOf(IllegalArgumentException.class).hasMessage("name must not be null");
        assertThatThrownBy(() -> AbstractAcquirable.checkPermits(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("permits must be > 0 but was 0");
        assertThat(AbstractAcquirable.checkPermits(3)).isEqualTo(3);
        assertThat(new Probe("p").name()).isEqualTo("p");
    }

    @Test
    void timeoutsAreCheckedConvertedAndReportedByTheTemplate() throws Exception {
        Probe p = new Probe("orders");
        assertThatThrownBy(() -> p.tryAcquire(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("timeout must be >= 0 but was PT-0.001S");
        assertThatThrownBy(() -> p.acquire(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("timeout must not be null");
        try (Guard g = p.acquire(Duration.ofMillis(1500))) {
            assertThat(g.primitive()).isSameAs(p);
            assertThat(p.waits).containsExactly(1_500_000_000L);
            assertThatThrownBy(() -> p.acquire(Duration.ofMillis(20))).isInstanceOf(SyncTimeoutException.class)
                    .hasMessage("timed out after PT0.02S waiting for Probe 'orders'");
        }
        assertThat(p.tryAcquire(Duration.ofSeconds(Long.MAX_VALUE))).isTrue();
        assertThat(p.waits).last().isEqualTo(Long.MAX_VALUE);
        p.release();
        assertThatThrownBy(p::release).isInstanceOf(IllegalStateException.class)
                .hasMessage("Probe 'orders' is not held: release() without a matching acquire");
    }

    @Test
    void aSetInterruptFlagIsThrownBeforeWaitingAndTheWaitsStartWithItClear() {
        Probe p = new Probe("i");
        Thread.currentThread().interrupt();
        assertThatThrownBy(p::acquire).isInstanceOf(InterruptedException.class);
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> p.tryAcquire(Duration.ofSeconds(1))).isInstanceOf(InterruptedException.class);
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
        assertThat(p.waits).isEmpty();

        Thread.currentThread().interrupt();
        assertThat(p.tryAcquire()).isTrue();
        assertThat(p.interruptedOnEntry).isFalse();
        assertThat(Thread.currentThread().isInterrupted()).as("tryAcquire() keeps the flag").isTrue();
        assertThat(p.waits).containsExactly(0L);
    }

    @Test
    void engineFailuresPassThroughTheProvidersTranslation() {
        Probe p = new Probe("f");
        IllegalArgumentException raw = new IllegalArgumentException("raw");
        p.failWith = raw;
        assertThatThrownBy(p::acquire).isInstanceOf(IllegalStateException.class)
                .hasMessage("engine failed during acquire of Probe 'f'").hasCause(raw);
        assertThatThrownBy(() -> p.tryAcquire(Duration.ZERO)).hasMessage("engine failed during tryAcquire of Probe 'f'");
        assertThatThrownBy(p::tryAcquire).hasMessage("engine failed during tryAcquire of Probe 'f'");

        p.failWith = new UnsupportedOperationException("stands for an interrupt");
        assertThatThrownBy(p::acquire).isInstanceOf(InterruptedException.class).hasMessage("engine interrupt");
        // tryAcquire() cannot throw InterruptedException: it sets the flag again and reports the failure.
        assertThatThrownBy(p::tryAcquire).isInstanceOf(IllegalStateException.class)
                .hasMessage("interrupted while Probe 'f' was being used");
        assertThat(Thread.interrupted()).isTrue();
    }

    @Test
    void theStandardMessagesNameThePrimitiveAndTheRule() {
        Probe p = new Probe("m");
        String me = Thread.currentThread().getName();
        assertThat(p.notOwner()).hasMessage("Probe 'm' is not held by the current thread '" + me
                + "': only its owner may release it");
        assertThat(p.mustBeHeld()).hasMessage("Probe 'm' must be held by the current thread '" + me
                + "' to await or signal");
        assertThat(p.releasedTooOften(2)).hasMessage("Probe 'm' released too many times: it would exceed its 2 initial permits");
    }
}
