package io.multirunnable.core.internal.sync;

import io.multirunnable.sync.spi.SyncProvider;
import io.multirunnable.sync.tck.SyncProviderContract;

/** The SyncProvider contract (semantics and jqwik bound properties) on the local provider. */
class LocalSyncProviderContractTest extends SyncProviderContract {
    private static final SyncProvider LOCAL = new LocalSyncProvider();

    @Override
    protected SyncProvider provider() {
        return LOCAL;
    }
}
