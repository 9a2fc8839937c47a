/**
 * MultiRunnable's public API. Start with {@link io.multirunnable.SimpleExecutor} (one task on N
 * workers) or {@link io.multirunnable.SimplePool} (a fixed pool tasks are handed to), both made
 * for a {@link io.multirunnable.RunningMode}; tasks ask {@link io.multirunnable.WorkerContext}
 * who runs them.
 */
package io.multirunnable;
