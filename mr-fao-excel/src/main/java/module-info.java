/**
 * xlsx FileFormat plugin on Apache POI (streaming SXSSF). Adding this module to the module
 * path (or class path) makes {@code Fao.save("xlsx", ...)} work; it exports nothing.
 */
module io.multirunnable.fao.excel {
    requires io.multirunnable.fao;
    requires org.apache.poi.poi;
    requires org.apache.poi.ooxml;

    provides io.multirunnable.fao.spi.FileFormat with io.multirunnable.fao.excel.internal.XlsxFormat;
}
