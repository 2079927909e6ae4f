package io.spotifyinsights.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.spotifyinsights.warehouse.Warehouse;

class RestartFunctionalTests extends PipelineIntegrationTest {

    @Autowired
    Warehouse warehouse;

    @Test
    void aRunFailedInLoadKeepsItsCsvAndItsRestartResumesThereWithoutAskingSpotifyAgain() throws IOException {
        SPOTIFY.listener("restart");
        SPOTIFY.addPlays(TestPlays.generated(23, 25, Instant.parse("2026-11-19T08:00:00Z")));
        RunView failed = runToEndWithTheLakeUnwritable();

        assertThat(failed.status()).isEqualTo("FAILED");
        assertThat(failed.steps()).extracting(StepView::status)
                .containsExactly("COMPLETED", "FAILED", "NOT_RUN", "NOT_RUN", "NOT_RUN");
        assertThat(failed.errorMessage()).isNotBlank();
        assertThat(failed.counts().playsFetched()).isEqualTo(25);
        assertThat(stagedFilesOf(failed.id())).hasSize(1);
        assertThat(warehouse.watermark("restart")).isEmpty();
        // What the failed run fetched is not asked for again (the restart's backfill asks for features only).
        int playRequestsBeforeRestart = SPOTIFY.requests("/v1/me/player/recently-played");

        HttpResponse<String> response = post("/api/runs/" + failed.id() + "/restart", true);

        assertThat(response.statusCode()).isEqualTo(202);
        long restartId = Long.parseLong(response.headers().firstValue("Location").orElseThrow()
                .replaceAll(".*/", ""));
        RunView restarted = awaitEnd(restartId);
        assertThat(restarted.status()).isEqualTo("COMPLETED");
        assertThat(restarted.restartOf()).isEqualTo(failed.id());
        assertThat(restarted.instanceId()).isEqualTo(failed.instanceId());
        assertThat(restarted.steps()).extracting(StepView::status)
                .containsExactly("COMPLETED", "COMPLETED", "COMPLETED", "COMPLETED", "COMPLETED");
        assertThat(restarted.steps().get(0).ranInRun()).isEqualTo(failed.id());
        assertThat(restarted.steps().get(1).ranInRun()).isEqualTo(restartId);
        assertThat(SPOTIFY.requests("/v1/me/player/recently-played")).isEqualTo(playRequestsBeforeRestart);
        assertThat(restarted.counts().playsLoaded()).isEqualTo(25);
        assertThat(warehouse.plays("restart", Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"), 100)).hasSize(25);
        assertThat(stagedFilesOf(failed.id())).isEmpty();
    }

    /** The run's CSV waiting for the lake, at the path of its lake key under staging/. */
    private static java.util.List<Path> stagedFilesOf(long runId) throws IOException {
        try (java.util.stream.Stream<Path> files = Files.walk(DATA_DIR.resolve("staging"))) {
            return files.filter(file -> file.getFileName().toString().startsWith("run-" + runId + "-")
                    && file.toString().endsWith(".csv")).toList();
        }
    }

    @Test
    void onlyFailedRunsCanBeRestarted() {
        SPOTIFY.listener("restart-completed");
        RunView completed = runToEnd();

        HttpResponse<String> response = post("/api/runs/" + completed.id() + "/restart", true);

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains("only FAILED or STOPPED runs can be restarted");
    }
}
