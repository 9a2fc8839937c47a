package io.multirunnable.sync.redis.internal;

import io.multirunnable.internal.Check;
import io.multirunnable.sync.Event;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.redisson.api.RAtomicLong;
import org.redisson.api.RTopic;
import org.redisson.api.RedissonClient;
import org.redisson.client.RedisException;

/**
 * {@link Event} in Redis: a counter whose odd values mean "set". Each {@link #set()} that turns the flag
 * on increments it (a new generation) and publishes a message; a waiter returns as soon as the counter
 * differs from the even value it first read, so every thread waiting at a set returns even if the flag
 * is cleared again at once. Waiters also re-read the counter every second, in case a message is lost
 * (pub/sub is not durable).
 */
final class RedisEvent implements Event {
    private static final long RECHECK_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final RedisBackend backend;
    private final String name;
    private final String key;
    private final RAtomicLong state;

    RedisEvent(RedisBackend backend, String name) {
        this.backend = backend;
        this.name = Check.notBlank(name, "name");
        this.key = backend.key("event", name);
        this.state = backend.client().getAtomicLong(key);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void set() {
        backend.run(() -> "set of " + describe(), this::setOnce);
    }

    private void setOnce() {
        while (true) {
            long s = state.get();
            if ((s & 1) == 1) {
                return;
            }
            if (state.compareAndSet(s, s + 1)) {
                backend.client().getTopic(key + ":changes").publish(Long.toString(s + 1));
                return;
            }
        }
    }

    @Override
    public void clear() {
        backend.run(() -> "clear of " + describe(), this::clearOnce);
    }

    private void clearOnce() {
        while (true) {
            long s = state.get();
            if ((s & 1) == 0 || state.compareAndSet(s, s + 1)) {
                return;
            }
        }
    }

    @Override
    public boolean isSet() {
        return backend.call(() -> "isSet of " + describe(), () -> (state.get() & 1) == 1);
    }

    @Override
    public void await() throws InterruptedException {
        awaitNanos(-1);
    }

    @Override
    public boolean await(Duration timeout) throws InterruptedException {
        return awaitNanos(Check.timeoutNanos(timeout));
    }

    private boolean awaitNanos(long nanos) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        try {
            return waitForSet(nanos);
        } catch (RedisException e) {
            InterruptedException interrupted = RedisAcquirable.interruptedOr(e);
            if (interrupted != null) {
                throw interrupted;
            }
            throw backend.failure("await of " + describe(), e);
        }
    }

    private boolean waitForSet(long nanos) throws InterruptedException {
        Channel channel = backend.channel(key);   // subscribed before the first read: no set is missed
        long deadline = nanos < 0 ? Long.MAX_VALUE : System.nanoTime() + nanos;
        long seen = state.get();
        if ((seen & 1) == 1) {
            return true;
        }
        while (true) {
            long heard = channel.version();
            if (state.get() != seen) {
                return true;
            }
            long left = nanos < 0 ? RECHECK_NANOS : deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            channel.awaitChange(heard, Math.min(left, RECHECK_NANOS));
        }
    }

    private String describe() {
        return "Event '" + name + "'";
    }

    @Override
    public String toString() {
        return describe() + " [redis]";
    }

    /** The pub/sub channel of one event key, subscribed once per backend; wakes local waiters. */
    static final class Channel {
        private final RTopic topic;
        private final int listener;
        private final ReentrantLock lock = new ReentrantLock();
        private final java.util.concurrent.locks.Condition changed = lock.newCondition();
        private long version; // guarded by lock

        Channel(RedissonClient client, String key) {
            this.topic = client.getTopic(key + ":changes");
            this.listener = topic.addListener(String.class, (channel, message) -> bump());
        }

        private void bump() {
            lock.lock();
            try {
                version++;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }

        long version() {
            lock.lock();
            try {
                return version;
            } finally {
                lock.unlock();
            }
        }

        /** Waits until a message arrives after {@code seen} was read, or {@code nanos} pass. */
        void awaitChange(long seen, long nanos) throws InterruptedException {
            lock.lockInterruptibly();
            try {
                long left = nanos;
                while (version == seen && left > 0) {
                    left = changed.awaitNanos(left);
                }
            } finally {
                lock.unlock();
            }
        }

        void close() {
            try {
                topic.removeListener(listener);
            } catch (RuntimeException ignored) {
                // shutting down
            }
        }
    }
}
