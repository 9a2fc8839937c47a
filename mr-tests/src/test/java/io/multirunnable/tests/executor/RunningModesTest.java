package io.multirunnable.tests.executor;

import static org.assertj.core.api.Assertions.assertThat;

import io.multirunnable.RunningMode;
import io.multirunnable.SimpleExecutor;
import io.multirunnable.WorkerContext;
import io.multirunnable.WorkerResult;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every mode runs the same task set and produces the same results. */
class RunningModesTest {

    @ParameterizedTest
    @EnumSource(RunningMode.class)
    void sameTasksSameResultsInEveryMode(RunningMode mode) throws Exception {
        List<Integer> inputs = IntStream.range(0, 200).boxed().toList();
        try (SimpleExecutor executor = SimpleExecutor.builder(mode).withWorkers(4).withName("m").build()) {
            List<WorkerResult<Integer>> squares = executor.map(x -> x * x, inputs);
            assertThat(squares).extracting(WorkerResult::value)
                    .containsExactlyElementsOf(inputs.stream().map(x -> x * x).toList());
            assertThat(squares).allMatch(WorkerResult::isSuccessful);
            assertThat(squares).extracting(WorkerResult::workerName).allMatch(n -> n.matches("m-worker-[1-4]"));

            List<WorkerResult<String>> names = executor.run(() -> WorkerContext.current().name());
            assertThat(names).extracting(WorkerResult::value)
                    .containsExactly("m-worker-1", "m-worker-2", "m-worker-3", "m-worker-4");
            assertThat(Thread.currentThread().getName()).isEqualTo(names.get(0).parentName());
        }
    }
}
