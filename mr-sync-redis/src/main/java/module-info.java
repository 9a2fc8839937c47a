/**
 * SyncProvider {@code "redis"}: locks, semaphores, events, conditions and counters shared by every
 * JVM connected to one Redis server, through Redisson. Put it on the module path and select it with
 * {@code -Dmultirunnable.sync=redis} (code written against {@link io.multirunnable.sync.Sync} does not
 * change), or build one explicitly with {@link io.multirunnable.sync.redis.RedisSync#builder()}.
 * Redis URL: system property {@code multirunnable.sync.redis.url}, else environment variable
 * {@code MR_REDIS_URL}, else {@code redis://127.0.0.1:6379}.
 */
module io.multirunnable.sync.redis {
    requires transitive io.multirunnable.api;
    // Automatic module (Automatic-Module-Name: redisson); it brings Netty and Reactor as automatic modules too.
    requires redisson;
    // Explicit modules Redisson needs at run time; automatic modules cannot require them, so we do.
    requires org.slf4j;
    requires com.fasterxml.jackson.core;
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.dataformat.yaml;
    requires com.fasterxml.jackson.datatype.jsr310;
    requires io.reactivex.rxjava3;
    requires net.bytebuddy;

    exports io.multirunnable.sync.redis;
    // The connection setup and URL masking, reused (not copied) by the distributed pool.
    exports io.multirunnable.sync.redis.internal to io.multirunnable.distributed.redis;

    provides io.multirunnable.sync.spi.SyncProvider with io.multirunnable.sync.redis.internal.RedisSyncServiceProvider;
}
