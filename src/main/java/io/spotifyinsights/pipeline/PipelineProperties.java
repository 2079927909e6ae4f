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
 */
@Validated
@ConfigurationProperties("insights.pipeline")
public record PipelineProperties(
        @NotNull @DefaultValue("3h") Duration freshness,
        @NotNull @DefaultValue("30m") Duration scheduledRunWait) {
}
