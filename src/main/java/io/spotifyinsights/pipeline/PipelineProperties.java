package io.spotifyinsights.pipeline;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the hourly pipeline.
 *
 * @param freshness          health reports the pipeline as stale when the last successful run is older than this
 * @param scheduledRunWait   how long a scheduled run waits for a run that is still going before it gives the hour up
 * @param interruptedAfter   at start, a run still marked STARTED counts as interrupted by a crash when it was not
 *                           updated for this long; 0 (one service alone) means any such run. Replicas sharing
 *                           PostgreSQL set it longer than any run takes, so one never fails another's run.
 * @param shutdownGrace      on SIGTERM, how long a running run may take to finish before it is asked to stop; keep it
 *                           below what the supervisor allows (docker compose stop_grace_period, Kubernetes
 *                           terminationGracePeriodSeconds) minus ten seconds
 */
@Validated
@ConfigurationProperties("insights.pipeline")
public record PipelineProperties(
        @NotNull @DefaultValue("3h") Duration freshness,
        @NotNull @DefaultValue("30m") Duration scheduledRunWait,
        @NotNull @DefaultValue("0s") Duration interruptedAfter,
        @NotNull @DefaultValue("20s") Duration shutdownGrace) {
}
