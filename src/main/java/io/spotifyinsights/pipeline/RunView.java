package io.spotifyinsights.pipeline;

import java.time.Instant;
import java.util.List;

/**
 * One run of the pipeline as a person reads it: what started it, how it ended, what it did, every step.
 *
 * @param trigger       {@code schedule} or {@code manual}
 * @param scheduledTime the time the schedule fired for, for a scheduled run; null for manual runs
 * @param restartOf     the run this one restarted, if it is a restart
 */
public record RunView(
        long id,
        long instanceId,
        String trigger,
        String scheduledTime,
        Long restartOf,
        String status,
        String exitCode,
        Instant createdAt,
        Instant startedAt,
        Instant endedAt,
        Long durationMs,
        RunCounts counts,
        List<StepView> steps,
        String errorMessage) {

    /**
     * What the run did; null where the run did not get that far.
     *
     * @param gapDetected         more than 50 plays since the last run: Spotify no longer lists the older ones
     * @param featuresUnavailable Spotify refused audio features to this app and no other provider gave them; the
     *                            plays were loaded without them
     * @param featuresProvider    who gave the run's audio features ({@code spotify}, {@code reccobeats})
     * @param featuresFilled      tracks the run's backfill gave features to
     * @param tracks              after the run: distinct tracks of stored plays
     * @param tracksWithFeatures  after the run: those with audio features
     * @param tracksToAsk         after the run: those the backfill still asks about, run by run
     */
    public record RunCounts(
            String listenerId,
            Long playsFetched,
            Long playsLoaded,
            Long duplicatesIgnored,
            Boolean gapDetected,
            Boolean featuresUnavailable,
            String featuresProvider,
            Long featuresFilled,
            Long tracks,
            Long tracksWithFeatures,
            Long tracksToAsk,
            Long topTracksWritten) {
    }
}
