package io.spotifyinsights.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.spotifyinsights.ServiceInstance;
import io.spotifyinsights.play.Play;
import io.spotifyinsights.warehouse.Warehouse;

/** SIGTERM during a run: the service stops as context.close() stops it, which is what the JVM's shutdown hook does. */
@ExtendWith(OutputCaptureExtension.class)
class GracefulShutdownTests {

    @TempDir
    Path dataDir;

    final LoopbackSpotify spotify = newSpotify();

    @AfterEach
    void stopSpotify() throws IOException {
        spotify.close();
    }

    @Test
    void aRunGoingAtShutdownMayFinishWithinTheGrace(CapturedOutput output) throws Exception {
        spotify.listener("finishes");
        spotify.addPlays(TestPlays.generated(101, 7, Instant.parse("2026-11-08T08:00:00Z")));
        spotify.hold();
        ServiceInstance service = ServiceInstance.start(dataDir, settings("30s"));
        long id = service.bean(RunService.class).startManual().getId();
        assertThat(spotify.awaitRecentlyPlayedAsked(30)).isTrue();

        CompletableFuture<Void> sigterm = CompletableFuture.runAsync(service::close);
        Awaitility.await("the service to refuse new runs: it is stopping").atMost(Duration.ofSeconds(10))
                .until(() -> service.send("POST", "/api/runs", true).statusCode() == 503);
        spotify.release();
        sigterm.get(60, TimeUnit.SECONDS);

        assertThat(output.getOut()).contains("Stopping: run " + id + " was going and finished within PT30S");
        try (ServiceInstance again = ServiceInstance.start(dataDir, settings("30s"))) {
            RunView run = again.bean(RunHistory.class).find(id).orElseThrow();
            assertThat(run.status()).isEqualTo("COMPLETED");
            assertThat(stored(again, "finishes")).hasSize(7);
        }
    }

    @Test
    void aRunThatDoesNotFinishWithinTheGraceIsStoppedRestartableAndLosesNothing(CapturedOutput output)
            throws Exception {
        spotify.listener("stopped");
        List<LoopbackSpotify.FakePlay> plays = TestPlays.generated(103, 9, Instant.parse("2026-11-09T08:00:00Z"));
        spotify.addPlays(plays);
        spotify.hold();
        ServiceInstance service = ServiceInstance.start(dataDir, settings("1s"));
        RunHistory history = service.bean(RunHistory.class);
        long id = service.bean(RunService.class).startManual().getId();
        assertThat(spotify.awaitRecentlyPlayedAsked(30)).isTrue();

        CompletableFuture<Void> sigterm = CompletableFuture.runAsync(service::close);
        Awaitility.await("the run to be asked to stop").atMost(Duration.ofSeconds(20))
                .until(() -> history.find(id).orElseThrow().status(), "STOPPING"::equals);
        spotify.release();
        sigterm.get(60, TimeUnit.SECONDS);

        assertThat(output.getOut()).contains("Stopping: run " + id + " did not finish within PT1S, so it was stopped "
                + "in step fetchRecentPlays (status STOPPED); restart it with POST /api/runs/" + id + "/restart");
        assertThat(output.getOut()).doesNotContain("Encountered an error executing step");
        try (ServiceInstance again = ServiceInstance.start(dataDir, settings("30s"))) {
            RunView stopped = again.bean(RunHistory.class).find(id).orElseThrow();
            assertThat(stopped.status()).isEqualTo("STOPPED");
            assertThat(stopped.steps()).extracting(StepView::status)
                    .containsExactly("STOPPED", "NOT_RUN", "NOT_RUN", "NOT_RUN", "NOT_RUN");
            var restart = again.send("POST", "/api/runs/" + id + "/restart", true);
            assertThat(restart.statusCode()).isEqualTo(202);
            RunView restarted = again.awaitEnd(Long.parseLong(restart.headers().firstValue("Location").orElseThrow()
                    .replaceAll(".*/", "")));
            assertThat(restarted.status()).isEqualTo("COMPLETED");
            assertThat(stored(again, "stopped")).extracting(Play::uniqueId).doesNotHaveDuplicates()
                    .hasSameSizeAs(plays);
        }
    }

    private Map<String, Object> settings(String grace) {
        Map<String, Object> settings = new HashMap<>(Map.of("spotify.api-url", spotify.url(),
                "spotify.accounts-url", spotify.url(), "spotify.client-id", LoopbackSpotify.CLIENT_ID,
                "spotify.client-secret", LoopbackSpotify.CLIENT_SECRET,
                "spotify.refresh-token", LoopbackSpotify.REFRESH_TOKEN));
        settings.put("insights.pipeline.shutdown-grace", grace);
        return settings;
    }

    private static List<Play> stored(ServiceInstance service, String listener) {
        return service.bean(Warehouse.class).plays(listener, Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"),
                1000);
    }

    private static LoopbackSpotify newSpotify() {
        try {
            return new LoopbackSpotify();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
