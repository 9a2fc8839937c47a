/**
 * The extension point for synchronization engines: implement
 * {@link io.multirunnable.sync.spi.SyncProvider} (e.g. a distributed engine) and declare it with
 * {@code provides io.multirunnable.sync.spi.SyncProvider with ...}; user code keeps calling
 * {@link io.multirunnable.sync.Sync}.
 */
package io.multirunnable.sync.spi;
