package io.multirunnable.distributed.redis.internal;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.redisson.api.RFuture;

/**
 * Bounded waits for Redisson's blocking commands. While the server is down Redisson keeps a blocking
 * command ({@code XREAD BLOCK}, {@code BLPOP}...) pending to send it again after reconnecting, so its
 * synchronous call never returns; here the wait ends after the block time plus a margin and the command
 * is cancelled. (Replies are read from a stream without consuming them, so a read that is abandoned and
 * still runs later loses nothing.)
 */
final class Waits {
    /** What a blocking command may take beyond its block time before it counts as failed. */
    static final long MARGIN_MILLIS = 4_000;

    private Waits() {
    }

    static <T> T get(RFuture<T> command, long blockMillis, String maskedUrl) throws InterruptedException {
        CompletableFuture<T> f = command.toCompletableFuture();
        try {
            return f.get(blockMillis + MARGIN_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(false);
            throw new IllegalStateException("Redis at " + maskedUrl + " did not answer within "
                    + (blockMillis + MARGIN_MILLIS) + " ms", e);
        } catch (InterruptedException e) {
            f.cancel(false);
            throw e;
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            throw c instanceof RuntimeException r ? r : new IllegalStateException(String.valueOf(c), c);
        } catch (CancellationException e) {
            throw new IllegalStateException("a Redis command to " + maskedUrl + " was cancelled", e);
        }
    }
}
