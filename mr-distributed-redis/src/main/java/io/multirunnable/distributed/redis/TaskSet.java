package io.multirunnable.distributed.redis;

/**
 * A group of tasks a worker started by {@link WorkerLauncher} registers: a module declares
 * {@code provides io.multirunnable.distributed.redis.TaskSet with com.acme.ScanTasks;} (and the same in
 * {@code META-INF/services} for the class path), and every worker launched with that module on its
 * module path runs those tasks. Implementations need a public no-argument constructor.
 *
 * @since 0.2
 */
public interface TaskSet {
    /** A short name, used by the launcher's {@code --task-set NAME} to pick sets; default: the simple class name. */
    default String name() {
        return getClass().getSimpleName();
    }

    /** Registers this set's tasks; called once per worker, before it starts. */
    void register(TaskRegistry tasks);
}
