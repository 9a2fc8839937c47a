/**
 * The MultiRunnable demo program. Entry point: {@link io.multirunnable.examples.Demo}.
 */
module io.multirunnable.examples {
    requires io.multirunnable.api;
    requires io.multirunnable.persistence;
    requires io.multirunnable.fao;
    requires java.logging;
}
