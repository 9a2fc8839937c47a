/**
 * Implementation of the running modes. Entry point: {@link io.multirunnable.core.internal.LocalRunnerProvider}.
 * Not exported.
 */
package io.multirunnable.core.internal;
