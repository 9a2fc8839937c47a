package io.multirunnable.sync.redis.internal;

import io.multirunnable.sync.redis.internal.RedisBackend.PermitHold;
import java.util.Deque;
import java.util.List;
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

    /** A fencing token for a new hold, or 0 if this kind draws none; not interruptible (see {@link #held}). */
    long drawToken() {
        return 0;
    }

    /**
     * One attempt through Redisson's asynchronous tryAcquire, so that an interrupt leaves no permit
     * taken (see {@link #awaitAttempt}). The list form is used because its future is Redisson's own:
     * cancelling it makes Redisson give back a permit taken afterwards (the single-id form wraps it,
     * and cancelling the wrapper would not).
     */
    @Override
    boolean attempt(long waitMillis) throws InterruptedException {
        List<String> ids = awaitAttempt(semaphore.tryAcquireAsync(1, waitMillis, backend.leaseMillis(), TimeUnit.MILLISECONDS),
                waitMillis, this::giveBack);
        // Redisson marks "none free, the nearest lease ends at T" as a lone ":T"; its attempt never returns it, but be sure.
        return !ids.isEmpty() && !ids.get(0).startsWith(":") && held(ids.get(0));
    }

    /** Gives back, in the background, permits taken that nobody will release. */
    private void giveBack(List<String> ids) {
        if (!ids.isEmpty() && !ids.get(0).startsWith(":")) {
            semaphore.tryReleaseAsync(ids).whenComplete((n, failed) -> logIfFailed(failed, "give back an abandoned permit"));
        }
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
     * here and tries again, so tokens of valid holds grow in hold order). Not interruptible: an
     * interrupt here would lose a permit already taken (it stays set for the caller, who holds the
     * permit). If the server fails instead, the permit is given back before the failure is passed on.
     */
    private boolean held(String id) {
        long token;
        try {
            token = drawToken();
            if (token != 0 && !join(semaphore.updateLeaseTimeAsync(id, backend.leaseMillis(), TimeUnit.MILLISECONDS))) {
                return false;
            }
        } catch (RuntimeException e) {
            giveBack(List.of(id));
            throw e;
        }
        PermitHold hold = new PermitHold(semaphore, id, describe(), token);
        backend.track(hold);
        mine.push(hold);
        return true;
    }

    /** What a release does when this handle holds no permit. */
    abstract void releaseWithoutHold();

    /** Returns a permit; not interruptible (a cancelled worker's guard must still give the permit back). */
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
            released = join(semaphore.tryReleaseAsync(hold.permitId()));
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
