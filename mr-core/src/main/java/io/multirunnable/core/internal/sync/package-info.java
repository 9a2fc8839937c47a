/**
 * The local (this JVM) synchronization primitives, built on {@code java.util.concurrent} locks so
 * virtual threads unmount while waiting. Entry point: {@link io.multirunnable.core.internal.sync.LocalSyncProvider}.
 * Not exported.
 */
package io.multirunnable.core.internal.sync;
