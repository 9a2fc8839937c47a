/**
 * Helpers shared by MultiRunnable's own modules: {@link io.multirunnable.internal.Check} for
 * preconditions, {@link io.multirunnable.internal.PluginRegistry} (with
 * {@link io.multirunnable.internal.Plugins}) for ServiceLoader discovery and selection, and
 * {@link io.multirunnable.internal.Providers} for the API module's own services.
 * Exported only to our modules; not an API.
 */
package io.multirunnable.internal;
