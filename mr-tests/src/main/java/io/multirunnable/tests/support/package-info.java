/** Support for the integration tests; entry point {@link io.multirunnable.tests.support.TestEnv}. */
package io.multirunnable.tests.support;
