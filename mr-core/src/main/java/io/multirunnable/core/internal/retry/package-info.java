/**
 * The JDK-only retry engine. Entry point: {@link io.multirunnable.core.internal.retry.LocalRetryProvider}.
 * Not exported.
 */
package io.multirunnable.core.internal.retry;
