package io.multirunnable.sync.redis.internal;

import io.multirunnable.sync.Lock;
import io.multirunnable.sync.redis.Fenced;
import io.multirunnable.sync.redis.internal.RedisBackend.PermitHold;

/**
 * {@link Lock}: a one-permit expirable semaphore, so it is not reentrant and not bound to a thread
 * (any thread of this JVM may release a hold taken through this handle), with a lease renewed while
 * held and a fencing token drawn for every acquisition.
 */
final class RedisLock extends RedisPermits implements Lock, Fenced {
    private final FenceCounter fence;

    RedisLock(RedisBackend backend, String name) {
        super(backend, "Lock", "lock", name, 1);
        this.fence = new FenceCounter(backend, backend.key("lock", name) + ":fence");
    }

    @Override
    long drawToken() {
        return join(fence.nextAsync());
    }

    @Override
    void releaseWithoutHold() {
        throw notHeld();
    }

    @Override
    public boolean isLocked() {
        return availablePermits() == 0;
    }

    @Override
    public long fencingToken() {
        PermitHold hold = mine.peek();
        if (hold == null) {
            throw new IllegalStateException(describe() + " is not held through this handle: there is no fencing token");
        }
        return hold.token();
    }

    @Override
    public String toString() {
        return describe() + " [redis]";
    }
}
