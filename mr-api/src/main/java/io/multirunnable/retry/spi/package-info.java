/**
 * The retry engine's service provider interface, for modules that implement retry rather than
 * use it. Start with {@link io.multirunnable.retry.spi.RetryProvider}.
 */
package io.multirunnable.retry.spi;
