/**
 * The demo program: hashes a directory with every MultiRunnable capability.
 */
module io.multirunnable.examples {
    requires io.multirunnable.api;
}
