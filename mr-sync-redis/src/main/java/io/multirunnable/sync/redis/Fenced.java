package io.multirunnable.sync.redis;

/**
 * A lock that hands out a fencing token with every acquisition: the Redis {@link io.multirunnable.sync.Lock}
 * and {@link io.multirunnable.sync.RLock} (and the lock of a {@link io.multirunnable.sync.Condition}) made by
 * {@link RedisSync} implement it.
 *
 * <p>Why: a lease-based lock alone is not safe. A holder that is paused (a long GC, a frozen VM, a slow
 * network) past its lease loses the lock without knowing it, another process takes it, and both then
 * write to the protected resource. The defence is a fencing token: a number that grows with every
 * acquisition of the lock, sent along with each write, and checked by the resource, which refuses a
 * write carrying a smaller token than one it has already seen.
 *
 * <pre>{@code
 * Lock lock = Sync.lock("orders");                 // with -Dmultirunnable.sync=redis
 * try (Guard held = lock.acquire()) {
 *     long token = ((Fenced) lock).fencingToken();
 *     storage.write(order, token);                 // storage rejects tokens older than the newest it saw
 * }
 * }</pre>
 *
 * <p>How: on acquisition the plugin draws the next token from a per-lock key in Redis
 * ({@code <prefix><kind>:<name>:fence}) and then checks it still holds the lock; an acquisition whose hold
 * expired in between is retried. So tokens of valid holds increase in the order the holds began. The
 * token only helps if the protected resource checks it; the plugin cannot do that for you.
 *
 * <p><b>What a token is</b>: {@code max(previous token + 1, the Redis server's time in microseconds since
 * the epoch)}, drawn atomically by a script on the server. So tokens are large numbers (about
 * 1.8&nbsp;&times;&nbsp;10<sup>15</sup> in 2026; store them as 64-bit integers), not 1, 2, 3.
 *
 * <p><b>Guarantee</b>: a token is strictly greater than every token drawn before for the same lock
 * <ul>
 *   <li>while the key lives in Redis, unconditionally;</li>
 *   <li>after Redis lost the key (a restart of a Redis without persistence, a flush, a fail-over to a
 *       replica that never got it), on one assumption: the clock of the Redis server that answers has not
 *       gone backwards past the last token drawn before (no clock step back; after a fail-over, the new
 *       primary's clock is not behind the old one's). Tokens never run ahead of that clock by more than
 *       the draws of one microsecond, and a draw costs a round trip, so in practice the clock alone decides.</li>
 * </ul>
 * (Earlier builds used a plain counter, which started again from 1 after such a loss: below a stale
 * holder's token, so the resource refused every new holder.)
 *
 * @since 0.1
 */
public interface Fenced {

    /**
     * The fencing token of the current hold: for a Lock, the hold taken through this handle (from any
     * thread); for an RLock or Condition, the current thread's outermost hold (a new token after each
     * {@code Condition.await}, which releases and re-takes the lock). Does not touch Redis.
     *
     * @return a positive number, larger than the token of every earlier hold of the same lock (see the
     *         guarantee and its clock assumption above)
     * @throws IllegalStateException if no hold is known (not held through this handle / by this thread)
     */
    long fencingToken();
}
