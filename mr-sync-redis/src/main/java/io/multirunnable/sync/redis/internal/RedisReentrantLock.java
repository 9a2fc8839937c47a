package io.multirunnable.sync.redis.internal;

import io.multirunnable.sync.Condition;
import io.multirunnable.sync.RLock;
import io.multirunnable.sync.redis.Fenced;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A Redisson lock, reentrant and owned by the thread that took it: the body of {@link RLock}
 * ({@link RedisRLock}) and of a {@link Condition}'s lock ({@link RedisCondition}). It implements
 * neither API type itself, so a Condition is not an RLock (the contract's "each primitive is an
 * instance of its own API type only", which {@code feature(Type.class)} look-ups rely on). Its lease
 * is Redisson's watchdog: renewed every {@code lease / 3} while this JVM lives, expired
 * {@code lease} after a crash. A fencing token is drawn when a thread's outermost hold begins.
 */
abstract class RedisReentrantLock extends RedisAcquirable implements Fenced {
    final org.redisson.api.RLock lock;
    private final FenceCounter fence;
    /** Thread id -> {holds through this handle, fencing token}. */
    private final ConcurrentHashMap<Long, long[]> holds = new ConcurrentHashMap<>();

    RedisReentrantLock(RedisBackend backend, String kind, String keyKind, String name) {
        super(backend, kind, name);
        this.lock = backend.client().getLock(backend.key(keyKind, name));
        this.fence = new FenceCounter(backend, backend.key(keyKind, name) + ":fence");
    }

    /**
     * One attempt through Redisson's asynchronous tryLock for this thread's id, so that an interrupt
     * leaves nothing held (see {@link #awaitAttempt}); a hold taken is then counted uninterruptibly.
     */
    @Override
    boolean attempt(long waitMillis) throws InterruptedException {
        long me = Thread.currentThread().threadId();
        boolean acquired = awaitAttempt(lock.tryLockAsync(waitMillis, -1, TimeUnit.MILLISECONDS, me), waitMillis, taken -> {
            if (taken) {
                giveBack(me);
            }
        });
        return acquired && held(me);
    }

    /** Gives back, in the background, one hold taken for thread {@code threadId} that nobody will count. */
    private void giveBack(long threadId) {
        lock.unlockAsync(threadId).whenComplete((done, failed) -> logIfFailed(failed, "give back an abandoned hold"));
    }

    @Override
    void probe() {
        lock.isLocked();
    }

    /**
     * Counts the hold thread {@code me} just took; an outermost one draws a token, then checks the lock
     * is still this thread's (a thread frozen past the lease between the two gets {@code false} and
     * tries again). The Redis calls are not interruptible: an interrupt here would lose a hold that is
     * already taken (the interrupt stays set for the caller, who holds the lock). If the server fails
     * instead, the hold is given back before the failure is passed on.
     */
    private boolean held(long me) {
        long[] mine = holds.get(me);
        if (mine != null) {
            mine[0]++;
            return true;
        }
        long token;
        boolean stillMine;
        try {
            token = join(fence.nextAsync());
            stillMine = join(lock.isHeldByThreadAsync(me));
        } catch (RuntimeException e) {
            giveBack(me);
            throw e;
        }
        if (!stillMine) {
            return false;
        }
        holds.put(me, new long[] {1, token});
        return true;
    }

    /** Called (by the owner) after a successful unlock. */
    final void countRelease() {
        long me = Thread.currentThread().threadId();
        long[] mine = holds.get(me);
        if (mine != null && --mine[0] <= 0) {
            holds.remove(me);
        }
    }

    /** Releases one hold; not interruptible (a cancelled worker's guard must still give the lock back). */
    @Override
    public void release() {
        try {
            join(lock.unlockAsync(Thread.currentThread().threadId()));
        } catch (RuntimeException e) {
            if (isMonitorState(e)) {
                throw notOwner();
            }
            throw failureUnchecked("release", e);
        }
        countRelease();
    }

    static boolean isMonitorState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IllegalMonitorStateException) {
                return true;
            }
        }
        return false;
    }

    /** Releases every hold of the current thread (it holds the lock), uninterruptibly; returns how many there were. */
    final int releaseAll() {
        long me = Thread.currentThread().threadId();
        int count = join(lock.getHoldCountAsync());
        for (int i = 0; i < count; i++) {
            join(lock.unlockAsync(me));
        }
        holds.remove(me);
        return count;
    }

    /**
     * Takes the lock {@code count} times again, waiting uninterruptibly (an interrupt stays set); a new
     * fencing token is drawn. Redisson's own {@code lock()} is not used: interrupted during its round
     * trips it throws, and may leave the lock taken.
     */
    final void reacquire(int count) {
        long me = Thread.currentThread().threadId();
        for (int i = 0; i < count; i++) {
            join(lock.lockAsync(-1, TimeUnit.MILLISECONDS, me));
        }
        holds.put(me, new long[] {count, join(fence.nextAsync())});
    }

    /** As {@link RLock}. */
    public int holdCount() {
        return backend.call(() -> "holdCount of " + describe(), lock::getHoldCount);
    }

    /** As {@link RLock}. */
    public boolean isHeldByCurrentThread() {
        return backend.call(() -> "isHeldByCurrentThread of " + describe(), lock::isHeldByCurrentThread);
    }

    /** As {@link RLock}. */
    public boolean isLocked() {
        return backend.call(() -> "isLocked of " + describe(), lock::isLocked);
    }

    @Override
    public long fencingToken() {
        long[] mine = holds.get(Thread.currentThread().threadId());
        if (mine == null) {
            throw new IllegalStateException(describe() + " is not held by the current thread '"
                    + Thread.currentThread().getName() + "' through this handle: there is no fencing token");
        }
        return mine[1];
    }

    @Override
    public String toString() {
        return describe() + " [redis]";
    }
}
