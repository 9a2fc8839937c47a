package io.multirunnable.sync.redis.internal;

import io.multirunnable.sync.BoundedSemaphore;
import io.multirunnable.sync.Semaphore;

/**
 * {@link Semaphore}: permits of an expirable semaphore. A release with no permit held through this
 * handle adds a permit in Redis (Python's semantics), for every process.
 */
class RedisSemaphore extends RedisPermits implements Semaphore {

    RedisSemaphore(RedisBackend backend, String name, int permits) {
        super(backend, "Semaphore", "semaphore", name, permits);
    }

    RedisSemaphore(RedisBackend backend, String kind, String keyKind, String name, int permits) {
        super(backend, kind, keyKind, name, permits);
    }

    @Override
    void checkExisting(int permits) {
        // A plain semaphore's permits change with releases without acquire: the first maker's count stands.
    }

    @Override
    void releaseWithoutHold() {
        try {
            join(semaphore.addPermitsAsync(1));
        } catch (RuntimeException e) {
            throw failureUnchecked("release", e);
        }
    }

    @Override
    public String toString() {
        return describe() + " [redis]";
    }

    /**
     * {@link BoundedSemaphore}: a release is refused unless it returns a permit taken through this
     * handle, so the permits in Redis never exceed the initial ones.
     */
    static final class Bounded extends RedisSemaphore implements BoundedSemaphore {
        private final int initial;

        Bounded(RedisBackend backend, String name, int permits) {
            super(backend, "BoundedSemaphore", "bounded-semaphore", name, permits);
            this.initial = permits;
        }

        @Override
        void checkExisting(int permits) {
            int existing = semaphore.getPermits();
            if (existing != permits) {
                throw new IllegalArgumentException(describe() + " already exists in Redis at " + backend.settings().maskedUrl()
                        + " with " + existing + " permits, not " + permits
                        + ": use the same permits in every process, or another name");
            }
        }

        @Override
        void releaseWithoutHold() {
            throw releasedTooOften(initial);
        }

        @Override
        public int initialPermits() {
            return initial;
        }
    }
}
