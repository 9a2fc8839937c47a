package io.multirunnable.sync.redis;

import io.multirunnable.sync.Guard;
import io.multirunnable.sync.Semaphore;
import io.multirunnable.sync.Sync;

/**
 * A child JVM of {@link MultiProcessSemaphoreTest}: it uses the plain {@link Sync} API, switched to Redis
 * by {@code -Dmultirunnable.sync=redis} only, and counts holders in {@link DistributedCounter}s of the
 * shared {@link RedisSync}.
 *
 * <p>Arguments: {@code role semaphore permits holdersCounter maxCounter iterations holdMillis}; role
 * {@code worker} takes and returns a permit {@code iterations} times, holding it {@code holdMillis};
 * role {@code hog} takes one permit, prints {@code HOLDING} and keeps it until killed.
 * Roles {@code bench-semaphore} and {@code bench-lock} (for {@link ThroughputReport}) only acquire and
 * release, {@code iterations} times, without counting. Prints {@code DONE <iterations> <nanos>} at the end.
 */
public final class SemaphoreContender {
    private SemaphoreContender() {
    }

    public static void main(String[] args) throws Exception {
        String role = args[0];
        if (role.startsWith("bench-")) {
            bench(role, args[1], Integer.parseInt(args[2]), Integer.parseInt(args[5]));
            return;
        }
        Semaphore sem = Sync.semaphore(args[1], Integer.parseInt(args[2]));
        DistributedCounter holders = RedisSync.shared().counter(args[3]);
        DistributedCounter max = RedisSync.shared().counter(args[4]);
        int iterations = Integer.parseInt(args[5]);
        long holdMillis = Long.parseLong(args[6]);
        System.out.println("STARTED " + ProcessHandle.current().pid());
        System.out.flush();
        if (role.equals("hog")) {
            sem.acquire();
            track(holders, max);
            System.out.println("HOLDING");
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
            return;
        }
        long start = System.nanoTime();
        for (int i = 0; i < iterations; i++) {
            try (Guard held = sem.acquire()) {
                track(holders, max);
                if (holdMillis > 0) {
                    Thread.sleep(holdMillis);
                }
                holders.decrementAndGet();
            }
        }
        System.out.println("DONE " + iterations + " " + (System.nanoTime() - start));
        System.out.flush();
    }

    private static void bench(String role, String name, int permits, int iterations) throws InterruptedException {
        io.multirunnable.sync.Acquirable primitive = role.equals("bench-lock") ? Sync.lock(name) : Sync.semaphore(name, permits);
        primitive.acquire().close(); // connect and warm up
        System.out.println("READY");
        System.out.flush();
        long start = System.nanoTime();
        for (int i = 0; i < iterations; i++) {
            primitive.acquire();
            primitive.release();
        }
        System.out.println("DONE " + iterations + " " + (System.nanoTime() - start));
        System.out.flush();
    }

    private static void track(DistributedCounter holders, DistributedCounter max) {
        long now = holders.incrementAndGet();
        for (long seen = max.get(); now > seen && !max.compareAndSet(seen, now); seen = max.get()) {
            // another process raised it meanwhile: compare again
        }
    }
}
