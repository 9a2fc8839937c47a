package io.multirunnable.tests.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multirunnable.sync.Sync;
import io.multirunnable.sync.spi.SyncProvider;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * Sync passes names and permits on unchecked; the provider's primitives check them once (in
 * AbstractAcquirable, or the Event itself), with the same messages whichever door the call came in by.
 */
class SyncArgumentCheckTest {
    private final SyncProvider local = Sync.provider("local");

    private static void rejects(ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @Test
    void badNamesGetOneMessageThroughSyncAndThroughTheProvider() {
        rejects(() -> Sync.lock(" "), "name must not be blank");
        rejects(() -> local.newLock(" "), "name must not be blank");
        rejects(() -> Sync.rlock(null), "name must not be null");
        rejects(() -> local.newRLock(null), "name must not be null");
        rejects(() -> Sync.semaphore("", 1), "name must not be blank");
        rejects(() -> local.newSemaphore("", 1), "name must not be blank");
        rejects(() -> Sync.boundedSemaphore("\t", 1), "name must not be blank");
        rejects(() -> local.newBoundedSemaphore("\t", 1), "name must not be blank");
        rejects(() -> Sync.event(""), "name must not be blank");
        rejects(() -> local.newEvent(""), "name must not be blank");
        rejects(() -> Sync.condition(" "), "name must not be blank");
        rejects(() -> local.newCondition(" "), "name must not be blank");
    }

    @Test
    void badPermitsGetOneMessageThroughSyncAndThroughTheProvider() {
        rejects(() -> Sync.semaphore(0), "permits must be > 0 but was 0");
        rejects(() -> Sync.semaphore("s", -2), "permits must be > 0 but was -2");
        rejects(() -> local.newSemaphore("s", -2), "permits must be > 0 but was -2");
        rejects(() -> Sync.boundedSemaphore(0), "permits must be > 0 but was 0");
        rejects(() -> Sync.boundedSemaphore("b", -1), "permits must be > 0 but was -1");
        rejects(() -> local.newBoundedSemaphore("b", -1), "permits must be > 0 but was -1");
    }

    @Test
    void goodArgumentsStillMakePrimitives() {
        assertThat(Sync.semaphore("ok", 2).availablePermits()).isEqualTo(2);
        assertThat(local.newBoundedSemaphore("ok", 1).initialPermits()).isEqualTo(1);
        assertThat(Sync.lock("ok").name()).isEqualTo("ok");
    }
}
