/**
 * The extension point for database driver plugins: implement
 * {@link io.multirunnable.persistence.spi.DatabaseDriver} and declare it with
 * {@code provides io.multirunnable.persistence.spi.DatabaseDriver with ...} (and a
 * {@code META-INF/services} file for class-path users).
 */
package io.multirunnable.persistence.spi;
