package io.spotifyinsights.play;

import java.time.Duration;
import java.time.Instant;

/** Makes {@link PlayMatcher}s with the service's tolerance ({@code insights.import.match-tolerance}). */
public final class PlayMatchers {

    private final Duration tolerance;

    public PlayMatchers(Duration tolerance) {
        if (tolerance.isNegative() || tolerance.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException(("insights.import.match-tolerance is %s; set it between 0s and 10m "
                    + "(default 60s): plays of one track further apart than that are different plays.")
                    .formatted(tolerance));
        }
        this.tolerance = tolerance;
    }

    public Duration tolerance() {
        return tolerance;
    }

    /** How far before and after its own plays a matcher must know the stored ones. */
    public Duration reach() {
        return tolerance.plusMinutes(2);
    }

    public PlayMatcher forListener(String listenerId, Instant ownUploadTimestamp) {
        return new PlayMatcher(listenerId, tolerance, ownUploadTimestamp);
    }
}
