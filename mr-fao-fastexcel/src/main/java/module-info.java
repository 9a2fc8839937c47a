/**
 * xlsx FileFormat plugin on fastexcel: format {@code xlsx-fastexcel}, also chosen for
 * {@code Fao.save("xlsx", ...)} when installed (see {@link io.multirunnable.fao.spi.FileFormat}).
 * Exports nothing.
 */
module io.multirunnable.fao.fastexcel {
    requires io.multirunnable.fao;
    requires org.dhatim.fastexcel;

    provides io.multirunnable.fao.spi.FileFormat with io.multirunnable.fao.fastexcel.internal.FastexcelFormat;
}
