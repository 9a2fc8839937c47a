package io.multirunnable.distributed.redis;

import io.multirunnable.RunningMode;
import io.multirunnable.sync.redis.RedisSync;
import io.multirunnable.sync.spi.SyncProvider;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;

/**
 * Starts a worker from the command line:
 *
 * <pre>
 * java -p mods -m io.multirunnable.distributed.redis/io.multirunnable.distributed.redis.WorkerLauncher \
 *      --redis redis://redis-host:6379 --pool scan [--mode GREEN_THREAD] [--concurrency 16] [--lease PT30S] \
 *      [--task-set NAME_OR_CLASS]... [--name NAME] [--key-prefix PREFIX]
 * </pre>
 *
 * <p>The tasks are those of the {@link TaskSet}s on the module path ({@code provides ... TaskSet with ...}),
 * or only those chosen with {@code --task-set} (by {@link TaskSet#name()} or class name). Unless already set,
 * the launcher sets {@code -Dmultirunnable.sync=redis} and {@code -Dmultirunnable.sync.redis.url} to the same
 * server, so {@code Sync.lock("name")} in a task is the same lock in every worker JVM; the {@link RedisSync}
 * is also every task's feature {@code "redis"}. SIGTERM (or Ctrl-C) stops the worker gracefully; it prints
 * {@code WORKER <name> READY} once it takes inputs. Exit status 2 for bad arguments, 1 if it cannot start.
 *
 * @since 0.2
 */
public final class WorkerLauncher {
    private WorkerLauncher() {
    }

    /**
     * Runs a worker until the JVM is asked to stop.
     *
     * @param args see the class documentation
     */
    public static void main(String[] args) throws InterruptedException {
        DistributedWorker worker;
        try {
            worker = start(args, System.out);
        } catch (IllegalArgumentException e) {
            System.err.println("worker: " + e.getMessage());
            System.err.println(usage());
            System.exit(2);
            return;
        } catch (RuntimeException e) {
            System.err.println("worker: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("mr-dist-worker-stop").unstarted(worker::close));
        worker.awaitStop();
    }

    static String usage() {
        return "usage: WorkerLauncher --redis redis://host:6379 --pool NAME [--mode GREEN_THREAD|CONCURRENT|PARALLEL|ASYNCHRONOUS]"
                + " [--concurrency N] [--lease PT30S] [--task-set NAME_OR_CLASS]... [--name NAME] [--key-prefix PREFIX]";
    }

    /**
     * Parses {@code args}, starts the worker, prints its READY line to {@code out}, and returns it.
     *
     * @throws IllegalArgumentException a bad argument (names it and the value)
     * @throws IllegalStateException    Redis unreachable (URL masked), or no task found
     */
    public static DistributedWorker start(String[] args, PrintStream out) {
        String url = null;
        String pool = null;
        List<String> sets = new ArrayList<>();
        DistributedWorkerBuilder[] builder = new DistributedWorkerBuilder[1];
        List<java.util.function.Consumer<DistributedWorkerBuilder>> options = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + a + " needs a value");
            }
            String v = args[++i];
            switch (a) {
                case "--redis", "--url" -> url = v;
                case "--pool" -> pool = v;
                case "--task-set" -> sets.add(v);
                case "--mode" -> {
                    RunningMode m;
                    try {
                        m = RunningMode.valueOf(v.toUpperCase(Locale.ROOT));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("--mode must be one of " + List.of(RunningMode.values())
                                + " but was '" + v + "'");
                    }
                    options.add(b -> b.withMode(m));
                }
                case "--concurrency" -> {
                    int n = parseInt("--concurrency", v);
                    options.add(b -> b.withConcurrency(n));
                }
                case "--lease" -> {
                    Duration d;
                    try {
                        d = Duration.parse(v);
                    } catch (java.time.format.DateTimeParseException e) {
                        throw new IllegalArgumentException("--lease must be an ISO-8601 duration such as PT30S but was '" + v + "'");
                    }
                    options.add(b -> b.withLease(d));
                }
                case "--name" -> options.add(b -> b.withName(v));
                case "--key-prefix" -> options.add(b -> b.withKeyPrefix(v));
                default -> throw new IllegalArgumentException("unknown option '" + a + "'");
            }
        }
        if (pool == null) {
            throw new IllegalArgumentException("--pool is required");
        }
        builder[0] = DistributedWorker.builder(pool);
        if (url != null) {
            builder[0].withUrl(url);
        }
        options.forEach(o -> o.accept(builder[0]));
        List<TaskSet> chosen = taskSets(sets);
        chosen.forEach(builder[0]::withTasks);
        if (System.getProperty(SyncProvider.PROPERTY) == null) {
            System.setProperty(SyncProvider.PROPERTY, RedisSync.NAME);
        }
        if (url != null && System.getProperty(RedisSync.URL_PROPERTY) == null) {
            System.setProperty(RedisSync.URL_PROPERTY, url);
        }
        builder[0].withFeature("redis", RedisSync.shared());
        DistributedWorker worker = builder[0].start();
        out.println("WORKER " + worker.name() + " READY pool=" + worker.pool() + " mode=" + worker.mode()
                + " concurrency=" + worker.concurrency() + " tasks=" + worker.taskNames());
        out.flush();
        return worker;
    }

    private static int parseInt(String option, String v) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a whole number but was '" + v + "'");
        }
    }

    private static List<TaskSet> taskSets(List<String> wanted) {
        List<TaskSet> found = new ArrayList<>();
        ServiceLoader.load(TaskSet.class).stream().forEach(p -> found.add(p.get()));
        if (wanted.isEmpty()) {
            if (found.isEmpty()) {
                throw new IllegalStateException("no TaskSet found on the module path: a module must declare "
                        + "'provides io.multirunnable.distributed.redis.TaskSet with ...', or name a class with --task-set");
            }
            return found;
        }
        List<TaskSet> chosen = new ArrayList<>();
        for (String w : wanted) {
            TaskSet s = found.stream().filter(t -> t.name().equals(w) || t.getClass().getName().equals(w)).findFirst()
                    .orElseGet(() -> instantiate(w, found));
            chosen.add(s);
        }
        return chosen;
    }

    /** An operator-named class (never one named by Redis data). */
    private static TaskSet instantiate(String className, List<TaskSet> found) {
        try {
            Class<?> c = Class.forName(className);
            if (!TaskSet.class.isAssignableFrom(c)) {
                throw new IllegalArgumentException("--task-set " + className + " is not a " + TaskSet.class.getName());
            }
            return (TaskSet) c.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("--task-set '" + className + "' is neither the name of an installed "
                    + "TaskSet " + found.stream().map(TaskSet::name).toList() + " nor a loadable TaskSet class: " + e, e);
        }
    }
}
