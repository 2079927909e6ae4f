package io.spotifyinsights.history;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Service;

import io.spotifyinsights.InsightsProperties;
import io.spotifyinsights.lake.CsvToLake;
import io.spotifyinsights.lake.Lake;
import io.spotifyinsights.lake.LakeKeys;
import io.spotifyinsights.pipeline.WarehouseRebuild;
import io.spotifyinsights.play.Episode;
import io.spotifyinsights.play.EpisodeFields;
import io.spotifyinsights.play.Play;
import io.spotifyinsights.play.PlayFields;
import io.spotifyinsights.play.PlaySource;
import io.spotifyinsights.spotify.SpotifyAuthorization;
import io.spotifyinsights.spotify.SpotifyClient;
import io.spotifyinsights.warehouse.Warehouse;

/**
 * The invented history a first start shows ({@link SampleHistory}), so {@code ./mvnw spring-boot:run} opens on a
 * full dashboard. It goes the way every play goes — one lake object, loaded by the warehouse — under a listener of
 * its own, and leaves by itself when a real account connects or a real import starts, or when the admin removes it.
 * {@code insights.sample-data.enabled} (off in the gcp profile).
 */
@Service
public class SampleData {

    /** The sample's listener: no Spotify user id can look like it (ids have no spaces). */
    public static final String LISTENER = "sample listener";
    private static final String OBJECT_NAME = "sample-history";
    private static final long SEED = 20_261_125L;
    private static final Logger log = LoggerFactory.getLogger(SampleData.class);

    private final boolean enabled;
    private final SpotifyClient spotify;
    private final Lake lake;
    private final Warehouse warehouse;
    private final WarehouseRebuild rebuild;
    private final PlayFields fields;
    private final EpisodeFields episodeFields;
    private final Clock clock;
    private final Path staging;
    /** Known after the first look at the lake; kept up to date by {@link #add} and {@link #remove}. */
    private volatile Boolean present;

    SampleData(@Value("${insights.sample-data.enabled:true}") boolean enabled, SpotifyClient spotify, Lake lake,
            Warehouse warehouse, WarehouseRebuild rebuild, PlayFields fields, EpisodeFields episodeFields, Clock clock,
            InsightsProperties insights) {
        this.enabled = enabled;
        this.spotify = spotify;
        this.lake = lake;
        this.warehouse = warehouse;
        this.rebuild = rebuild;
        this.fields = fields;
        this.episodeFields = episodeFields;
        this.clock = clock;
        this.staging = insights.dataDir().resolve("staging");
    }

    /**
     * At start, after the warehouse caught up with the lake: a service with no account and no plays gets the sample;
     * one whose account got connected meanwhile (a refresh token set) loses it.
     */
    @EventListener(ApplicationReadyEvent.class)
    @Order(Ordered.LOWEST_PRECEDENCE)
    public void atStart() {
        try {
            if (accountConnected()) {
                remove("a Spotify account is connected");
            } else if (enabled && lake.list(LakeKeys.PLAYS).stream().noneMatch(LakeKeys::isPlays)) {
                add();
            }
        } catch (RuntimeException e) {
            log.warn("Could not add the sample history ({}); the dashboard stays empty until plays arrive.",
                    e.getMessage());
        }
    }

    /** Whether the sample is in the lake (and so, soon or already, in the warehouse). */
    public boolean present() {
        Boolean known = present;
        if (known == null) {
            known = !keys().isEmpty();
            present = known;
        }
        return known;
    }

    /**
     * Removes the sample from the lake and the warehouse.
     *
     * @return whether there was one
     */
    public synchronized boolean remove(String why) {
        if (Boolean.FALSE.equals(present)) {
            return false;
        }
        List<String> keys = keys();
        if (keys.isEmpty()) {
            present = false;
            return false;
        }
        keys.forEach(lake::delete);
        present = false;
        warehouse.forget(LISTENER, keys);
        log.info("Removed the sample history: {}", why);
        return true;
    }

    private synchronized void add() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        List<Play> plays = SampleHistory.plays(LISTENER, now, now, SEED);
        List<Episode> episodes = SampleHistory.episodes(LISTENER, now, SEED).stream()
                .map(episode -> new Episode(LISTENER, episode.playedAt(), Episode.EPISODE, episode.showName(),
                        episode.episodeName(), episode.episodeUri(), episode.msPlayed(), PlaySource.SAMPLE, now,
                        Episode.uniqueId(LISTENER, episode.playedAt(), episode.showName(), episode.episodeName())))
                .toList();
        try {
            // Episodes first: the plays' object is what tells the sample is there.
            CsvToLake.put(lake, LakeKeys.episodes(now, OBJECT_NAME), episodes, episodeFields,
                    staging.resolve(OBJECT_NAME + "-episodes.csv"));
            CsvToLake.put(lake, LakeKeys.plays(now, OBJECT_NAME), plays, fields,
                    staging.resolve(OBJECT_NAME + ".csv"));
            present = true;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the sample history", e);
        }
        rebuild.loadMissing("the sample history was added");
        log.info("No Spotify account and no plays yet: added a sample history of {} invented plays and {} podcast "
                + "episodes so the dashboard shows something. It goes when an account connects or an import starts; "
                + "remove it yourself with DELETE /api/sample-data.", plays.size(), episodes.size());
    }

    private List<String> keys() {
        return Stream.concat(lake.list(LakeKeys.PLAYS).stream().filter(LakeKeys::isPlays),
                        lake.list(LakeKeys.EPISODES).stream().filter(LakeKeys::isEpisodes))
                .filter(key -> key.substring(key.lastIndexOf('/') + 1).startsWith(OBJECT_NAME + "-"))
                .toList();
    }

    private boolean accountConnected() {
        return spotify.authorization().state() != SpotifyAuthorization.State.NOT_CONFIGURED;
    }
}
