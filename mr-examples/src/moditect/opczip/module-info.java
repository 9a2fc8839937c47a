// Module descriptor added at build time (moditect) so opczip-1.2.0.jar (fastexcel's zip writer),
// an automatic module, can go into the jlink image. Exports every package, as the automatic module did.
module opczip {
    exports com.github.rzymek.opczip;
    exports com.github.rzymek.opczip.reader;
    exports com.github.rzymek.opczip.reader.ordered;
    exports com.github.rzymek.opczip.reader.skipping;
}
