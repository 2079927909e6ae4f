package io.spotifyinsights.pipeline;

import java.time.Instant;

/**
 * One step of a run as a person reads it.
 *
 * @param status    Spring Batch's status, or {@code SKIPPED} (the run ended before it: no new plays),
 *                  {@code NOT_RUN} (the run failed or stopped before it) or {@code PENDING} (the run is still going)
 * @param ranInRun  the run that executed the step, when an earlier run of the same hour or request did and this
 *                  restart did not repeat it; otherwise this run's id
 */
public record StepView(
        String name,
        String status,
        String exitCode,
        Instant startedAt,
        Instant endedAt,
        Long durationMs,
        long readCount,
        long writeCount,
        long filterCount,
        Long ranInRun,
        String errorMessage) {

    static StepView notExecuted(String name, String status) {
        return new StepView(name, status, null, null, null, null, 0, 0, 0, null, null);
    }
}
