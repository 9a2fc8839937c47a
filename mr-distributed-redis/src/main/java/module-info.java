/**
 * A pool whose workers are other JVMs, through Redis streams (Redisson): see
 * {@link io.multirunnable.distributed.redis} for the engine and why it was chosen. Tasks travel by
 * registered name with a JSON input, never as code. Workers: {@code java -p mods -m
 * io.multirunnable.distributed.redis/io.multirunnable.distributed.redis.WorkerLauncher --redis URL --pool NAME},
 * with the tasks of every {@link io.multirunnable.distributed.redis.TaskSet} on the module path.
 */
module io.multirunnable.distributed.redis {
    requires transitive io.multirunnable.api;
    requires transitive io.multirunnable.sync.redis;
    requires redisson;
    requires com.fasterxml.jackson.databind;

    exports io.multirunnable.distributed.redis;

    uses io.multirunnable.distributed.redis.TaskSet;
}
