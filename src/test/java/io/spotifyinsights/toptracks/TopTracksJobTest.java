package io.spotifyinsights.toptracks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.spotifyinsights.lake.LocalLake;
import io.spotifyinsights.play.Play;
import io.spotifyinsights.play.SchemaCsvWriter;
import io.spotifyinsights.play.EpisodeFields;
import io.spotifyinsights.play.TrackFields;
import io.spotifyinsights.play.PlayFields;
import io.spotifyinsights.play.TableSchema;
import io.spotifyinsights.play.PlaySource;
import io.spotifyinsights.warehouse.DuckDbWarehouse;
import io.spotifyinsights.warehouse.TopTrack;

class TopTracksJobTest {

    @TempDir
    Path temp;

    @Test
    void topTracksInTheWarehouseEqualACountMadeInJava() throws IOException {
        PlayFields fields = new PlayFields(TableSchema.load());
        LocalLake lake = new LocalLake(temp.resolve("lake"));
        List<Play> plays = generated(2_000, 40, new Random(5));
        Path csv = temp.resolve("plays.csv");
        StringWriter out = new StringWriter();
        try (var writer = new SchemaCsvWriter<>(fields, out)) {
            plays.forEach(writer::write);
        }
        Files.writeString(csv, out.toString());
        lake.put("plays/dt=2026-03-01/run-1.csv", csv);

        try (DuckDbWarehouse warehouse = new DuckDbWarehouse(temp.resolve("w/insights.duckdb"),
                temp.resolve("w/exchange"), lake, fields, EpisodeFields.packaged(), TrackFields.packaged(), Clock.systemUTC())) {
            warehouse.load("plays/dt=2026-03-01/run-1.csv");
            long written = new TopTracksJob(LocalSpark::session, new EmbeddedTopTracksTables(warehouse,
                    Clock.systemUTC())).run();

            assertThat(written).isEqualTo(20);
            for (String listener : List.of("ana", "bo")) {
                List<String> expected = expectedTopTen(plays, listener);
                List<TopTrack> actual = warehouse.topTracks(listener);
                assertThat(actual).extracting(TopTrack::trackId).isEqualTo(expected);
                assertThat(actual).extracting(TopTrack::rank).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
                TopTrack first = actual.get(0);
                assertThat(first.timesPlayed()).isEqualTo(plays.stream()
                        .filter(p -> p.listenerId().equals(listener) && p.trackId().equals(first.trackId())).count());
                assertThat(first.danceability()).isEqualTo(features(first.trackId()));
            }
        }
    }

    /** Plain Java: count per track, then latest play desc, then id asc. */
    static List<String> expectedTopTen(List<Play> plays, String listener) {
        Map<String, Long> counts = new HashMap<>();
        Map<String, Instant> last = new HashMap<>();
        for (Play play : plays) {
            if (play.listenerId().equals(listener)) {
                counts.merge(play.trackId(), 1L, Long::sum);
                last.merge(play.trackId(), play.playedAt(), (a, b) -> a.isAfter(b) ? a : b);
            }
        }
        return counts.keySet().stream()
                .sorted(Comparator.<String, Long>comparing(counts::get).reversed()
                        .thenComparing(Comparator.<String, Instant>comparing(last::get).reversed())
                        .thenComparing(Comparator.naturalOrder()))
                .limit(10)
                .toList();
    }

    static List<Play> generated(int count, int tracks, Random random) {
        List<Play> plays = new ArrayList<>();
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < count; i++) {
            String listener = random.nextBoolean() ? "ana" : "bo";
            // Skewed: low track numbers are played far more often, so counts tie only now and then.
            int track = (int) Math.min(tracks - 1, Math.abs(random.nextGaussian()) * tracks / 3);
            String id = "track%02d".formatted(track);
            at = at.plusSeconds(30 + random.nextInt(600));
            plays.add(new Play(id, "Song " + track, "Artist " + track % 7, at, 200_000L, "3:20",
                    "https://open.spotify.com/track/" + id, at.plusSeconds(3600), Play.uniqueId(listener, at),
                    features(id), 0.5, 1, -5.0, 1, 0.1, 0.1, 0.0, 0.1, 0.5, 120.0, 4, listener, "spotify:track:" + id,
                    "album", "Album", "artist", null, null, null, PlaySource.API));
        }
        return plays;
    }

    static double features(String trackId) {
        return (trackId.hashCode() & 0xff) / 255.0;
    }
}
