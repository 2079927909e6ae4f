package io.spotifyinsights.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.spotifyinsights.ServiceInstance;
import io.spotifyinsights.pipeline.LoopbackSpotify.FakePlay;
import io.spotifyinsights.play.Play;
import io.spotifyinsights.play.PlayCsvReader;
import io.spotifyinsights.play.SchemaCsvWriter;
import io.spotifyinsights.play.PlayFields;
import io.spotifyinsights.play.TableSchema;
import io.spotifyinsights.play.PlaySource;
import io.spotifyinsights.warehouse.Warehouse;

/** The lake is the source of truth: a warehouse lost or asked to be made again comes back from the lake alone. */
class WarehouseRebuildTests {

    static final String LISTENER = "long-history";
    static final int OBJECTS = 400;
    static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dataDir;

    final PlayFields fields = new PlayFields(TableSchema.load());

    @Test
    void deletingTheWarehouseOfALongHistoryAndRestartingBringsBackEveryPlayWhileHealthSaysSo() throws Exception {
        writeLongHistoryToTheLake();
        Map<String, Play> distinct = distinctPlaysOfTheLake();
        assertThat(distinct).hasSizeGreaterThan(20_000);

        try (ServiceInstance first = ServiceInstance.start(dataDir, Map.of())) {
            awaitRebuildCompleted(first);
            assertWarehouseEqualsTheLake(first, distinct);
        }
        Files.delete(dataDir.resolve("warehouse/insights.duckdb"));
        Files.deleteIfExists(dataDir.resolve("warehouse/insights.duckdb.wal"));

        Set<String> rebuildStatesSeen = ConcurrentHashMap.newKeySet();
        try (ServiceInstance restarted = ServiceInstance.start(dataDir, Map.of())) {
            Awaitility.await("health to show the rebuild, then its end").atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(10)).until(() -> {
                        JsonNode rebuild = health(restarted).path("components").path("rebuild");
                        rebuildStatesSeen.add(rebuild.path("status").asString() + " "
                                + rebuild.path("details").path("state").asString());
                        return rebuild.path("details").path("state").asString().equals("COMPLETED");
                    });
            assertThat(rebuildStatesSeen).contains("OUT_OF_SERVICE RUNNING", "UP COMPLETED");
            JsonNode details = health(restarted).path("components").path("rebuild").path("details");
            assertThat(details.path("reason").asString()).contains("empty at start");
            assertThat(details.path("lakeObjects").asInt()).isEqualTo(OBJECTS);
            assertWarehouseEqualsTheLake(restarted, distinct);
        }
    }

    @Test
    void theAdminRebuildsOnRequestAndTheWarehouseStaysTheLakesPlays() throws Exception {
        writeLongHistoryToTheLake();
        Map<String, Play> distinct = distinctPlaysOfTheLake();
        try (ServiceInstance service = ServiceInstance.start(dataDir, Map.of())) {
            awaitRebuildCompleted(service);
            String before = health(service).path("components").path("rebuild").path("details").path("endedAt")
                    .asString();

            assertThat(service.send("POST", "/api/warehouse/rebuild", false).statusCode()).isEqualTo(401);
            var accepted = service.send("POST", "/api/warehouse/rebuild", true);

            assertThat(accepted.statusCode()).isEqualTo(202);
            assertThat(accepted.headers().firstValue("Location")).hasValue("/api/warehouse/rebuild");
            assertThat(accepted.body()).contains("\"state\":\"RUNNING\"", "\"replace\":true");
            Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50))
                    .until(() -> JSON.readTree(service.send("GET", "/api/warehouse/rebuild", false).body()),
                            status -> status.path("state").asString().equals("COMPLETED")
                                    && !status.path("endedAt").asString().equals(before));
            assertWarehouseEqualsTheLake(service, distinct);
        }
    }

    private void awaitRebuildCompleted(ServiceInstance service) {
        Awaitility.await("the rebuild at start").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50))
                .until(() -> service.bean(WarehouseRebuild.class).status().state(),
                        state -> state == WarehouseRebuild.State.COMPLETED);
    }

    private static JsonNode health(ServiceInstance service) {
        return JSON.readTree(service.send("GET", "/actuator/health", true).body());
    }

    /** The warehouse holds exactly the lake's distinct plays, and its top ten is their top ten. */
    private void assertWarehouseEqualsTheLake(ServiceInstance service, Map<String, Play> distinct) {
        Warehouse warehouse = service.bean(Warehouse.class);
        List<Play> stored = warehouse.plays(LISTENER, Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"), 100_000);
        assertThat(stored).hasSize(distinct.size());
        assertThat(stored.stream().collect(Collectors.toMap(Play::uniqueId, play -> play))).isEqualTo(distinct);
        List<FakePlay> asListened = distinct.values().stream()
                .map(play -> new FakePlay(play.trackId(), play.trackName(), List.of(play.artists()), play.playedAt()))
                .toList();
        assertThat(warehouse.topTracks(LISTENER).stream()
                .map(track -> new TestPlays.Ranked(track.rank(), track.trackId(), track.timesPlayed(),
                        track.lastPlayed())).toList())
                .isEqualTo(TestPlays.expectedTopTen(asListened));
    }

    /** Years of hourly runs: each object overlaps the one before by ten plays, as Spotify's pages do. */
    private void writeLongHistoryToTheLake() throws IOException {
        Random random = new Random(61);
        Instant at = Instant.parse("2023-01-01T00:00:00Z");
        List<Play> previous = List.of();
        for (int object = 0; object < OBJECTS; object++) {
            List<Play> plays = new ArrayList<>(previous.subList(Math.max(0, previous.size() - 10), previous.size()));
            for (int i = 0; i < 60; i++) {
                at = at.plusSeconds(120 + random.nextInt(600)).plusMillis(random.nextInt(1000));
                int track = Math.min(random.nextInt(40) + random.nextInt(60), 90);
                plays.add(play(at, track, at.plusSeconds(3_600)));
            }
            Path file = dataDir.resolve("lake/plays/dt=%s/history-%04d.csv".formatted(
                    at.toString().substring(0, 10), object));
            Files.createDirectories(file.getParent());
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                    var writer = new SchemaCsvWriter<>(fields, out)) {
                plays.forEach(writer::write);
            }
            previous = plays;
        }
    }

    /** Independently of the warehouse: every play of every lake file, the first uploaded of each unique id. */
    private Map<String, Play> distinctPlaysOfTheLake() throws IOException {
        List<Play> all = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dataDir.resolve("lake/plays"))) {
            for (Path file : files.filter(path -> path.toString().endsWith(".csv")).sorted().toList()) {
                try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    all.addAll(new PlayCsvReader(fields).readAll(in, file.toString()));
                }
            }
        }
        Map<String, Play> distinct = new LinkedHashMap<>();
        all.stream().sorted(Comparator.comparing(Play::uploadTimestamp))
                .forEach(play -> distinct.putIfAbsent(play.uniqueId(), play));
        return distinct;
    }

    private static Play play(Instant playedAt, int track, Instant uploadedAt) {
        String id = "hist" + track;
        return new Play(id, "Track " + track, "Artist " + track % 7, playedAt, 200_000L, "3:20",
                "https://open.spotify.com/track/" + id, uploadedAt, Play.uniqueId(LISTENER, playedAt), 0.5, 0.5, 1,
                -6.0, 1, 0.05, 0.1, 0.0, 0.1, 0.5, 120.0, 4, LISTENER, "spotify:track:" + id, "album" + track,
                "Album " + track, "artist" + track % 7, "playlist", "spotify:playlist:x", null, PlaySource.API);
    }
}
