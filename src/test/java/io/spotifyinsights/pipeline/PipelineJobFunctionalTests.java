package io.spotifyinsights.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.spotifyinsights.features.LoopbackReccoBeats;
import io.spotifyinsights.lake.Lake;
import io.spotifyinsights.pipeline.LoopbackSpotify.FakePlay;
import io.spotifyinsights.play.Play;
import io.spotifyinsights.warehouse.TopTrack;
import io.spotifyinsights.warehouse.Warehouse;

class PipelineJobFunctionalTests extends PipelineIntegrationTest {

    @Autowired
    Warehouse warehouse;

    @Autowired
    Lake lake;

    @AfterEach
    void spotifyBackToNormal() {
        SPOTIFY.refuseFeatures(false);
        SPOTIFY.ignoreCursor(false);
        RECCOBEATS.reset();
    }

    @Test
    void firstRunLoadsEveryNewPlayAndTopTracksEqualAnIndependentCount() throws IOException {
        SPOTIFY.listener("first-run");
        List<FakePlay> plays = TestPlays.generated(7, 48, Instant.parse("2026-11-20T08:00:00Z"));
        SPOTIFY.addPlays(plays);

        RunView run = runToEnd();

        assertThat(run.status()).isEqualTo("COMPLETED");
        assertThat(run.steps()).extracting(StepView::name, StepView::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("fetchRecentPlays", "COMPLETED"),
                org.assertj.core.groups.Tuple.tuple("loadToWarehouse", "COMPLETED"),
                org.assertj.core.groups.Tuple.tuple("deleteLocalCsv", "COMPLETED"),
                org.assertj.core.groups.Tuple.tuple("backfillFeatures", "COMPLETED"),
                org.assertj.core.groups.Tuple.tuple("topTracks", "COMPLETED"));
        assertThat(run.counts().playsFetched()).isEqualTo(48);
        assertThat(run.counts().playsLoaded()).isEqualTo(48);
        assertThat(run.counts().duplicatesIgnored()).isZero();
        assertThat(run.counts().gapDetected()).isFalse();
        assertThat(storedPlays("first-run")).hasSize(48);
        assertThat(topTen("first-run")).isEqualTo(TestPlays.expectedTopTen(plays));
        assertThat(warehouse.topTracks("first-run").get(0).danceability())
                .isEqualTo(LoopbackSpotify.features(warehouse.topTracks("first-run").get(0).trackId())
                        .get("danceability"));
        assertThat(stagedCsvFiles()).isEmpty();
        assertThat(lake.list("plays/")).anyMatch(key -> key.contains("/run-" + run.id() + "-"));
    }

    @Test
    void skipsLaterStepsWhenSpotifyHasNoNewPlays() {
        SPOTIFY.listener("no-new-plays");
        SPOTIFY.addPlays(TestPlays.generated(11, 20, Instant.parse("2026-11-21T08:00:00Z")));
        assertThat(runToEnd().status()).isEqualTo("COMPLETED");
        List<TopTrack> topTracksBefore = warehouse.topTracks("no-new-plays");
        List<String> lakeBefore = lake.list("plays/");

        RunView second = runToEnd();

        assertThat(second.status()).isEqualTo("COMPLETED");
        assertThat(second.exitCode()).isEqualTo("NO_NEW_PLAYS");
        assertThat(second.steps()).extracting(StepView::status)
                .containsExactly("COMPLETED", "SKIPPED", "SKIPPED", "COMPLETED", "SKIPPED");
        assertThat(second.steps().get(0).exitCode()).isEqualTo("NO_NEW_PLAYS");
        assertThat(second.counts().playsFetched()).isZero();
        assertThat(storedPlays("no-new-plays")).hasSize(20);
        assertThat(warehouse.topTracks("no-new-plays")).isEqualTo(topTracksBefore);
        assertThat(lake.list("plays/")).isEqualTo(lakeBefore);
    }

    @Test
    void runsWhosePagesOverlapAddNoDuplicates() {
        SPOTIFY.listener("overlap");
        Instant start = Instant.parse("2026-11-22T08:00:00Z");
        List<FakePlay> first = TestPlays.generated(13, 30, start);
        List<FakePlay> second = TestPlays.generated(17, 15, start.plus(3, ChronoUnit.HOURS));
        SPOTIFY.addPlays(first);
        runToEnd();
        SPOTIFY.addPlays(second);
        SPOTIFY.ignoreCursor(true);

        RunView overlapping = runToEnd();

        assertThat(overlapping.status()).isEqualTo("COMPLETED");
        List<Play> stored = storedPlays("overlap");
        assertThat(stored).hasSize(45);
        assertThat(stored).extracting(Play::uniqueId).doesNotHaveDuplicates();
        List<FakePlay> all = Stream.concat(first.stream(), second.stream()).toList();
        assertThat(topTen("overlap")).isEqualTo(TestPlays.expectedTopTen(all));
    }

    @Test
    void whenSpotifyRefusesFeaturesTheTopTenTakesThemFromReccoBeats() {
        SPOTIFY.listener("features-from-reccobeats");
        SPOTIFY.refuseFeatures(true);
        List<FakePlay> plays = TestPlays.generated(23, 30, Instant.parse("2026-11-22T08:00:00Z"));
        SPOTIFY.addPlays(plays);
        String unknown = TestPlays.expectedTopTen(plays).get(0).trackId();
        RECCOBEATS.doesNotKnow(unknown);

        RunView run = runToEnd();

        assertThat(run.status()).isEqualTo("COMPLETED");
        assertThat(run.counts().featuresProvider()).isEqualTo("reccobeats");
        assertThat(run.counts().featuresUnavailable()).isFalse();
        assertThat(RECCOBEATS.requests).isNotEmpty();
        List<TopTrack> topTen = warehouse.topTracks("features-from-reccobeats");
        assertThat(topTen).hasSize(TestPlays.expectedTopTen(plays).size()).hasSizeGreaterThan(1);
        for (TopTrack track : topTen) {
            if (track.trackId().equals(unknown)) {
                assertThat(track.danceability()).as("ReccoBeats doesn't know it").isNull();
                continue;
            }
            java.util.Map<String, Object> served = LoopbackReccoBeats.features(track.trackId());
            assertThat(track.danceability()).isEqualTo(served.get("danceability"));
            assertThat(track.tempo()).isEqualTo(served.get("tempo"));
            assertThat(track.loudness()).isEqualTo(served.get("loudness"));
            assertThat(track.key()).isEqualTo(served.get("key"));
            assertThat(track.timeSignature()).isNull();
        }
    }

    @Test
    void loadsPlaysWithNullFeaturesWhenSpotifyRefusesFeaturesAndReccoBeatsIsDown() {
        SPOTIFY.listener("features-refused");
        SPOTIFY.refuseFeatures(true);
        RECCOBEATS.down(true);
        SPOTIFY.addPlays(TestPlays.generated(19, 12, Instant.parse("2026-11-23T08:00:00Z")));

        RunView run = runToEnd();

        assertThat(run.status()).isEqualTo("COMPLETED");
        assertThat(run.counts().featuresUnavailable()).isTrue();
        List<Play> stored = storedPlays("features-refused");
        assertThat(stored).hasSize(12);
        assertThat(stored).allSatisfy(play -> {
            assertThat(play.danceability()).isNull();
            assertThat(play.tempo()).isNull();
            assertThat(play.mode()).isNull();
            assertThat(play.trackName()).isNotBlank();
        });
        assertThat(warehouse.topTracks("features-refused")).isNotEmpty()
                .allSatisfy(track -> assertThat(track.energy()).isNull());
    }

    @Test
    void aRunWithoutNewPlaysRecomputesATopTenOlderThanThePlaysItRanks() throws IOException {
        SPOTIFY.listener("stale-top-ten");
        List<FakePlay> listened = new java.util.ArrayList<>(TestPlays.generated(79, 20,
                Instant.parse("2026-11-12T08:00:00Z")));
        SPOTIFY.addPlays(listened);
        assertThat(runToEnd().status()).isEqualTo("COMPLETED");
        // Plays arrive without a top ten after them, as when a run dies in topTracks.
        List<FakePlay> later = TestPlays.generated(83, 30, Instant.parse("2026-11-12T20:00:00Z"));
        String key = "plays/dt=2026-11-12/stale-top-ten.csv";
        Path file = Files.createTempFile("stale-top-ten", ".csv");
        try (java.io.Writer out = Files.newBufferedWriter(file);
                var writer = new io.spotifyinsights.play.SchemaCsvWriter<>(
                        new io.spotifyinsights.play.PlayFields(io.spotifyinsights.play.TableSchema.load()), out)) {
            later.forEach(play -> writer.write(TestPlays.toPlay("stale-top-ten", play, Instant.now())));
        }
        lake.put(key, file);
        warehouse.load(key);
        listened.addAll(later);
        assertThat(get("/api/top-tracks?listener=stale-top-ten", false).body()).contains("\"upToDate\":false");
        assertThat(topTen("stale-top-ten")).isNotEqualTo(TestPlays.expectedTopTen(listened));

        RunView next = runToEnd();

        assertThat(next.status()).isEqualTo("COMPLETED");
        assertThat(next.steps()).extracting(StepView::status)
                .containsExactly("COMPLETED", "SKIPPED", "SKIPPED", "COMPLETED", "COMPLETED");
        assertThat(topTen("stale-top-ten")).isEqualTo(TestPlays.expectedTopTen(listened));
        String answer = get("/api/top-tracks?listener=stale-top-ten", false).body();
        assertThat(answer).contains("\"upToDate\":true", "\"computedAt\":\"");
        assertThat(runToEnd().steps()).as("a fresh top ten is left alone").extracting(StepView::status)
                .containsExactly("COMPLETED", "SKIPPED", "SKIPPED", "COMPLETED", "SKIPPED");
    }

    @Test
    void playsARunFetchedButCouldNotUploadAreLandedByTheNextRunThoughSpotifyNoLongerListsThem() throws IOException {
        SPOTIFY.listener("orphans");
        List<FakePlay> first = TestPlays.generated(89, 20, Instant.parse("2026-11-13T08:00:00Z"));
        SPOTIFY.addPlays(first);
        RunView failed = runToEndWithTheLakeUnwritable();
        assertThat(failed.status()).isEqualTo("FAILED");
        // Sixty newer plays: Spotify's latest 50 no longer include the first run's.
        List<FakePlay> later = TestPlays.generated(97, 60, Instant.parse("2026-11-14T08:00:00Z"));
        SPOTIFY.addPlays(later);

        RunView next = runToEnd();

        assertThat(next.status()).isEqualTo("COMPLETED");
        List<String> stored = storedPlays("orphans").stream().map(Play::uniqueId).toList();
        assertThat(stored).doesNotHaveDuplicates()
                .containsAll(first.stream().map(play -> Play.uniqueId("orphans", play.playedAt())).toList())
                .hasSize(20 + 50);
        assertThat(stagedCsvFiles()).isEmpty();
    }

    @Test
    void aForeignFileInTheLakeCostsOnlyItsOwnPlays() throws IOException {
        SPOTIFY.listener("foreign-file");
        List<FakePlay> plays = TestPlays.generated(113, 9, Instant.parse("2026-11-11T08:00:00Z"));
        SPOTIFY.addPlays(plays);
        String foreign = "plays/dt=2026-11-11/put-here-by-hand.csv";
        lake.put(foreign, Files.writeString(Files.createTempFile("foreign", ".csv"), "not,our,columns\n1,2,3\n"));
        try {
            RunView run = runToEnd();

            assertThat(run.status()).isEqualTo("COMPLETED");
            assertThat(storedPlays("foreign-file")).hasSize(9);
        } finally {
            lake.delete(foreign);
        }
    }

    private List<TestPlays.Ranked> topTen(String listener) {
        return warehouse.topTracks(listener).stream()
                .map(track -> new TestPlays.Ranked(track.rank(), track.trackId(), track.timesPlayed(), track.lastPlayed()))
                .toList();
    }

    private List<Play> storedPlays(String listener) {
        return warehouse.plays(listener, Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"), 10_000);
    }

    private static List<Path> stagedCsvFiles() throws IOException {
        Path staging = DATA_DIR.resolve("staging");
        if (!Files.exists(staging)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(staging)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }
}
