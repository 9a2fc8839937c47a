/**
 * File access objects: many workers writing CSV and JSON files under saving strategies, zip,
 * atomic output. Entry point: {@link io.multirunnable.fao.Fao}; formats are
 * {@link io.multirunnable.fao.spi.FileFormat} plugins ({@code csv}, {@code json}, {@code jsonl}
 * here; {@code xlsx} in {@code io.multirunnable.fao.excel}).
 */
module io.multirunnable.fao {
    requires transitive io.multirunnable.api;
    requires org.apache.commons.csv;
    requires com.fasterxml.jackson.core;

    exports io.multirunnable.fao;
    exports io.multirunnable.fao.spi;

    uses io.multirunnable.fao.spi.FileFormat;

    provides io.multirunnable.fao.spi.FileFormat with
            io.multirunnable.fao.internal.CsvFormat,
            io.multirunnable.fao.internal.JsonFormat,
            io.multirunnable.fao.internal.JsonLinesFormat;
}
