package io.multirunnable.core.internal;

import io.multirunnable.ExecutorConfig;
import io.multirunnable.PoolConfig;
import io.multirunnable.SimpleExecutor;
import io.multirunnable.SimplePool;
import io.multirunnable.WorkerContext;
import io.multirunnable.internal.Check;
import io.multirunnable.spi.RunnerProvider;

/** The JDK-only {@link RunnerProvider}, named {@code "local"}. */
public final class LocalRunnerProvider implements RunnerProvider {

    /** Public for ServiceLoader. */
    public LocalRunnerProvider() {
    }

    @Override
    public String name() {
        return "local";
    }

    @Override
    public SimpleExecutor newExecutor(ExecutorConfig config) {
        return new LocalExecutor(Check.notNull(config, "config"));
    }

    @Override
    public SimplePool newPool(PoolConfig config) {
        return new LocalPool(Check.notNull(config, "config"));
    }

    @Override
    public WorkerContext currentWorker() {
        return Workers.current();
    }
}
