/** The demo program; entry point {@link io.multirunnable.examples.Demo}. */
package io.multirunnable.examples;
