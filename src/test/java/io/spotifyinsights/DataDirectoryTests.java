package io.spotifyinsights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.spotifyinsights.pipeline.LoopbackSpotify;
import io.spotifyinsights.pipeline.RunView;
import io.spotifyinsights.pipeline.TestPlays;

/** The data directory across the service's life: who may use it, who may read it, what a restart keeps. */
@ExtendWith(OutputCaptureExtension.class)
class DataDirectoryTests {

    static final LoopbackSpotify SPOTIFY = newSpotify();

    @TempDir
    Path temp;

    @AfterAll
    static void stopSpotify() throws IOException {
        SPOTIFY.close();
    }

    static Map<String, Object> spotifySettings() {
        return Map.of("spotify.api-url", SPOTIFY.url(), "spotify.accounts-url", SPOTIFY.url(),
                "spotify.client-id", LoopbackSpotify.CLIENT_ID, "spotify.client-secret", LoopbackSpotify.CLIENT_SECRET,
                "spotify.refresh-token", LoopbackSpotify.REFRESH_TOKEN);
    }

    @Test
    void aSecondServiceOnTheSameDataDirectoryStopsSayingOnlyOneMay(CapturedOutput output) {
        Path dataDir = temp.resolve("shared");
        try (ServiceInstance first = ServiceInstance.start(dataDir, Map.of())) {
            assertThatThrownBy(() -> ServiceInstance.start(dataDir, Map.of()))
                    .hasMessageContaining("is in use by another Spotify Insights service");

            assertThat(output.getOut()).contains("Only one service may use a data directory",
                    "start this one with its own data directory (INSIGHTS_DATA_DIR=/path)")
                    .doesNotContain("server mode");
            assertThat(first.send("GET", "/api/status", false).statusCode()).as("the first one goes on")
                    .isEqualTo(200);
        }
        // Once the first has stopped, the folder is free again.
        try (ServiceInstance again = ServiceInstance.start(dataDir, Map.of())) {
            assertThat(again.send("GET", "/api/status", false).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void everythingTheServiceKeepsIsReadableByItsUserOnly() throws IOException {
        Path dataDir = temp.resolve("private");
        // An older version left a world-readable folder behind.
        Files.createDirectories(dataDir.resolve("lake/plays"));
        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(dataDir.resolve("lake/plays/old.txt"), "old");
        Files.setPosixFilePermissions(dataDir.resolve("lake/plays/old.txt"), PosixFilePermissions.fromString("rw-r--r--"));
        SPOTIFY.listener("private-listener");
        SPOTIFY.addPlays(TestPlays.generated(53, 12, Instant.parse("2026-11-10T08:00:00Z")));

        try (ServiceInstance service = ServiceInstance.start(dataDir, spotifySettings())) {
            assertThat(service.runToEnd().status()).isEqualTo("COMPLETED");
        }

        List<Path> everything;
        try (Stream<Path> walk = Files.walk(dataDir)) {
            everything = walk.toList();
        }
        assertThat(everything).as("the run wrote the lake, the warehouse and the run history")
                .anyMatch(path -> path.toString().endsWith(".csv"))
                .anyMatch(path -> path.toString().endsWith("insights.duckdb"))
                .anyMatch(path -> path.toString().endsWith(".mv.db"));
        for (Path path : everything) {
            String expected = Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS) ? "rwx------" : "rw-------";
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS)))
                    .as(dataDir.relativize(path).toString()).isEqualTo(expected);
        }
    }

    @Test
    void runIdsGoOnOneByOneAfterARestart() {
        Path dataDir = temp.resolve("ids");
        SPOTIFY.listener("ids-listener");
        long first;
        try (ServiceInstance service = ServiceInstance.start(dataDir, spotifySettings())) {
            first = service.runToEnd().id();
        }
        RunView second;
        try (ServiceInstance service = ServiceInstance.start(dataDir, spotifySettings())) {
            second = service.runToEnd();
        }

        assertThat(second.id()).isEqualTo(first + 1);
    }

    private static LoopbackSpotify newSpotify() {
        try {
            return new LoopbackSpotify();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
