package io.multirunnable.tests.executor;

import static org.assertj.core.api.Assertions.assertThat;

import io.multirunnable.MultiRunnable;
import io.multirunnable.RunningMode;
import io.multirunnable.SimpleExecutor;
import io.multirunnable.WorkerContext;
import io.multirunnable.WorkerResult;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** 10,000 GREEN_THREAD workers that each sleep 100 ms: only virtual threads make this cheap. */
class VirtualThreadScaleTest {

    @Test
    @Timeout(120)
    void tenThousandSleepingVirtualWorkersAllComplete() throws Exception {
        try (SimpleExecutor executor = SimpleExecutor.builder(RunningMode.GREEN_THREAD).withWorkers(10_000)
                .withName("vt").build()) {
            List<WorkerResult<Boolean>> results = executor.run(() -> {
                MultiRunnable.sleep(Duration.ofMillis(100));
                return Thread.currentThread().isVirtual() && WorkerContext.current().isWorker();
            });
            assertThat(results).hasSize(10_000);
            assertThat(results).allMatch(WorkerResult::isSuccessful);
            assertThat(results).allMatch(WorkerResult::value);
            Set<String> names = new HashSet<>();
            results.forEach(r -> names.add(r.workerName()));
            assertThat(names).hasSize(10_000).contains("vt-worker-1", "vt-worker-10000");
        }
    }
}
