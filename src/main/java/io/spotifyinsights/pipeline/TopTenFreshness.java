package io.spotifyinsights.pipeline;

import java.time.Instant;
import java.util.Optional;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.flow.FlowExecutionStatus;
import org.springframework.batch.core.job.flow.JobExecutionDecider;
import org.springframework.batch.core.step.StepExecution;

import io.spotifyinsights.warehouse.Warehouse;

/**
 * Whether {@code top_tracks} is older than the plays it ranks — a run that crashed in {@code topTracks}, a rebuild —
 * so a run with no new plays still recomputes it. The top ten never stays stale behind a healthy service.
 */
public final class TopTenFreshness implements JobExecutionDecider {

    public static final String STALE = "STALE";
    static final String FRESH = "FRESH";

    private final Warehouse warehouse;

    public TopTenFreshness(Warehouse warehouse) {
        this.warehouse = warehouse;
    }

    @Override
    public FlowExecutionStatus decide(JobExecution jobExecution, StepExecution stepExecution) {
        return new FlowExecutionStatus(stale(warehouse) ? STALE : FRESH);
    }

    static boolean stale(Warehouse warehouse) {
        Optional<Instant> changed = warehouse.playsChangedAt();
        if (changed.isEmpty()) {
            return false;
        }
        Optional<Instant> computed = warehouse.topTracksComputedAt();
        return computed.isEmpty() || computed.get().isBefore(changed.get());
    }
}
