package io.multirunnable.sync.redis;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;

/**
 * jqwik hook: skips a property container when the test Redis is unreachable, unless
 * {@code MR_REQUIRE_DATABASES=true} (then the properties run and fail). JUnit's assumptions do not
 * skip a jqwik container cleanly, hence this hook.
 */
public final class SkipWithoutRedis implements SkipExecutionHook {

    @Override
    public SkipResult shouldBeSkipped(LifecycleContext context) {
        if (Boolean.parseBoolean(System.getenv().getOrDefault("MR_REQUIRE_DATABASES", "false"))) {
            return SkipResult.doNotSkip();
        }
        URI uri = URI.create(RedisTestSupport.url());
        int port = uri.getPort() < 0 ? 6379 : uri.getPort();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), port), 1000);
            return SkipResult.doNotSkip();
        } catch (IOException down) {
            return SkipResult.skip("Redis not reachable at " + uri.getHost() + ":" + port + " (" + down.getMessage()
                    + "); set MR_REQUIRE_DATABASES=true to fail instead");
        }
    }
}
