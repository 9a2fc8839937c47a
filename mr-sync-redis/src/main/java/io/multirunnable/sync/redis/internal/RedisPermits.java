package io.multirunnable.sync.redis.internal;

import io.multirunnable.sync.redis.internal.RedisBackend.PermitHold;
import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;
import org.redisson.api.RPermitExpirableSemaphore;

/**
 * Permits of a Redisson {@link RPermitExpirableSemaphore}: every permit is taken with the lease and
 * renewed by {@link RedisBackend} while this JVM holds it, so a crashed holder's permit comes back
 * {@code lease} after its last renewal. The base of the Redis Lock (1 permit), Semaphore and
 * BoundedSemaphore.
 *
 * <p>A permit is identified by the id Redis gave it; this handle keeps the ids of the permits taken
 * through it, and {@link #release()} returns one of them (from any thread of this JVM).
 */
abstract class RedisPermits extends RedisAcquirable {
    final RPermitExpirableSemaphore semaphore;
    final Deque<PermitHold> mine = new ConcurrentLinkedDeque<>();
    private final int permits;

    RedisPermits(RedisBackend backend, String kind, String keyKind, String name, int permits) {
        super(backend, kind, name);
        this.permits = checkPermits(permits);
        this.semaphore = backend.client().getPermitExpirableSemaphore(backend.key(keyKind, name));
        if (!semaphore.trySetPermits(permits)) {
            checkExisting(permits);
        }
    }

    /** Called when the semaphore already exists in Redis (another process or handle made it). */
    void checkExisting(int permits) {
        int existing = semaphore.getPermits();
        if (existing != permits) {
            throw new IllegalArgumentException(describe() + " already exists in Redis at " + backend.settings().maskedUrl()
                    + " with " + existing + " permits, not " + permits + ": use the same permits in every process, or another name");
        }
    }

    /** A fencing token for a new hold, or 0 if this kind draws none. */
    long drawToken() {
        return 0;
    }

    @Override
    boolean attempt(long waitMillis) throws InterruptedException {
        String id = semaphore.tryAcquire(waitMillis, backend.leaseMillis(), TimeUnit.MILLISECONDS);
        return id != null && held(id);
    }

    /**
     * A Redis without persistence forgets the semaphore when it restarts; this handle then sets its
     * permits again (a no-op while the semaphore exists), so waiters are not left facing zero permits.
     */
    @Override
    void afterSlice() {
        semaphore.trySetPermits(permits);
    }

    @Override
    void probe() {
        semaphore.isExists();
    }

    /**
     * Records the permit just taken: draws a fencing token, then renews the lease, which also proves the
     * permit was still ours after the token was drawn (a holder frozen past its lease gets {@code false}
     * here and tries again, so tokens of valid holds grow in hold order).
     */
    private boolean held(String id) {
        long token = drawToken();
        if (token != 0 && !semaphore.updateLeaseTime(id, backend.leaseMillis(), TimeUnit.MILLISECONDS)) {
            return false;
        }
        PermitHold hold = new PermitHold(semaphore, id, describe(), token);
        backend.track(hold);
        mine.push(hold);
        return true;
    }

    /** What a release does when this handle holds no permit. */
    abstract void releaseWithoutHold();

    @Override
    public void release() {
        PermitHold hold = mine.poll();
        if (hold == null) {
            releaseWithoutHold();
            return;
        }
        backend.untrack(hold);
        boolean released;
        try {
            released = semaphore.tryRelease(hold.permitId());
        } catch (RuntimeException e) {
            throw failureUnchecked("release", e);
        }
        if (!released) {
            throw new IllegalStateException(describe() + " was held past its lease (" + backend.settings().lease()
                    + ") and expired before release(): another holder may have had it meanwhile (was this JVM paused "
                    + "or cut off from Redis at " + backend.settings().maskedUrl() + "?)");
        }
    }

    /** The permits free right now in Redis (expired leases are counted as free). */
    public int availablePermits() {
        try {
            return semaphore.availablePermits();
        } catch (RuntimeException e) {
            throw failureUnchecked("availablePermits", e);
        }
    }
}
