package io.multirunnable.distributed.redis;

import io.multirunnable.WorkerContext;
import io.multirunnable.sync.Guard;
import io.multirunnable.sync.Lock;
import io.multirunnable.sync.Sync;
import io.multirunnable.sync.redis.DistributedCounter;
import io.multirunnable.sync.redis.RedisSync;

/** The tasks the test workers run. */
public final class TestTasks implements TaskSet {
    static final DistributedTask<Integer, Integer> SQUARE = DistributedTask.of("square", Integer.class, Integer.class);
    /** Sleeps the input in ms, returns the input. */
    static final DistributedTask<Integer, Integer> SLEEP = DistributedTask.of("sleep", Integer.class, Integer.class);
    /** Sleeps 1 ms, returns the square. */
    static final DistributedTask<Integer, Integer> SLOW_SQUARE = DistributedTask.of("slow-square", Integer.class, Integer.class);
    /** Throws IllegalStateException with the input as message. */
    static final DistributedTask<String, String> FAIL = DistributedTask.of("fail", String.class, String.class);
    /** Returns "pid worker-name". */
    static final DistributedTask<Integer, String> WHO = DistributedTask.of("who", Integer.class, String.class);
    /**
     * Under {@code Sync.lock(name)} (the redis provider in worker JVMs): counts itself in, records the most
     * holders seen at once, sleeps 2 ms, counts itself out. Returns the holders it saw.
     */
    static final DistributedTask<String, Long> LOCKED = DistributedTask.of("locked", String.class, Long.class);

    @Override
    public void register(TaskRegistry tasks) {
        tasks.register(SQUARE, x -> x * x);
        tasks.register(SLEEP, ms -> {
            Thread.sleep(ms);
            return ms;
        });
        tasks.register(SLOW_SQUARE, x -> {
            Thread.sleep(1);
            return x * x;
        });
        tasks.register(FAIL, m -> {
            throw new IllegalStateException(m);
        });
        tasks.register(WHO, x -> ProcessHandle.current().pid() + " " + WorkerContext.current().name());
        tasks.register(LOCKED, name -> {
            RedisSync redis = WorkerContext.current().feature("redis", RedisSync.class);
            DistributedCounter inside = redis.counter(name + "-inside");
            DistributedCounter most = redis.counter(name + "-most");
            Lock lock = Sync.lock(name);
            try (Guard held = lock.acquire()) {
                long now = inside.incrementAndGet();
                for (long m = most.get(); m < now && !most.compareAndSet(m, now); m = most.get()) {
                    // another holder raised it meanwhile: read again
                }
                Thread.sleep(2);
                inside.decrementAndGet();
                return now;
            }
        });
    }
}
