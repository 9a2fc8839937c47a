/**
 * A pool whose workers are other JVMs, through Redis: clients send inputs of registered tasks
 * ({@link io.multirunnable.distributed.redis.DistributedPool}), workers that joined the same named pool run them
 * ({@link io.multirunnable.distributed.redis.DistributedWorker}, or the command-line
 * {@link io.multirunnable.distributed.redis.WorkerLauncher}).
 *
 * <h2>Engine: Redis streams with a consumer group, through Redisson</h2>
 * Each pool is one stream; every worker reads it through one consumer group; each input is one entry
 * (client id, batch, index, task name, input JSON). Chosen over Redisson's executor service
 * ({@code RExecutorService}) on three counts:
 * <ul>
 *   <li><b>What crosses the wire.</b> The executor service ships the task object, serialized with a codec that
 *       rebuilds arbitrary classes (and can ship class bytes to its nodes): whoever can write to Redis can make
 *       a worker instantiate classes of their choosing. Here an entry carries a task name and JSON, the name is
 *       looked up in the worker's allow-list, and the JSON is read only as the type registered with it.</li>
 *   <li><b>Crash recovery.</b> An entry a worker read stays in the group's pending-entries list, owned by that
 *       worker, until it is acknowledged. A live worker renews its entries every {@code lease / 3} (resets their
 *       idle time); any worker with free capacity claims entries idle longer than the lease
 *       ({@code XAUTOCLAIM}) and runs them again. The executor service's own recovery re-sends a task only after
 *       its fixed {@code taskRetryInterval} (5 minutes by default) and cannot tell a slow worker from a dead one.
 *       Live workers also remove a dead worker's consumer from the group ({@code XGROUP DELCONSUMER}) and its
 *       heartbeat entry, every lease, once it owns no pending entries (they are taken over first) and neither its
 *       heartbeat nor Redis has seen it for three of its leases; so the group does not keep one consumer per
 *       worker that ever died.</li>
 *   <li><b>Throughput.</b> Clients send entries in pipelines of 500, workers read as many as they have free
 *       slots in one {@code XREADGROUP}, and hand results in by the hundred in one script call that
 *       acknowledges, deletes and pushes the reply atomically; the executor service costs several round trips
 *       and a serialized object per task.</li>
 * </ul>
 *
 * <h2>Exactly one result, at-least-once execution</h2>
 * The completion script pushes a reply only when its acknowledgement was the first for the entry, so a second
 * execution (after a take-over) is dropped in Redis; the client keeps the first result per index in any case.
 * Take-overs and dropped results are counted per batch ({@link io.multirunnable.distributed.redis.BatchReport}).
 *
 * <h2>Redis failures</h2>
 * While Redis is down, workers and clients retry with back-off. A client fails the open inputs of its batches
 * once Redis has failed for the outage tolerance (default 30 s), or at the batch deadline if one is set. If
 * Redis comes back without its data, workers recreate the group and clients send their unanswered inputs again
 * (counted as {@code resubmitted}).
 */
package io.multirunnable.distributed.redis;
