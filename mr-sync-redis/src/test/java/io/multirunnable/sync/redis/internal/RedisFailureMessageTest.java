package io.multirunnable.sync.redis.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.multirunnable.sync.redis.RedisSyncException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;
import org.redisson.client.RedisConnectionException;
import org.redisson.client.RedisException;
import org.redisson.client.RedisTimeoutException;
import org.redisson.client.WriteRedisConnectionException;

/** Our words for Redis failures: the URL masked, the operation named, Redisson's misleading advice left out. */
class RedisFailureMessageTest {

    @Test
    void outagesAreSaidInOurWordsWithTheRootCauseAndNoCpuAdvice() {
        RedisTimeoutException timeout = new RedisTimeoutException("Command still hasn't been written into connection! "
                + "Check CPU usage of the JVM. Try to increase nettyThreads setting.");
        assertThat(RedisBackend.reason(timeout))
                .isEqualTo("the server did not answer (down, restarting or unreachable)");
        WriteRedisConnectionException write = new WriteRedisConnectionException("Unable to write command into connection!",
                new ConnectException("Connection refused"));
        assertThat(RedisBackend.reason(write))
                .isEqualTo("the server did not answer (down, restarting or unreachable: Connection refused)");
        assertThat(RedisBackend.reason(new RedisConnectionException("Unable to connect", new ConnectException("refused"))))
                .endsWith(": refused)");
        assertThat(RedisBackend.reason(new RedisException("ERR wrong number of arguments"))).isEqualTo("ERR wrong number of arguments");
        assertThat(RedisBackend.reason(new RedisException("odd; Check CPU usage of the JVM"))).isEqualTo("RedisException");
    }

    @Test
    void theExceptionNamesTheMaskedUrlAndTheOperation() {
        String masked = Settings.mask("redis://user:secret@10.0.0.1:6379");
        RedisSyncException e = new RedisSyncException(masked, "newLock('orders')", "the server did not answer", null);
        assertThat(e).isInstanceOf(IllegalStateException.class)
                .hasMessage("Redis at redis://user:***@10.0.0.1:6379 failed during newLock('orders'): the server did not answer")
                .hasMessageNotContaining("secret");
        assertThat(e.url()).isEqualTo("redis://user:***@10.0.0.1:6379");
        assertThat(e.operation()).isEqualTo("newLock('orders')");
    }
}
