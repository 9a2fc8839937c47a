package io.multirunnable.distributed.redis;

import java.time.Duration;

/**
 * What happened to one batch ({@code map}, {@code imap}, {@code apply}...) of a {@link DistributedPool},
 * as known when its last result arrived. Execution is at least once: an input whose worker died (or lost
 * Redis for longer than the lease) runs again on another worker, and those re-executions are counted here;
 * the caller still gets exactly one result per input.
 *
 * @param task               the task name
 * @param inputs             inputs read
 * @param failed             results holding an error (task exception, deadline, outage, bad input)
 * @param redelivered        inputs taken over by another worker after the lease of the one running them ran out
 * @param resubmitted        inputs sent again by the client because Redis lost them (restart without persistence)
 * @param discardedResults   executions whose result was dropped by Redis because another execution of the same
 *                           input handed its result in first
 * @param ignoredResults     results the client dropped as second results of an input already answered
 * @param elapsed            from the first input sent to the last result
 * @param deadlineReached    {@code true} if the batch deadline answered some inputs with a timeout
 * @since 0.2
 */
public record BatchReport(String task, int inputs, int failed, long redelivered, long resubmitted,
                          long discardedResults, long ignoredResults, Duration elapsed, boolean deadlineReached) {

    /** Executions beyond the first, as far as known: {@code redelivered + resubmitted}. */
    public long reExecutions() {
        return redelivered + resubmitted;
    }

    /** Inputs per second over {@link #elapsed()}. */
    public double inputsPerSecond() {
        double s = elapsed.toNanos() / 1e9;
        return s <= 0 ? 0 : inputs / s;
    }
}
