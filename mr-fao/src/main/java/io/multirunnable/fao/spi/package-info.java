/**
 * The file format extension point: implement {@link io.multirunnable.fao.spi.FileFormat} and
 * {@link io.multirunnable.fao.spi.RowWriter}, and declare the format as a service.
 *
 * @since 0.1
 */
package io.multirunnable.fao.spi;
