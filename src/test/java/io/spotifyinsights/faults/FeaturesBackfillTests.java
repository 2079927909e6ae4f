package io.spotifyinsights.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.spotifyinsights.features.LoopbackReccoBeats;
import io.spotifyinsights.history.ExportFiles;
import io.spotifyinsights.pipeline.LoopbackSpotify;
import io.spotifyinsights.pipeline.PipelineSteps;

/**
 * An imported history without audio features gets them batch by batch — the import's own, then the runs', at most
 * {@code backfill-per-run} tracks each — from ReccoBeats (Spotify refuses them); a run killed in the backfill after
 * its work was stored, then restarted, fills the rest, and no track is asked about twice.
 */
class FeaturesBackfillTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String LISTENER = "backfill";
    private static final int PER_RUN = 60;

    @TempDir
    Path dataDir;

    final LoopbackSpotify spotify;
    final LoopbackReccoBeats reccoBeats;

    FeaturesBackfillTests() throws java.io.IOException {
        spotify = new LoopbackSpotify();
        reccoBeats = new LoopbackReccoBeats();
    }

    @AfterEach
    void close() throws Exception {
        spotify.close();
        reccoBeats.close();
    }

    @Test
    void anImportedHistoryGetsItsFeaturesRunByRunAndAKilledRunFillsTheRestAskingNoTrackTwice() throws Exception {
        // 1 000 plays over 300 tracks, three minutes apart; ReccoBeats doesn't know ten of the tracks.
        List<String> trackIds = IntStream.range(0, 300).mapToObj(i -> "bf%020d".formatted(i)).toList();
        List<ExportFiles.Listen> listens = new ArrayList<>();
        Instant start = Instant.parse("2024-01-01T00:00:00Z");
        for (int i = 0; i < 1000; i++) {
            String id = trackIds.get((i * 7 + i / 300) % 300);
            listens.add(new ExportFiles.Listen(start.plusSeconds(180L * i), 120_000, "Song " + id, "Artist",
                    "Album", "spotify:track:" + id, null, null, null, null, null, false));
        }
        List<String> unknown = trackIds.subList(0, 10);
        reccoBeats.doesNotKnow(unknown.toArray(String[]::new));
        spotify.listener(LISTENER);
        spotify.refuseFeatures(true);
        Map<String, String> settings = settings();
        Path log = dataDir.resolveSibling(dataDir.getFileName() + "-service.log");
        List<JsonNode> runs = new ArrayList<>();
        long killedRun;
        try (ChildService service = ChildService.start(dataDir, settings, log)) {
            HttpResponse<String> accepted = service.http().postFiles("/api/imports?listener=" + LISTENER, "file",
                    Map.of("Streaming_History_Audio_2024_0.json", ExportFiles.extended(listens, true, 5)), true);
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
            String location = accepted.headers().firstValue("Location").orElseThrow();
            JsonNode imported = Awaitility.await("the import to complete").atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> JSON.readTree(service.send("GET", location, false).body()),
                            report -> report.path("status").asString().equals("COMPLETED"));
            long filledByImport = imported.path("featuresFilled").asLong();
            assertThat(filledByImport).as("the import's own batch").isBetween(1L, (long) PER_RUN);
            assertThat(imported.path("featuresProvider").asString()).isEqualTo("reccobeats");

            runs.add(runToEnd(service));
            JsonNode progress = JSON.readTree(service.send("GET", "/api/status", false).body())
                    .path("featureProgress");
            assertThat(List.of(progress.path("tracks").asLong(), progress.path("withFeatures").asLong(),
                    progress.path("toAsk").asLong())).as("what the dashboard shows after the first run")
                    .containsExactly(300L, filledByImport + runs.get(0).path("counts").path("featuresFilled").asLong(),
                            300L - 2 * PER_RUN);

            // The next run dies once its backfill has stored what ReccoBeats said, before the step is recorded.
            StepFaults.arm(dataDir, PipelineSteps.BACKFILL_FEATURES, StepFaults.Kind.KILL_AFTER);
            killedRun = started(service.send("POST", "/api/runs", true));
            assertThat(service.awaitExit(Duration.ofMinutes(2))).isEqualTo(StepFaults.KILLED);
        }

        try (ChildService service = ChildService.start(dataDir, settings, log)) {
            HttpResponse<String> restarted = service.send("POST", "/api/runs/" + killedRun + "/restart", true);
            assertThat(restarted.statusCode()).as(restarted.body()).isEqualTo(202);
            runs.add(awaitEnd(service, started(restarted)));
            while (runs.get(runs.size() - 1).path("counts").path("tracksToAsk").asLong() > 0 && runs.size() < 10) {
                runs.add(runToEnd(service));
            }

            assertThat(runs).allSatisfy(run -> {
                assertThat(run.path("status").asString()).isEqualTo("COMPLETED");
                assertThat(run.path("counts").path("featuresFilled").asLong()).isBetween(1L, (long) PER_RUN);
                assertThat(run.path("counts").path("featuresProvider").asString()).isEqualTo("reccobeats");
            });
            JsonNode last = runs.get(runs.size() - 1).path("counts");
            assertThat(last.path("tracks").asLong()).isEqualTo(300);
            assertThat(last.path("tracksWithFeatures").asLong()).isEqualTo(290);
            assertThat(last.path("tracksToAsk").asLong()).isZero();
            assertThat(JSON.readTree(service.send("GET", "/api/status", false).body()).path("featureProgress")
                    .path("withFeatures").asLong()).isEqualTo(290);
            // The killed run's batch was not asked again, nor any other.
            List<String> asked = reccoBeats.requests.stream().flatMap(List::stream).toList();
            assertThat(asked).hasSize(300).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(trackIds);
            assertThat(runs).as("bounded: the import's batch, the killed run's, and at least one per run")
                    .hasSizeGreaterThanOrEqualTo(300 / PER_RUN - 2);

            JsonNode plays = JSON.readTree(service.send("GET", "/api/plays?listener=" + LISTENER + "&limit=5000",
                    false).body());
            assertThat(plays).hasSize(1000);
            Set<String> notKnown = Set.copyOf(unknown);
            for (JsonNode play : plays) {
                String id = play.path("trackId").asString();
                if (notKnown.contains(id)) {
                    assertThat(play.path("danceability").isNull()).as(id).isTrue();
                } else {
                    Map<String, Object> served = LoopbackReccoBeats.features(id);
                    assertThat(play.path("danceability").asDouble()).as(id).isEqualTo(served.get("danceability"));
                    assertThat(play.path("tempo").asDouble()).as(id).isEqualTo(served.get("tempo"));
                }
            }
        }
    }

    private Map<String, String> settings() {
        Map<String, String> settings = new HashMap<>(Map.of(
                "spotify.api-url", spotify.url(),
                "spotify.accounts-url", spotify.url(),
                "spotify.client-id", LoopbackSpotify.CLIENT_ID,
                "spotify.client-secret", LoopbackSpotify.CLIENT_SECRET,
                "spotify.refresh-token", LoopbackSpotify.REFRESH_TOKEN,
                "spotify.features-refusal-memory", "1ms",
                "insights.features.reccobeats-url", reccoBeats.url(),
                "insights.features.backfill-per-run", String.valueOf(PER_RUN)));
        return settings;
    }

    private static JsonNode runToEnd(ChildService service) {
        return awaitEnd(service, started(service.send("POST", "/api/runs", true)));
    }

    private static long started(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return Long.parseLong(response.headers().firstValue("Location").orElseThrow().replaceAll(".*/", ""));
    }

    private static JsonNode awaitEnd(ChildService service, long id) {
        return Awaitility.await("run " + id + " to end").atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> JSON.readTree(service.send("GET", "/api/runs/" + id, false).body()),
                        run -> !Set.of("STARTING", "STARTED", "STOPPING").contains(run.path("status").asString()));
    }
}
