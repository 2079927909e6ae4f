package io.spotifyinsights.lake;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** Whether the lake can take the next run's file. */
@Component("lake")
class LakeHealthIndicator implements HealthIndicator {

    private final Lake lake;

    LakeHealthIndicator(Lake lake) {
        this.lake = lake;
    }

    @Override
    public Health health() {
        try {
            lake.checkWritable();
            return Health.up().withDetail("location", lake.uri("").toString()).build();
        } catch (RuntimeException e) {
            return Health.down().withDetail("error", e.getMessage()).build();
        }
    }
}
