package io.spotifyinsights.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.spotifyinsights.ServiceInstance;
import io.spotifyinsights.pipeline.LoopbackSpotify;
import io.spotifyinsights.pipeline.RunService;
import io.spotifyinsights.pipeline.RunView;
import io.spotifyinsights.pipeline.TestPlays;
import io.spotifyinsights.play.Play;
import io.spotifyinsights.warehouse.Warehouse;

/**
 * The run history's disk fills up during a run, and is freed again: the service must not need a restart. H2 writes
 * through {@link DiskFullFilePath}, which fails writes as a full disk does.
 */
class DiskFullTests {

    @TempDir
    Path dataDir;

    final LoopbackSpotify spotify = newSpotify();

    @AfterEach
    void cleanUp() throws IOException {
        DiskFullFilePath.full = false;
        spotify.close();
    }

    @Test
    void aFullDiskUnderTheRunHistoryHealsByItselfOnceThereIsRoomAgain() {
        spotify.listener("disk-full");
        List<LoopbackSpotify.FakePlay> before = TestPlays.generated(107, 8, Instant.parse("2026-11-05T08:00:00Z"));
        spotify.addPlays(before);
        try (ServiceInstance service = ServiceInstance.start(dataDir, settings())) {
            assertThat(service.runToEnd().status()).isEqualTo("COMPLETED");

            DiskFullFilePath.full = true;
            List<LoopbackSpotify.FakePlay> during = TestPlays.generated(109, 6, Instant.parse("2026-11-06T08:00:00Z"));
            spotify.addPlays(during);
            HttpResponse<String> duringFull = service.send("POST", "/api/runs", true);
            Awaitility.await("the run history to fail").atMost(Duration.ofSeconds(30))
                    .until(() -> service.send("GET", "/api/runs", false).statusCode() == 503);
            assertThat(service.send("GET", "/api/runs", false).body()).contains("full disk is the usual cause")
                    .doesNotContain(dataDir.toString());
            assertThat(duringFull.statusCode()).isIn(202, 503);

            DiskFullFilePath.full = false;

            Awaitility.await("the service to answer again by itself").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> service.send("GET", "/api/runs", false).statusCode() == 200
                            && service.send("GET", "/api/status", false).statusCode() == 200
                            && service.bean(RunService.class).runningExecution().isEmpty());
            RunView after = service.runToEnd();
            assertThat(after.status()).isEqualTo("COMPLETED");
            List<Play> stored = service.bean(Warehouse.class).plays("disk-full", Instant.EPOCH,
                    Instant.parse("2100-01-01T00:00:00Z"), 1000);
            assertThat(stored).extracting(Play::uniqueId).doesNotHaveDuplicates().hasSize(before.size() + during.size());
            assertThat(service.send("GET", "/actuator/health", true).body()).doesNotContain("\"db\":{\"status\":\"DOWN\"");
        }
    }

    private Map<String, Object> settings() {
        Map<String, Object> settings = new HashMap<>(Map.of("spotify.api-url", spotify.url(),
                "spotify.accounts-url", spotify.url(), "spotify.client-id", LoopbackSpotify.CLIENT_ID,
                "spotify.client-secret", LoopbackSpotify.CLIENT_SECRET,
                "spotify.refresh-token", LoopbackSpotify.REFRESH_TOKEN));
        settings.put("spring.datasource.url", DiskFullFilePath.url(dataDir.resolve("batch/metadata").toString())
                + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0;TRACE_LEVEL_FILE=0");
        return settings;
    }

    private static LoopbackSpotify newSpotify() {
        try {
            return new LoopbackSpotify();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
