/**
 * Implementation of the distributed pool: Redis keys, the JSON codec, the client engine (submission,
 * reply dispatch, deadlines, data-loss recovery) and the worker engine (reading, claiming, lease
 * renewal, completion). Not exported.
 */
package io.multirunnable.distributed.redis.internal;
