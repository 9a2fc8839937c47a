/**
 * xlsx FileFormat plugin on Apache POI (streaming SXSSF).
 */
module io.multirunnable.fao.excel {
    requires io.multirunnable.fao;
}
