package io.spotifyinsights.pipeline;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The warehouse being made again from the lake: OUT_OF_SERVICE while it goes (the dashboard shows what was there
 * before until it ends), DOWN when the last attempt failed.
 */
@Component("rebuild")
class RebuildHealthIndicator implements HealthIndicator {

    private final WarehouseRebuild rebuild;

    RebuildHealthIndicator(WarehouseRebuild rebuild) {
        this.rebuild = rebuild;
    }

    @Override
    public Health health() {
        WarehouseRebuild.Status status = rebuild.status();
        Health.Builder health = switch (status.state()) {
            case RUNNING -> Health.outOfService();
            case FAILED -> Health.down().withDetail("action", "Fix the cause named in error, then "
                    + "POST /api/warehouse/rebuild");
            case IDLE, COMPLETED -> Health.up();
        };
        health.withDetail("state", status.state().name());
        if (status.reason() != null) {
            health.withDetail("reason", status.reason());
        }
        if (status.startedAt() != null) {
            health.withDetail("startedAt", status.startedAt().toString());
        }
        if (status.endedAt() != null) {
            health.withDetail("endedAt", status.endedAt().toString());
        }
        if (status.lakeObjects() != null) {
            health.withDetail("lakeObjects", status.lakeObjects());
        }
        if (status.plays() != null) {
            health.withDetail("plays", status.plays());
        }
        if (status.error() != null) {
            health.withDetail("error", status.error());
        }
        return health.build();
    }
}
