package io.spotifyinsights;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.spotifyinsights.history.ExportFiles;
import io.spotifyinsights.history.SampleData;

/** The service started with no Spotify settings at all, as on a fresh machine. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
@DirtiesContext
class FirstStartTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static Path dataDir;

    @DynamicPropertySource
    static void nothingConfigured(DynamicPropertyRegistry registry) throws IOException {
        dataDir = Files.createTempDirectory("insights-first-start");
        registry.add("insights.data-dir", dataDir::toString);
        // As on a person's first start (the test suite switches it off elsewhere).
        registry.add("insights.sample-data.enabled", () -> "true");
        registry.add("insights.schedule.enabled", () -> "false");
        registry.add("insights.security.admin-password", () -> "first-start-admin");
    }

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void saysInOneLogLineWhatToConfigure(CapturedOutput output) {
        assertThat(output.getOut().lines().filter(line -> line.contains("Spotify is not connected"))).singleElement()
                .asString().contains("SPOTIFY_CLIENT_ID, SPOTIFY_CLIENT_SECRET, SPOTIFY_REFRESH_TOKEN", "/connect");
    }

    @Test
    void theDashboardIsToldWhatToCreateInSpotifyAndWhichRedirectUriToRegister() throws Exception {
        HttpResponse<String> status = send("/api/status", false);

        assertThat(status.body()).contains("\"spotify\":\"NOT_CONFIGURED\"", "\"canConnect\":false",
                "\"redirectUri\":\"http://127.0.0.1:" + port + "/callback\"", "SPOTIFY_CLIENT_ID", "SPOTIFY_CLIENT_SECRET");
        assertThat(send("/", false).body()).contains("Connect Spotify in three steps", "id=\"redirect-uri\"");
    }

    @Test
    void connectWithoutAppCredentialsLeadsBackToTheSetupSteps() throws Exception {
        HttpResponse<String> connect = send("/connect", true);

        assertThat(connect.statusCode()).isEqualTo(302);
        assertThat(connect.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/"));
    }

    @Test
    void aFirstStartShowsTheSampleHistoryUntilARealImportStarts() throws Exception {
        Awaitility.await("the sample history to be loaded and ranked").atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> JSON.readTree(send("/api/top-tracks", false).body()).path("tracks").size() == 10);
        JsonNode status = JSON.readTree(send("/api/status", false).body());
        assertThat(status.path("sampleData").asBoolean()).isTrue();
        assertThat(status.path("listenerId").asString()).isEqualTo(SampleData.LISTENER);
        // What the dashboard counts is what the lake holds, counted here from the file itself.
        JsonNode insights = JSON.readTree(send("/api/insights?window=all", false).body()).path("insights");
        assertThat(insights.path("totalPlays").asLong()).isEqualTo(sampleRowsInTheLake("plays"))
                .isBetween(20_000L, 30_000L);
        assertThat(insights.path("spoken").path("streams").asLong()).isEqualTo(sampleRowsInTheLake("episodes"))
                .isPositive();
        assertThat(send("/", false).body()).contains("This is sample data");

        List<ExportFiles.Listen> listens = ExportFiles.streams(41, 200, Instant.parse("2021-01-01T00:00:00Z"),
                Instant.parse("2022-01-01T00:00:00Z"));
        HttpResponse<String> accepted = new LoopbackHttp(port, "first-start-admin").postFiles(
                "/api/imports?listener=first-listener", "file",
                Map.of("Streaming_History_Audio_2021_0.json", ExportFiles.extended(listens, true, 42)), true);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);

        assertThat(JSON.readTree(send("/api/status", false).body()).path("sampleData").asBoolean()).isFalse();
        assertThat(sampleRowsInTheLake("plays") + sampleRowsInTheLake("episodes")).isZero();
        assertThat(JSON.readTree(send("/api/plays?listener=sample%20listener&limit=10", false).body())).isEmpty();
        String location = accepted.headers().firstValue("Location").orElseThrow();
        Awaitility.await("the import to complete").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250))
                .until(() -> JSON.readTree(send(location, false).body()).path("status").asString(),
                        "COMPLETED"::equals);
        assertThat(JSON.readTree(send("/api/status", false).body()).path("listenerId").asString())
                .isEqualTo("first-listener");
        assertThat(JSON.readTree(send("/api/plays?listener=first-listener&limit=1000", false).body()))
                .hasSize((int) listens.stream().filter(ExportFiles.Listen::isPlay).count());
    }

    /** Rows of the sample's files in a folder of the lake: plays/ or episodes/. */
    private static long sampleRowsInTheLake(String folder) throws IOException {
        long rows = 0;
        if (!Files.isDirectory(dataDir.resolve("lake").resolve(folder))) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dataDir.resolve("lake").resolve(folder))) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("sample-history-")).toList()) {
                try (Reader in = Files.newBufferedReader(file);
                        CSVParser csv = CSVParser.builder().setReader(in).setFormat(CSVFormat.RFC4180.builder()
                                .setHeader().setSkipHeaderRecord(true).get()).get()) {
                    rows += csv.stream().count();
                }
            }
        }
        return rows;
    }

    private HttpResponse<String> send(String path, boolean asAdmin) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (asAdmin) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString("admin:first-start-admin".getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
