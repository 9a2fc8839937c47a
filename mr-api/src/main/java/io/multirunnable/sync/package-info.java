/**
 * Synchronization primitives shared by workers: {@link io.multirunnable.sync.Lock},
 * {@link io.multirunnable.sync.RLock}, {@link io.multirunnable.sync.Semaphore},
 * {@link io.multirunnable.sync.BoundedSemaphore}, {@link io.multirunnable.sync.Event} and
 * {@link io.multirunnable.sync.Condition}. Entry point: {@link io.multirunnable.sync.Sync}, which makes
 * them with the selected {@link io.multirunnable.sync.spi.SyncProvider}.
 *
 * <p>Three ways to use a primitive, with the same semantics:
 * <ol>
 *   <li>a guard: {@code try (Guard held = lock.acquire()) { ... }} releases exactly once on close;</li>
 *   <li>a wrapper, the Python decorator's equivalent: {@link io.multirunnable.sync.RunWith#lock(Acquirable, java.util.concurrent.Callable)};</li>
 *   <li>an executor or pool feature ({@code withFeature(lock)}) shared by all its workers and read with
 *       {@code WorkerContext.current().feature(Lock.class)}.</li>
 * </ol>
 *
 * <p>Blocking: {@code acquire()} waits without limit and throws {@link java.lang.InterruptedException}
 * if interrupted; {@code tryAcquire(Duration)} returns {@code false} on timeout; {@code acquire(Duration)}
 * throws {@link io.multirunnable.sync.SyncTimeoutException} on timeout. The local implementations use
 * {@code java.util.concurrent} locks, never {@code synchronized}, so virtual threads unmount while they wait.
 */
package io.multirunnable.sync;
