/**
 * MultiRunnable's integration tests run as this module, on the module path, so they see our
 * modules exactly as a user's module does. Test classes are patched in by Surefire.
 */
open module io.multirunnable.tests {
    requires io.multirunnable.api;
    requires io.multirunnable.core;
    requires io.multirunnable.persistence;
    requires io.multirunnable.fao;
    requires java.compiler;
    requires jdk.jfr; // GreenThreadPinningTest watches jdk.VirtualThreadPinned events
    requires io.multirunnable.fao.excel;
    requires io.multirunnable.fao.fastexcel;
    // independent readers of what the FAO wrote
    requires org.apache.commons.csv;
    requires com.fasterxml.jackson.databind;
    requires org.apache.poi.ooxml;
    requires java.xml;
    requires jdk.management; // process CPU time in the FAO throughput report

    requires static micrometer.core; // PoolMetrics through Micrometer, on the module path as a user would have it

    exports io.multirunnable.tests.support;

    // A driver plugin for a database we do not ship, defined only in this test module.
    provides io.multirunnable.persistence.spi.DatabaseDriver with io.multirunnable.tests.h2.H2TestDriver;
}
