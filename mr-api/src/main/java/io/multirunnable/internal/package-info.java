/**
 * Helpers shared by MultiRunnable's own modules: {@link io.multirunnable.internal.Check} for
 * preconditions, {@link io.multirunnable.internal.Plugins} for ServiceLoader discovery.
 * Exported only to our modules; not an API.
 */
package io.multirunnable.internal;
