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

    exports io.multirunnable.tests.support;
}
