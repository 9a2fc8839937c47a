package io.multirunnable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The builders check every setting eagerly, with messages that name setting, rule and value. */
class BuilderValidationTest {

    @Test
    void executorWorkersMustBePositive() {
        assertThatThrownBy(() -> SimpleExecutor.builder(RunningMode.CONCURRENT).withWorkers(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("workers must be > 0 but was 0");
        assertThatThrownBy(() -> SimpleExecutor.builder(RunningMode.CONCURRENT).withWorkers(-3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("workers must be > 0 but was -3");
    }

    @Test
    void modeMustNotBeNull() {
        assertThatThrownBy(() -> SimpleExecutor.builder(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("mode must not be null");
        assertThatThrownBy(() -> SimplePool.builder(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("mode must not be null");
    }

    @Test
    void poolSizeMustBePositive() {
        assertThatThrownBy(() -> SimplePool.builder(RunningMode.GREEN_THREAD).withWorkers(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("workers must be > 0 but was 0");
    }

    @Test
    void namesMustNotBeBlank() {
        assertThatThrownBy(() -> SimpleExecutor.builder(RunningMode.PARALLEL).withName(" "))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("name must not be blank");
        assertThatThrownBy(() -> SimplePool.builder(RunningMode.PARALLEL).withName(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("name must not be null");
    }

    @Test
    void configsAreImmutableValuesWithDefaults() {
        ExecutorConfig config = SimpleExecutor.builder(RunningMode.ASYNCHRONOUS).toConfig();
        assertThat(config.workers()).isEqualTo(1);
        assertThat(config.mode()).isEqualTo(RunningMode.ASYNCHRONOUS);
        assertThat(config.name()).startsWith("executor-");
        ExecutorConfig named = SimpleExecutor.builder(RunningMode.CONCURRENT).withWorkers(3).withName("io").toConfig();
        assertThat(named).isEqualTo(new ExecutorConfig(RunningMode.CONCURRENT, 3, "io"));

        PoolConfig pool = SimplePool.builder(RunningMode.CONCURRENT).toConfig();
        assertThat(pool.workers()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(pool.name()).startsWith("pool-");
    }

    @Test
    void recordsValidateToo() {
        assertThatThrownBy(() -> new ExecutorConfig(RunningMode.CONCURRENT, 0, "x"))
                .hasMessage("workers must be > 0 but was 0");
        assertThatThrownBy(() -> new PoolConfig(RunningMode.CONCURRENT, -1, "x"))
                .hasMessage("workers must be > 0 but was -1");
    }

    @Test
    void sleepRejectsNegativeDurations() {
        assertThatThrownBy(() -> MultiRunnable.sleep(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("duration must be >= 0 but was PT-0.001S");
        assertThatThrownBy(() -> MultiRunnable.sleep(-5))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("millis must be >= 0 but was -5");
        assertThatThrownBy(() -> MultiRunnable.delay(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("duration must not be null");
    }

    @Test
    void delayCompletesWithoutBlocking() {
        var stage = MultiRunnable.delay(Duration.ofMillis(20));
        assertThat(stage.join()).isNull();
    }

    @Test
    void workerResultExposesValueOrError() throws Exception {
        var now = java.time.Instant.now();
        WorkerResult<String> ok = new WorkerResult<>("w-1", 1, "main", 0, "v", null, now, now.plusMillis(5));
        assertThat(ok.isSuccessful()).isTrue();
        assertThat(ok.get()).isEqualTo("v");
        assertThat(ok.duration()).isEqualTo(Duration.ofMillis(5));
        IllegalStateException boom = new IllegalStateException("boom");
        WorkerResult<String> bad = new WorkerResult<>("w-2", 2, "main", 1, null, boom, now, now);
        assertThat(bad.isSuccessful()).isFalse();
        assertThat(bad.failure()).contains(boom);
        assertThatThrownBy(bad::get).isInstanceOf(java.util.concurrent.ExecutionException.class).hasCause(boom);
    }

    @Test
    @SuppressWarnings("deprecation")
    void deprecatedPoolNamesAreTheSharedSettings() {
        PoolConfig config = SimplePool.builder(RunningMode.CONCURRENT).withSize(3).withName("p").toConfig();
        assertThat(config.workers()).isEqualTo(3);
        assertThat(config.size()).isEqualTo(3);
        assertThat(config).isEqualTo(new PoolConfig(RunningMode.CONCURRENT, 3, "p"));
        assertThatThrownBy(() -> SimplePool.builder(RunningMode.CONCURRENT).withSize(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("workers must be > 0 but was 0");
    }

    @Test
    void batchPolicyRejectsBadTimeoutsNamingTheOption() {
        assertThatThrownBy(() -> BatchPolicy.failFast().withTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("timeout must be > 0 but was PT0S");
        assertThatThrownBy(() -> BatchPolicy.collectAll().withTimeout(Duration.ofMillis(-5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("timeout must be > 0 but was PT-0.005S");
        assertThatThrownBy(() -> BatchPolicy.firstSuccess().withTimeout(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("timeout must not be null");
    }

    @Test
    void batchPoliciesAreValues() {
        assertThat(BatchPolicy.collectAll().completion()).isEqualTo(BatchPolicy.Completion.COLLECT_ALL);
        assertThat(BatchPolicy.collectAll().timeout()).isEmpty();
        BatchPolicy p = BatchPolicy.failFast().withTimeout(Duration.ofSeconds(2));
        assertThat(p.completion()).isEqualTo(BatchPolicy.Completion.FAIL_FAST);
        assertThat(p.timeout()).contains(Duration.ofSeconds(2));
        assertThat(p).isEqualTo(BatchPolicy.failFast().withTimeout(Duration.ofSeconds(2))).isNotEqualTo(BatchPolicy.failFast());
        assertThat(p).hasToString("BatchPolicy[FAIL_FAST, timeout=PT2S]");
    }
}
