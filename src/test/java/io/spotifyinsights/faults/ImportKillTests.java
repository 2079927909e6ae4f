package io.spotifyinsights.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.spotifyinsights.history.ExportFiles;

/**
 * An import killed the hard way half-way, then the service started again: it resumes by itself and ends with
 * exactly the plays one clean import stores.
 */
class ImportKillTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dataDir;

    @Test
    void anImportKilledAfterAChunkWasStoredButNotCommittedResumesAndStoresEachPlayOnce() throws Exception {
        List<ExportFiles.Listen> listens = ExportFiles.streams(21, 3000,
                Instant.parse("2018-01-01T00:00:00Z"), Instant.parse("2025-01-01T00:00:00Z"));
        List<Instant> expected = listens.stream().filter(ExportFiles.Listen::isPlay)
                .map(listen -> listen.ts().truncatedTo(ChronoUnit.SECONDS)).sorted().toList();
        List<ExportFiles.Listen> expectedEpisodes = listens.stream().filter(listen -> (listen.isEpisode()
                || listen.chapterUri() != null) && !Boolean.TRUE.equals(listen.incognito())
                && listen.msPlayed() >= 30_000).toList();
        Map<String, String> settings = Map.of("insights.import.chunk-size", "400");
        Path log = dataDir.resolveSibling(dataDir.getFileName() + "-service.log");
        String location;
        try (ChildService service = ChildService.start(dataDir, settings, log)) {
            // The third chunk is written to the lake and loaded, then the process dies before committing it.
            StepFaults.armAfterWrite(dataDir, "importExtendedHistory", 3);
            HttpResponse<String> accepted = service.http().postFiles("/api/imports?listener=killed", "file",
                    Map.of("Streaming_History_Audio_2018-2024_0.json", ExportFiles.extended(listens, true, 22)),
                    true);
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
            location = accepted.headers().firstValue("Location").orElseThrow();
            assertThat(service.awaitExit(Duration.ofMinutes(2))).isEqualTo(StepFaults.KILLED);
        }

        try (ChildService service = ChildService.start(dataDir, settings, log)) {
            JsonNode report = Awaitility.await("the interrupted import to be resumed and complete")
                    .atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250))
                    .until(() -> JSON.readTree(service.send("GET", location, false).body()),
                            node -> node.path("status").asString().equals("COMPLETED"));

            List<Instant> stored = new ArrayList<>();
            JSON.readTree(service.send("GET", "/api/plays?listener=killed&limit=10000", false).body())
                    .forEach(play -> stored.add(Instant.parse(play.path("playedAt").asString())));
            assertThat(stored).hasSize(expected.size());
            assertThat(stored.stream().sorted().toList()).isEqualTo(expected);
            assertThat(report.path("playsImported").asLong()).isEqualTo(expected.size());
            assertThat(report.path("recordsRead").asLong()).isEqualTo(listens.size());
            // Episodes too: each once, the redone chunk's included.
            JsonNode spoken = JSON.readTree(service.send("GET", "/api/insights?listener=killed&window=all", false)
                    .body()).path("insights").path("spoken");
            assertThat(expectedEpisodes).isNotEmpty();
            assertThat(spoken.path("streams").asLong()).isEqualTo(expectedEpisodes.size());
            assertThat(spoken.path("msPlayed").asLong())
                    .isEqualTo(expectedEpisodes.stream().mapToLong(ExportFiles.Listen::msPlayed).sum());
            assertThat(report.path("episodes").asLong()).isEqualTo(expectedEpisodes.size());
        }
    }
}
