/**
 * The MultiRunnable demo program. Entry point: {@link io.multirunnable.examples.Demo}.
 */
module io.multirunnable.examples {
    requires io.multirunnable.api;
    requires io.multirunnable.persistence;
    requires io.multirunnable.fao;
    requires java.logging;
    // Optional: only the distributed mode (--distributed, the worker command) uses it; the runtime image leaves it out.
    requires static io.multirunnable.distributed.redis;
    // The distributed mode sends ReadRequest and FileRow records as JSON.
    opens io.multirunnable.examples to com.fasterxml.jackson.databind;
}
