/**
 * The xlsx {@link io.multirunnable.fao.spi.FileFormat} ({@code XlsxFormat}), on Apache POI's
 * streaming SXSSF. Not exported: use it through {@code Fao.save("xlsx", ...)}.
 */
package io.multirunnable.fao.excel.internal;
