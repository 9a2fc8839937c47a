/**
 * The {@code SyncProvider} contract suite: {@link io.multirunnable.sync.tck.SyncProviderContract}.
 *
 * @since 0.2
 */
package io.multirunnable.sync.tck;
