/**
 * The Redis primitives behind {@link io.multirunnable.sync.redis.RedisSync}: entry point
 * {@link io.multirunnable.sync.redis.internal.RedisBackend} (one Redisson client, lease renewal, key
 * namespace, primitive factories); {@link io.multirunnable.sync.redis.internal.RedisSyncServiceProvider}
 * is the ServiceLoader entry. Not exported.
 */
package io.multirunnable.sync.redis.internal;
