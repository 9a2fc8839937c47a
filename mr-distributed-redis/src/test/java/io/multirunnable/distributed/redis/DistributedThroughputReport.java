package io.multirunnable.distributed.redis;

import io.multirunnable.RunningMode;
import io.multirunnable.SimplePool;
import io.multirunnable.WorkerResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Throughput of the distributed pool beside a local {@link SimplePool}, for BENCHMARKS.md. Opt-in (it starts
 * up to 4 worker JVMs and runs for about two minutes):
 * {@code mvn -B -ntp -q -pl mr-distributed-redis -am verify -Dtest=DistributedThroughputReport
 * -Dsurefire.failIfNoSpecifiedTests=false -Dmr.dist.bench=true}. Prints mean ± standard deviation over
 * the measured rounds (after one warm-up round). Not a JMH benchmark: the workers are other processes.
 */
class DistributedThroughputReport {
    private static final int ROUNDS = 5;
    private static final int CONCURRENCY = 16;
    private static final int TRIVIAL = 20_000;

    @Test
    void report() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("mr.dist.bench"), "opt-in: -Dmr.dist.bench=true");
        List<String> lines = new ArrayList<>();
        for (int size : new int[] {16, 64}) {
            try (SimplePool local = SimplePool.of(RunningMode.GREEN_THREAD, size)) {
                lines.add(String.format("local SimplePool GREEN_THREAD x%-3d   trivial %s   10 ms %s", size,
                        rate(() -> local.map(x -> (Integer) x * (Integer) x, inputs(TRIVIAL)).size()),
                        rate(() -> local.map(x -> {
                            Thread.sleep(10);
                            return x;
                        }, inputs(sleepInputs(size))).size())));
            }
        }
        List<DistTestSupport.Child> workers = new ArrayList<>();
        try {
            for (int jvms : new int[] {1, 2, 4}) {
                String pool = DistTestSupport.unique("bench-" + jvms);
                for (DistTestSupport.Child c : workers) {
                    c.process().destroy();
                }
                workers.clear();
                for (int i = 0; i < jvms; i++) {
                    workers.add(DistTestSupport.startWorker(DistTestSupport.url(), pool, Duration.ofSeconds(10), CONCURRENCY));
                }
                for (DistTestSupport.Child c : workers) {
                    c.awaitReady();
                }
                try (DistributedPool client = DistTestSupport.pool(pool).build()) {
                    int n10 = sleepInputs(jvms * CONCURRENCY);
                    lines.add(String.format("distributed, %d worker JVM%s x%d     trivial %s   10 ms %s", jvms,
                            jvms == 1 ? " " : "s", CONCURRENCY,
                            rate(() -> check(client.map(TestTasks.SQUARE, inputs(TRIVIAL)))),
                            rate(() -> check(client.map(TestTasks.SLEEP, IntStream.range(0, n10).map(i -> 10).boxed().toList())))));
                    if (jvms == 1) {
                        double[] micros = new double[500];
                        for (int i = 0; i < 100; i++) {
                            client.apply(TestTasks.SQUARE, i);
                        }
                        for (int i = 0; i < micros.length; i++) {
                            long t0 = System.nanoTime();
                            client.apply(TestTasks.SQUARE, i);
                            micros[i] = (System.nanoTime() - t0) / 1e3;
                        }
                        Arrays.sort(micros);
                        lines.add(String.format("apply round trip (1 input, 1 worker JVM): mean %.0f us, p50 %.0f us, p99 %.0f us",
                                Arrays.stream(micros).average().orElse(0), micros[micros.length / 2],
                                micros[micros.length * 99 / 100]));
                    }
                }
            }
        } finally {
            workers.forEach(c -> c.process().destroyForcibly());
            DistTestSupport.cleanUp();
        }
        System.out.println("DISTRIBUTED THROUGHPUT (tasks/s, mean ± sd of " + ROUNDS + " rounds after 1 warm-up; "
                + Runtime.getRuntime().availableProcessors() + " CPUs)");
        lines.forEach(System.out::println);
    }

    /** Enough 10 ms inputs for about a second of work at {@code concurrency}. */
    private static int sleepInputs(int concurrency) {
        return concurrency * 100;
    }

    private static List<Integer> inputs(int n) {
        return IntStream.range(0, n).boxed().toList();
    }

    private static <T> int check(List<WorkerResult<T>> results) {
        for (WorkerResult<T> r : results) {
            if (!r.isSuccessful()) {
                throw new AssertionError("failed: " + r);
            }
        }
        return results.size();
    }

    private interface Run {
        int run() throws Exception;
    }

    private static String rate(Run run) throws Exception {
        run.run();
        double[] r = new double[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
            long t0 = System.nanoTime();
            int n = run.run();
            r[i] = n / ((System.nanoTime() - t0) / 1e9);
        }
        double mean = Arrays.stream(r).average().orElse(0);
        double sd = Math.sqrt(Arrays.stream(r).map(x -> (x - mean) * (x - mean)).sum() / (ROUNDS - 1));
        return String.format("%9.0f ± %-7.0f", mean, sd);
    }
}
