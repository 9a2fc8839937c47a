package io.multirunnable.sync.redis;

import io.multirunnable.testsupport.TestBackends;
import io.multirunnable.testsupport.TestBackends.Service;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;

/**
 * jqwik hook: skips a property container when {@link TestBackends} finds no Redis, unless
 * {@code MR_REQUIRE_DATABASES=true} (then the properties run and fail). JUnit's assumptions do not
 * skip a jqwik container cleanly, hence this hook.
 */
public final class SkipWithoutRedis implements SkipExecutionHook {

    @Override
    public SkipResult shouldBeSkipped(LifecycleContext context) {
        TestBackends.Located redis = TestBackends.locate(Service.REDIS);
        if (redis.available() || TestBackends.required()) {
            return SkipResult.doNotSkip();
        }
        return SkipResult.skip("Redis not available (" + redis.source() + "): " + redis.problem()
                + "; set MR_REQUIRE_DATABASES=true to fail instead");
    }
}
