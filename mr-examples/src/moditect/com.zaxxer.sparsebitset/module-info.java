// Module descriptor added at build time (moditect) so SparseBitSet-1.3.jar, an automatic module,
// can go into the jlink image. Exports every package, as the automatic module did.
module com.zaxxer.sparsebitset {
    exports com.zaxxer.sparsebits;
}
