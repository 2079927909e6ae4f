package io.spotifyinsights.features;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.spotifyinsights.lake.CsvToLake;
import io.spotifyinsights.lake.Lake;
import io.spotifyinsights.lake.LakeKeys;
import io.spotifyinsights.play.TrackFields;
import io.spotifyinsights.play.TrackInfo;
import io.spotifyinsights.spotify.AudioFeatures;
import io.spotifyinsights.warehouse.FeatureCoverage;
import io.spotifyinsights.warehouse.Warehouse;

/**
 * Gives tracks their audio features, a bounded batch at a time: the tracks of stored plays that lack them and that
 * no provider was asked about lately, most played first (so the top ten gets them first). What the provider says —
 * features, or that it doesn't know the track — lands in the lake as one object of tracks and is loaded like every
 * lake object; the warehouse copies the features to the tracks' plays. Asked again, a batch only asks for what is
 * still missing, so a run killed half-way and started again fills the rest, nothing twice.
 */
public final class FeaturesBackfill {

    private static final Logger log = LoggerFactory.getLogger(FeaturesBackfill.class);

    private final FeaturesProvider provider;
    private final Warehouse warehouse;
    private final Lake lake;
    private final TrackFields fields;
    private final FeaturesProperties properties;
    private final Path staging;
    private final Clock clock;

    public FeaturesBackfill(FeaturesProvider provider, Warehouse warehouse, Lake lake, TrackFields fields,
            FeaturesProperties properties, Path staging, Clock clock) {
        this.provider = provider;
        this.warehouse = warehouse;
        this.lake = lake;
        this.fields = fields;
        this.properties = properties;
        this.staging = staging;
        this.clock = clock;
    }

    /**
     * What one batch did.
     *
     * @param asked          tracks asked about
     * @param filled         tracks that got features
     * @param provider       who answered; null when nobody did (then nothing was recorded)
     * @param spotifyRefused Spotify refuses features to this app
     * @param problem        why nobody answered, saying what to do
     * @param coverage       the tracks with and without features after this batch
     */
    public record Result(int asked, int filled, String provider, boolean spotifyRefused, String problem,
            FeatureCoverage coverage) {
    }

    /** @param name names the lake object, e.g. the run that asks ({@code run-42}) */
    public Result fillNext(String name) {
        if (properties.provider() == FeaturesProperties.Provider.NONE) {
            return new Result(0, 0, null, false, null, warehouse.featureCoverage(recheckBefore()));
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        List<TrackInfo> toAsk = warehouse.tracksToAsk(recheckBefore(), properties.backfillPerRun());
        if (toAsk.isEmpty()) {
            return new Result(0, 0, null, false, null, warehouse.featureCoverage(recheckBefore()));
        }
        FeaturesAnswer answer = provider.features(toAsk.stream().map(TrackInfo::trackId).toList());
        if (!answer.answered()) {
            return new Result(toAsk.size(), 0, null, answer.spotifyRefused(), answer.problem(),
                    warehouse.featureCoverage(recheckBefore()));
        }
        List<TrackInfo> told = toAsk.stream().map(track -> withAnswer(track, answer, now)).toList();
        String key = LakeKeys.tracks(now, "features-" + name);
        try {
            CsvToLake.put(lake, key, told, fields, staging.resolve("features-" + name + ".csv"));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not put what " + answer.provider() + " said about " + toAsk.size()
                    + " tracks into the lake; the next run asks again", e);
        }
        warehouse.load(key);
        int filled = (int) told.stream().filter(track -> track.featuresProvider() != null).count();
        FeatureCoverage coverage = warehouse.featureCoverage(recheckBefore());
        log.info("Audio features from {} for {} of {} tracks asked; {} of {} tracks have them, {} still to ask",
                answer.provider(), filled, toAsk.size(), coverage.withFeatures(), coverage.tracks(), coverage.toAsk());
        return new Result(toAsk.size(), filled, answer.provider(), answer.spotifyRefused(), null, coverage);
    }

    /** Tracks a provider did not know are asked again once their last answer is older than this. */
    private Instant recheckBefore() {
        return clock.instant().minus(properties.recheckAfter());
    }

    private static TrackInfo withAnswer(TrackInfo track, FeaturesAnswer answer, Instant now) {
        AudioFeatures features = answer.byTrackId().get(track.trackId());
        if (features == null) {
            return new TrackInfo(track.trackId(), track.trackName(), track.artists(), track.albumName(),
                    track.durationMs(), null, null, null, null, null, null, null, null, null, null, null, null, null,
                    now);
        }
        return new TrackInfo(track.trackId(), track.trackName(), track.artists(), track.albumName(),
                track.durationMs(), features.danceability(), features.energy(), features.key(), features.loudness(),
                features.mode(), features.speechiness(), features.acousticness(), features.instrumentalness(),
                features.liveness(), features.valence(), features.tempo(), features.timeSignature(),
                answer.provider(), now);
    }
}
