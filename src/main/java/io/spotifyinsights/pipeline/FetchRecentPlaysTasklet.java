package io.spotifyinsights.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import io.spotifyinsights.lake.LakeKeys;
import io.spotifyinsights.play.Play;
import io.spotifyinsights.play.SchemaCsvWriter;
import io.spotifyinsights.play.PlayFields;
import io.spotifyinsights.play.PlayMatcher;
import io.spotifyinsights.play.PlayMatchers;
import io.spotifyinsights.spotify.PlayedTrack;
import io.spotifyinsights.spotify.RecentlyPlayed;
import io.spotifyinsights.spotify.SpotifyClient;
import io.spotifyinsights.warehouse.Warehouse;

/**
 * Asks Spotify for the plays after the warehouse's watermark and writes them to one CSV waiting for the lake
 * ({@link StagedPlays}); their audio features come from the run's backfill step. Ends with exit status
 * {@code NO_NEW_PLAYS} when there are none, which skips the load.
 */
final class FetchRecentPlaysTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(FetchRecentPlaysTasklet.class);

    private final SpotifyClient spotify;
    private final Warehouse warehouse;
    private final PlayFields playFields;
    private final StagedPlays staged;
    private final PipelineMetrics metrics;
    private final Clock clock;
    private final PlayMatchers matchers;

    FetchRecentPlaysTasklet(SpotifyClient spotify, Warehouse warehouse, PlayFields playFields, StagedPlays staged,
            PipelineMetrics metrics, Clock clock, PlayMatchers matchers) {
        this.matchers = matchers;
        this.spotify = spotify;
        this.warehouse = warehouse;
        this.playFields = playFields;
        this.staged = staged;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws IOException {
        ExecutionContext run = RunContext.of(contribution);
        String listenerId = spotify.currentUser();
        Optional<Instant> watermark = warehouse.watermark(listenerId);
        RecentlyPlayed recent = spotify.recentlyPlayedAfter(watermark.orElse(Instant.EPOCH));
        List<PlayedTrack> newPlays = recent.plays().stream()
                .filter(play -> watermark.isEmpty() || play.playedAt().isAfter(watermark.get()))
                .toList();
        // Before the first load there is nothing to have a gap after.
        boolean gap = watermark.isPresent() && recent.possibleGap();

        run.putString(RunContextKeys.LISTENER_ID, listenerId);
        run.putLong(RunContextKeys.PLAYS_FETCHED, newPlays.size());
        run.put(RunContextKeys.GAP_DETECTED, gap);
        newPlays.forEach(play -> contribution.incrementReadCount());
        if (gap) {
            metrics.gapDetected();
            log.warn("More than 50 plays since {}: Spotify lists only the latest 50, so older plays in between are "
                    + "lost. Run more often (insights.schedule.cron, e.g. '0 */15 * * * ?'), or import Spotify's "
                    + "privacy export for what is missing.", watermark.get());
        }
        if (newPlays.isEmpty()) {
            log.info("No new plays since {}", watermark.map(Instant::toString).orElse("the beginning"));
            contribution.setExitStatus(new ExitStatus(PipelineSteps.NO_NEW_PLAYS, "Spotify has no plays newer than "
                    + watermark.map(Instant::toString).orElse("the beginning")));
            return RepeatStatus.FINISHED;
        }

        long runId = contribution.getStepExecution().getJobExecutionId();
        Instant fetchedAt = clock.instant();
        List<Play> plays = newPlays.stream().map(play -> SpotifyPlayConverter.toPlay(listenerId, play, fetchedAt))
                .toList();
        List<Play> toStore = againstStoredPlays(listenerId, plays);
        String lakeKey = LakeKeys.plays(fetchedAt, "run-" + runId);
        Path csv = staged.write(lakeKey, out -> {
            try (var writer = new SchemaCsvWriter<>(playFields, out)) {
                for (Play play : toStore) {
                    writer.write(play);
                }
            }
        });
        run.putString(RunContextKeys.LOCAL_CSV, csv.toString());
        run.putString(RunContextKeys.LAKE_KEY, lakeKey);
        contribution.incrementWriteCount(newPlays.size());
        log.info("Fetched {} new plays for the lake object {}", newPlays.size(), lakeKey);
        return RepeatStatus.FINISHED;
    }

    /**
     * A play an import already brought (the export's time differs a little from the API's) is stored under that
     * play's key, so the warehouse merges the two instead of counting the play twice.
     */
    private List<Play> againstStoredPlays(String listenerId, List<Play> plays) {
        Instant oldest = plays.stream().map(Play::playedAt).min(Instant::compareTo).orElseThrow();
        Instant newest = plays.stream().map(Play::playedAt).max(Instant::compareTo).orElseThrow();
        PlayMatcher matcher = matchers.forListener(listenerId, null);
        warehouse.storedPlays(listenerId, oldest.minus(matchers.reach()), newest.plus(matchers.reach()), matcher::add);
        List<Play> toStore = new ArrayList<>(plays.size());
        for (Play play : plays) {
            PlayMatcher.Match match = matcher.match(play);
            switch (match.outcome()) {
                case NEW -> toStore.add(play);
                case SAME_AS_STORED -> toStore.add(play.withUniqueId(match.uniqueId()));
                case DUPLICATE -> log.debug("Spotify listed a play already stored as {}", match.uniqueId());
            }
        }
        return toStore;
    }
}
