package io.multirunnable.tests.executor;

import static org.assertj.core.api.Assertions.assertThat;

import io.multirunnable.BatchPolicy;
import io.multirunnable.CheckedFunction;
import io.multirunnable.RunningMode;
import io.multirunnable.SimpleExecutor;
import io.multirunnable.SimplePool;
import io.multirunnable.WorkerResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Random batches (mode, executor or pool, policy, worker count, each task succeeding, failing or being
 * slow) keep the batch invariants: one result per task at its index; collect-all keeps every real
 * outcome; fail-fast throws exactly the failure recorded at its index and reports every other task as
 * its real outcome or cancelled; first-success returns a real success, or throws one failure with all the
 * others suppressed. Afterwards the same executor or pool runs interruptible tasks cleanly: no interrupt
 * meant for a cancelled task leaks into later work on a reused thread.
 */
class BatchPropertiesTest {

    enum Outcome { OK, FAIL, SLOW }

    @Provide
    Arbitrary<List<Outcome>> outcomes() {
        return Arbitraries.of(Outcome.class).list().ofMinSize(1).ofMaxSize(40);
    }

    @Provide
    Arbitrary<BatchPolicy> policies() {
        return Arbitraries.of(BatchPolicy.collectAll(), BatchPolicy.failFast(), BatchPolicy.firstSuccess());
    }

    private static String task(List<Outcome> outcomes, int k) throws Exception {
        switch (outcomes.get(k)) {
            case FAIL -> throw new IOException("f" + k);
            case SLOW -> Thread.sleep(3);
            default -> { }
        }
        return "v" + k;
    }

    @Property(tries = 300, generation = GenerationMode.RANDOMIZED)
    void batchesKeepTheirInvariants(@ForAll RunningMode mode, @ForAll boolean pool, @ForAll("policies") BatchPolicy policy,
                                    @ForAll @IntRange(min = 1, max = 6) int workers,
                                    @ForAll("outcomes") List<Outcome> outcomes) throws Exception {
        List<Integer> inputs = IntStream.range(0, outcomes.size()).boxed().toList();
        Runner runner = pool ? new Runner(SimplePool.builder(mode).withWorkers(workers).build())
                : new Runner(SimpleExecutor.builder(mode).withWorkers(workers).build());
        List<WorkerResult<?>> results;
        Exception thrown = null;
        try (runner) {
            try {
                runner.map(policy, k -> task(outcomes, k), inputs);
            } catch (Exception e) {
                thrown = e;
            }
            results = runner.result();
            assertNoLeakedInterrupt(runner.map(BatchPolicy.collectAll(), k -> {
                Thread.sleep(1);
                return k;
            }, IntStream.range(0, 2 * workers).boxed().toList()));
        }
        assertThat(results).hasSize(outcomes.size());
        for (int i = 0; i < results.size(); i++) {
            WorkerResult<?> r = results.get(i);
            assertThat(r.index()).isEqualTo(i);
            boolean real = outcomes.get(i) == Outcome.FAIL
                    ? r.error() instanceof IOException e && e.getMessage().equals("f" + i)
                    : r.isSuccessful() && ("v" + i).equals(r.value());
            boolean cancelled = r.error() instanceof CancellationException;
            if (policy.completion() == BatchPolicy.Completion.COLLECT_ALL) {
                assertThat(real).as("result %d of %s", i, results).isTrue();
            } else {
                assertThat(real || cancelled).as("result %d of %s", i, results).isTrue();
            }
        }
        boolean anyFail = outcomes.contains(Outcome.FAIL);
        boolean anyOk = outcomes.stream().anyMatch(o -> o != Outcome.FAIL);
        switch (policy.completion()) {
            case COLLECT_ALL -> assertThat(thrown).isNull();
            case FAIL_FAST -> {
                if (anyFail) {
                    assertThat(thrown).isInstanceOf(IOException.class);
                    int k = Integer.parseInt(thrown.getMessage().substring(1));
                    assertThat(results.get(k).error()).isSameAs(thrown);
                } else {
                    assertThat(thrown).isNull();
                }
            }
            case FIRST_SUCCESS -> {
                if (anyOk) {
                    assertThat(thrown).isNull();
                    assertThat(results).anyMatch(WorkerResult::isSuccessful);
                } else {
                    assertThat(thrown).isInstanceOf(IOException.class);
                    List<String> all = new ArrayList<>();
                    all.add(thrown.getMessage());
                    Arrays.stream(thrown.getSuppressed()).forEach(s -> all.add(s.getMessage()));
                    assertThat(all).containsExactlyInAnyOrderElementsOf(inputs.stream().map(i -> "f" + i).toList());
                }
            }
        }
    }

    /** An executor's or a pool's map, whichever the try uses. */
    private record Runner(SimpleExecutor executor, SimplePool pool) implements AutoCloseable {
        Runner(SimpleExecutor executor) {
            this(executor, null);
        }

        Runner(SimplePool pool) {
            this(null, pool);
        }

        List<WorkerResult<Object>> map(BatchPolicy policy, CheckedFunction<Integer, Object> f, List<Integer> in)
                throws Exception {
            return pool != null ? pool.map(policy, f, in) : executor.map(policy, f, in);
        }

        List<WorkerResult<?>> result() {
            return pool != null ? pool.result() : executor.result();
        }

        @Override
        public void close() {
            if (pool != null) {
                pool.close();
            } else {
                executor.close();
            }
        }
    }

    private static void assertNoLeakedInterrupt(List<? extends WorkerResult<?>> after) {
        assertThat(after).allSatisfy(r -> assertThat(r.error()).as("stale interrupt on %s", r.workerName()).isNull());
    }
}
