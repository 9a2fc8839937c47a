/**
 * Distributed synchronization through Redis: entry point {@link io.multirunnable.sync.redis.RedisSync},
 * the {@link io.multirunnable.sync.spi.SyncProvider} named {@code "redis"}. Select it for existing code
 * with {@code -Dmultirunnable.sync=redis} (URL: {@code -Dmultirunnable.sync.redis.url=redis://host:6379} or
 * {@code MR_REDIS_URL}), or build one with {@link io.multirunnable.sync.redis.RedisSync#builder()}. Also here:
 * {@link io.multirunnable.sync.redis.DistributedCounter} and {@link io.multirunnable.sync.redis.Fenced}
 * (fencing tokens).
 */
package io.multirunnable.sync.redis;
