/**
 * A third-party-style database driver plugin (H2), present only in the test module, proving
 * the {@code DatabaseDriver} SPI can be implemented outside MultiRunnable.
 */
package io.multirunnable.tests.h2;
