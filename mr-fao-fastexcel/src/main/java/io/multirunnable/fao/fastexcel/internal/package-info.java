/**
 * The {@code xlsx-fastexcel} {@link io.multirunnable.fao.spi.FileFormat} ({@code FastexcelFormat}),
 * on fastexcel's streaming writer. Not exported: use it through {@code Fao.save("xlsx", ...)} or
 * {@code Fao.save("xlsx-fastexcel", ...)}.
 */
package io.multirunnable.fao.fastexcel.internal;
