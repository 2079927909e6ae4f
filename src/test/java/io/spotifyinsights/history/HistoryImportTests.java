package io.spotifyinsights.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.spotifyinsights.LoopbackHttp;
import io.spotifyinsights.history.ExportFiles.Listen;
import io.spotifyinsights.pipeline.LoopbackSpotify;
import io.spotifyinsights.pipeline.PipelineIntegrationTest;
import io.spotifyinsights.play.Play;
import io.spotifyinsights.warehouse.LakeCatchUp;
import io.spotifyinsights.warehouse.ListeningInsights;
import io.spotifyinsights.warehouse.Warehouse;

/**
 * Imports of generated privacy exports through {@code POST /api/imports}, checked against what the generator made
 * — counted here, with the rule written out in {@link ExportFiles.Listen#isPlay()} — not against the import's own
 * report.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HistoryImportTests extends PipelineIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant FROM = Instant.parse("2019-01-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2025-06-01T00:00:00Z");
    private static final Instant LAST_YEAR = Instant.parse("2024-06-01T00:00:00Z");

    @Autowired
    private Warehouse warehouse;

    @Autowired
    private LakeCatchUp catchUp;

    @Test
    void importsEveryFormatOfTheZipAndStoresEachPlayOnceEvenWhenImportedAgain() {
        String listener = "listener-" + UUID.randomUUID().toString().substring(0, 8);
        List<Listen> streams = ExportFiles.streams(1, 3000, FROM, TO);
        List<Listen> older = streams.subList(0, 1500);
        List<Listen> newer = streams.subList(1500, 3000);
        List<Listen> video = ExportFiles.streams(2, 5, FROM, TO);
        List<Listen> lastYear = streams.stream().filter(s -> !s.ts().isBefore(LAST_YEAR)).toList();
        // Spotify leaves private sessions out of account data.
        List<Listen> accountMusic = lastYear.stream().filter(s -> s.track() != null
                && !Boolean.TRUE.equals(s.incognito())).toList();
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("Spotify Extended Streaming History/endsong_0.json", ExportFiles.extended(older, false, 3));
        entries.put("Spotify Extended Streaming History/Streaming_History_Audio_2021-2025_1.json",
                ExportFiles.extended(newer, true, 4));
        entries.put("Spotify Extended Streaming History/Streaming_History_Video_2019-2025.json",
                ExportFiles.extended(video, true, 5));
        entries.put("Spotify Extended Streaming History/ReadMeFirst_ExtendedStreamingHistory.pdf",
                "%PDF-1.4 not a history".getBytes(StandardCharsets.UTF_8));
        entries.put("Spotify Account Data/StreamingHistory_music_0.json", ExportFiles.accountMusic(accountMusic));
        List<Listen> accountPodcasts = lastYear.stream().filter(s -> s.episode() != null
                && !Boolean.TRUE.equals(s.incognito())).toList();
        entries.put("Spotify Account Data/StreamingHistory_podcast_0.json", ExportFiles.accountPodcasts(accountPodcasts));
        entries.put("Spotify Account Data/Userdata.json", "{\"username\":\"x\"}".getBytes(StandardCharsets.UTF_8));
        byte[] zip = ExportFiles.zip(entries);

        JsonNode report = importAndAwait(Map.of("my_spotify_data.zip", zip), listener);

        long expectedPlays = streams.stream().filter(Listen::isPlay).count();
        assertThat(report.path("status").asString()).isEqualTo("COMPLETED");
        List<Play> stored = warehouse.plays(listener, Instant.EPOCH, TO.plusSeconds(1), 1_000_000);
        assertThat(stored).hasSize((int) expectedPlays);
        assertThat(stored.stream().map(Play::playedAt)).containsExactlyInAnyOrderElementsOf(streams.stream()
                .filter(Listen::isPlay).map(s -> s.ts().truncatedTo(ChronoUnit.SECONDS)).toList());
        // The account data's plays were the extended history's again: merged, none stored on its own.
        assertThat(stored).allSatisfy(play -> {
            assertThat(play.trackUri()).isNotNull();
            assertThat(play.msPlayed()).isNotNull();
        });
        assertThat(report.path("playsImported").asLong()).isEqualTo(expectedPlays);
        // The import ends with features for its tracks: from its own backfill (Spotify's fake gives them), or from
        // the tracks table for tracks other tests here already brought.
        if (report.path("featuresFilled").asLong() > 0) {
            assertThat(report.path("featuresProvider").asString()).isEqualTo("spotify");
        }
        assertThat(warehouse.plays(listener, Instant.EPOCH, TO.plusSeconds(1), 1_000_000)).allSatisfy(play ->
                assertThat(play.danceability()).as(play.trackId())
                        .isEqualTo(LoopbackSpotify.features(play.trackId()).get("danceability")));
        assertThat(report.path("recordsRead").asLong()).isEqualTo(3000 + 5 + accountMusic.size()
                + accountPodcasts.size());
        // Episodes and audiobook chapters are kept apart by the same rule as music. Older exports have no audiobook
        // fields: there an audiobook stream is a record with nothing to credit.
        List<Listen> spoken = Stream.concat(older.stream().filter(Listen::isEpisode),
                newer.stream().filter(s -> s.isEpisode() || s.chapterUri() != null)).toList();
        List<Listen> keptSpoken = spoken.stream().filter(s -> !Boolean.TRUE.equals(s.incognito())
                && s.msPlayed() >= 30_000).toList();
        Map<LeftOut, Long> expectedLeftOut = new EnumMap<>(LeftOut.class);
        expectedLeftOut.put(LeftOut.VIDEO, 5L);
        expectedLeftOut.put(LeftOut.NO_TRACK, streams.stream().filter(s -> s.trackUri() == null
                && !spoken.contains(s)).count());
        expectedLeftOut.put(LeftOut.PRIVATE_SESSION, streams.stream().filter(s -> (s.trackUri() != null
                || spoken.contains(s)) && Boolean.TRUE.equals(s.incognito())).count());
        expectedLeftOut.put(LeftOut.TOO_SHORT, streams.stream().filter(s -> (s.trackUri() != null
                || spoken.contains(s)) && !Boolean.TRUE.equals(s.incognito()) && s.msPlayed() < 30_000).count()
                + accountMusic.stream().filter(s -> s.msPlayed() < 30_000).count()
                + accountPodcasts.stream().filter(s -> s.msPlayed() < 30_000).count());
        Map<LeftOut, Long> reported = new EnumMap<>(LeftOut.class);
        report.path("leftOut").properties().forEach(e -> reported.put(LeftOut.valueOf(e.getKey()),
                e.getValue().asLong()));
        expectedLeftOut.values().removeIf(count -> count == 0);
        assertThat(reported).isEqualTo(expectedLeftOut);
        // Each episode once, in its own table: the account data's podcast rows were the extended history's again.
        assertThat(keptSpoken).isNotEmpty();
        assertThat(report.path("episodes").asLong()).isEqualTo(keptSpoken.size());
        ListeningInsights.Spoken storedEpisodes = warehouse.insights(listener, Instant.EPOCH, TO.plusSeconds(1),
                ZoneOffset.UTC).spoken();
        assertThat(storedEpisodes.streams()).isEqualTo(keptSpoken.size());
        assertThat(storedEpisodes.msPlayed()).isEqualTo(keptSpoken.stream().mapToLong(Listen::msPlayed).sum());
        long accountPlays = accountMusic.stream().filter(s -> s.msPlayed() >= 30_000).count();
        long accountEpisodes = accountPodcasts.stream().filter(s -> s.msPlayed() >= 30_000).count();
        assertThat(report.path("duplicates").asLong()).isEqualTo(accountPlays + accountEpisodes);
        assertThat(fileStatuses(report)).containsEntry("my_spotify_data.zip!Spotify Extended Streaming History/"
                + "ReadMeFirst_ExtendedStreamingHistory.pdf", "SKIPPED")
                .containsEntry("my_spotify_data.zip!Spotify Account Data/StreamingHistory_music_0.json", "READY");

        JsonNode again = importAndAwait(Map.of("my_spotify_data.zip", zip), listener);

        assertThat(again.path("status").asString()).isEqualTo("COMPLETED");
        assertThat(again.path("playsImported").asLong()).isZero();
        assertThat(again.path("duplicates").asLong()).isEqualTo(expectedPlays + accountPlays + keptSpoken.size()
                + accountEpisodes);
        assertThat(again.path("episodes").asLong()).isZero();
        assertThat(warehouse.insights(listener, Instant.EPOCH, TO.plusSeconds(1), ZoneOffset.UTC).spoken().streams())
                .isEqualTo(keptSpoken.size());
        assertThat(warehouse.plays(listener, Instant.EPOCH, TO.plusSeconds(1), 1_000_000)).hasSize((int) expectedPlays);
    }

    @Test
    void anImportedPlayAndTheSamePlayFromTheApiAreOnePlayWhicheverArrivesFirst() {
        String listener = "overlap-" + UUID.randomUUID().toString().substring(0, 8);
        SPOTIFY.listener(listener);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        // Twelve plays, ten minutes apart, ending ten minutes ago: the API lists them, the export has them too.
        List<Listen> streams = new ArrayList<>();
        List<LoopbackSpotify.FakePlay> api = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Instant ts = now.minus(Duration.ofMinutes(10L * (12 - i)));
            String id = "t" + "%021d".formatted(500 + i);
            streams.add(new Listen(ts, 180_000 + i, "Song " + i, "Artist " + i, "Album", "spotify:track:" + id, null,
                    null, null, null, null, false));
            // The API's played_at is not the export's ts: here 20 s earlier.
            api.add(new LoopbackSpotify.FakePlay(id, "Song " + i, List.of("Artist " + i), ts.minusSeconds(20)));
        }
        List<Listen> exportFirst = streams.subList(0, 6);
        List<LoopbackSpotify.FakePlay> apiFirst = api.subList(6, 12);

        // The first six: the export first, then the API. The last six: the API first, then the export.
        importAndAwait(Map.of("Streaming_History_Audio_2025.json", ExportFiles.extended(exportFirst, true, 9)),
                listener);
        SPOTIFY.addPlays(api);
        assertThat(runToEnd().status()).isEqualTo("COMPLETED");
        JsonNode second = importAndAwait(Map.of("Streaming_History_Audio_2025_1.json",
                ExportFiles.extended(streams.subList(6, 12), true, 10)), listener);

        List<Play> stored = warehouse.plays(listener, Instant.EPOCH, now.plusSeconds(1), 1000);
        assertThat(stored).hasSize(12);
        // Each keeps what both sources know: the export's ms_played, the API's album id and duration.
        assertThat(stored).allSatisfy(play -> {
            assertThat(play.msPlayed()).isNotNull();
            assertThat(play.durationMs()).isNotNull();
            assertThat(play.source().wireValue()).isEqualTo("api");
        });
        assertThat(second.path("playsImported").asLong()).isZero();
        assertThat(second.path("playsMerged").asLong()).isEqualTo(apiFirst.size());
        // The hourly run asks Spotify from the newest play the API gave, whatever an import brought.
        assertThat(warehouse.watermark(listener)).contains(apiFirst.get(5).playedAt());

        // The lake holds each source's rows as they came; a rebuild from it merges them to the same plays.
        catchUp.rebuild();
        assertThat(warehouse.plays(listener, Instant.EPOCH, now.plusSeconds(1), 1000))
                .containsExactlyInAnyOrderElementsOf(stored);
    }

    @Test
    void hostileFilesAreRefusedOneByOneWhileTheGoodOnesAreImported() throws Exception {
        String listener = "hostile-" + UUID.randomUUID().toString().substring(0, 8);
        List<Listen> good = ExportFiles.streams(11, 200, FROM, TO);
        byte[] goodFile = ExportFiles.extended(good, true, 12);
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("Spotify Extended Streaming History/Streaming_History_Audio_2019_0.json", goodFile);
        entries.put("../../climbed-out.json", goodFile);
        entries.put("/absolute-climbed-out.json", goodFile);
        entries.put("nested/inner.zip", ExportFiles.zip(Map.of("Streaming_History_Audio_x.json", goodFile)));
        entries.put("Streaming_History_Audio_2020_1.json", Arrays.copyOf(goodFile, goodFile.length / 2));
        entries.put("Streaming_History_Audio_2020_2.json", "[{\"foo\": 1}, {\"bar\": 2}]".getBytes());
        entries.put("Streaming_History_Audio_2020_3.json", "hello, not json".getBytes());
        byte[] spaces = new byte[8 << 20];
        Arrays.fill(spaces, (byte) ' ');
        entries.put("Streaming_History_Audio_2020_4.json", spaces);
        byte[] hostile = ExportFiles.zip(entries);

        JsonNode report = importAndAwait(Map.of("my_spotify_data.zip", hostile, "empty.zip",
                ExportFiles.zip(Map.of()), "not-a-zip.zip", "PK but not really".getBytes()), listener);

        assertThat(report.path("status").asString()).isEqualTo("COMPLETED");
        assertThat(warehouse.plays(listener, Instant.EPOCH, TO.plusSeconds(1), 100_000))
                .hasSize((int) good.stream().filter(Listen::isPlay).count());
        Map<String, String> statuses = fileStatuses(report);
        assertThat(statuses).containsEntry("my_spotify_data.zip!Spotify Extended Streaming History/"
                + "Streaming_History_Audio_2019_0.json", "READY");
        List<String> errors = new ArrayList<>();
        report.path("errors").forEach(error -> errors.add(error.asString()));
        assertThat(errors).anyMatch(e -> e.contains("../../climbed-out.json") && e.contains("climbs out"))
                .anyMatch(e -> e.contains("/absolute-climbed-out.json") && e.contains("absolute"))
                .anyMatch(e -> e.contains("inner.zip") && e.contains("zip inside the zip"))
                .anyMatch(e -> e.contains("Streaming_History_Audio_2020_1.json") && e.contains("cut short"))
                .anyMatch(e -> e.contains("Streaming_History_Audio_2020_2.json") && e.contains("Record 0")
                        && e.contains("no ts"))
                .anyMatch(e -> e.contains("Streaming_History_Audio_2020_3.json") && e.contains("not JSON"))
                .anyMatch(e -> e.contains("Streaming_History_Audio_2020_4.json") && e.contains("zip bomb"))
                .anyMatch(e -> e.contains("empty.zip") && e.contains("empty zip"))
                .anyMatch(e -> e.contains("not-a-zip.zip") && e.contains("not a zip"));
        try (Stream<Path> everything = Files.walk(DATA_DIR.getParent(), 6)) {
            assertThat(everything.filter(path -> path.getFileName().toString().contains("climbed-out")))
                    .isEmpty();
        } catch (java.io.UncheckedIOException e) {
            // Other tests' folders come and go under the temporary directory while this walks.
        }
    }

    private Map<String, String> fileStatuses(JsonNode report) {
        Map<String, String> statuses = new LinkedHashMap<>();
        report.path("files").forEach(file -> statuses.put(file.path("name").asString(),
                file.path("status").asString()));
        return statuses;
    }

    private JsonNode importAndAwait(Map<String, byte[]> files, String listener) {
        HttpResponse<String> accepted = new LoopbackHttp(port, ADMIN_PASSWORD).postFiles("/api/imports?listener="
                + listener, "file", files, true);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String location = accepted.headers().firstValue("Location").orElseThrow();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (Instant.now().isBefore(deadline)) {
            JsonNode report = JSON.readTree(get(location, false).body());
            String status = report.path("status").asString();
            if (!status.equals("QUEUED") && !status.equals("STARTING") && !status.equals("STARTED")) {
                return report;
            }
            sleep(100);
        }
        throw new AssertionError("The import at " + location + " did not end within 2 minutes");
    }
}
