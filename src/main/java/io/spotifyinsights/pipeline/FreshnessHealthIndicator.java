package io.spotifyinsights.pipeline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Whether the history is current: DOWN when the last successful run is older than
 * {@code insights.pipeline.freshness}. Before the first successful run it is UNKNOWN for that long after start.
 */
@Component("freshness")
class FreshnessHealthIndicator implements HealthIndicator {

    private final RunHistory runHistory;
    private final PipelineProperties properties;
    private final Clock clock;
    private final Instant startedAt;

    FreshnessHealthIndicator(RunHistory runHistory, PipelineProperties properties, Clock clock) {
        this.runHistory = runHistory;
        this.properties = properties;
        this.clock = clock;
        this.startedAt = clock.instant();
    }

    @Override
    public Health health() {
        Instant now = clock.instant();
        Optional<Instant> lastSuccess = runHistory.lastSuccessfulRunEnd();
        if (lastSuccess.isEmpty()) {
            Health.Builder builder = Duration.between(startedAt, now).compareTo(properties.freshness()) > 0
                    ? Health.down() : Health.unknown();
            return builder.withDetail("lastSuccessfulRun", "none yet")
                    .withDetail("hint", "Runs start hourly; POST /api/runs starts one now.").build();
        }
        Duration age = Duration.between(lastSuccess.get(), now);
        Health.Builder builder = age.compareTo(properties.freshness()) > 0 ? Health.down() : Health.up();
        if (age.compareTo(properties.freshness()) > 0) {
            builder.withDetail("hint", "No successful run for longer than insights.pipeline.freshness ("
                    + properties.freshness() + "); GET /api/runs shows why.");
        }
        return builder.withDetail("lastSuccessfulRun", lastSuccess.get().toString())
                .withDetail("age", age.toString()).build();
    }
}
