/**
 * Service provider interfaces, for modules that implement MultiRunnable rather than use it.
 * Start with {@link io.multirunnable.spi.RunnerProvider}.
 */
package io.multirunnable.spi;
