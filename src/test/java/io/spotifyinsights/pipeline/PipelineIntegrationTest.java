package io.spotifyinsights.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

import org.awaitility.Awaitility;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.spotifyinsights.features.LoopbackReccoBeats;

/**
 * The whole service on its embedded default — local lake and warehouse in a temporary data directory, Spark local —
 * against {@link LoopbackSpotify}. Test classes extending this share one application context, so each test uses its
 * own listener id to keep its plays apart.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class PipelineIntegrationTest {

    protected static final String ADMIN_PASSWORD = "pipeline-test-admin-password-w3";
    protected static final LoopbackSpotify SPOTIFY;
    protected static final LoopbackReccoBeats RECCOBEATS;
    protected static final Path DATA_DIR;

    static {
        try {
            SPOTIFY = new LoopbackSpotify();
            RECCOBEATS = new LoopbackReccoBeats();
            DATA_DIR = Files.createTempDirectory("insights-pipeline-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("insights.data-dir", DATA_DIR::toString);
        registry.add("spotify.api-url", SPOTIFY::url);
        registry.add("spotify.accounts-url", SPOTIFY::url);
        registry.add("spotify.client-id", () -> LoopbackSpotify.CLIENT_ID);
        registry.add("spotify.client-secret", () -> LoopbackSpotify.CLIENT_SECRET);
        registry.add("spotify.refresh-token", () -> LoopbackSpotify.REFRESH_TOKEN);
        // Each test may refuse features or not; a remembered refusal must not leak into the next test.
        registry.add("spotify.features-refusal-memory", () -> "1ms");
        registry.add("insights.features.reccobeats-url", RECCOBEATS::url);
        registry.add("insights.schedule.enabled", () -> "false");
        registry.add("insights.security.admin-password", () -> ADMIN_PASSWORD);
        registry.add("insights.spark.master", () -> "local[2]");
        // Every test here calls from 127.0.0.1, some with wrong passwords on purpose; LoginThrottleTest covers the
        // throttle itself.
        registry.add("insights.security.login-failures", () -> "100000");
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected RunService runService;

    @Autowired
    protected RunHistory runHistory;

    @Autowired
    protected JobRepository jobRepository;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Starts a run as a person would and waits until it has ended. */
    protected RunView runToEnd() {
        return awaitEnd(runService.startManual().getId());
    }

    /**
     * A run while the lake folder is a plain file, so the lake can't take the run's CSV and its load step fails; the
     * lake is put back afterwards.
     */
    protected RunView runToEndWithTheLakeUnwritable() throws IOException {
        Path lakeRoot = DATA_DIR.resolve("lake");
        Path movedLake = DATA_DIR.resolve("lake-moved-away");
        if (Files.exists(lakeRoot)) {
            Files.move(lakeRoot, movedLake);
        }
        Files.writeString(lakeRoot, "not a folder: the lake can't take the run's CSV");
        try {
            return runToEnd();
        } finally {
            Files.delete(lakeRoot);
            if (Files.exists(movedLake)) {
                Files.move(movedLake, lakeRoot);
            }
        }
    }

    protected RunView awaitEnd(long runId) {
        Awaitility.await("run " + runId + " to end").atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> jobRepository.getJobExecution(runId), execution -> !execution.isRunning());
        return runHistory.find(runId).orElseThrow();
    }

    protected HttpResponse<String> get(String path, boolean asAdmin) {
        return send(HttpRequest.newBuilder(uri(path)).GET(), asAdmin);
    }

    /** A client that keeps cookies between requests, as a browser does. */
    protected HttpClient browser() {
        return HttpClient.newBuilder().cookieHandler(new java.net.CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    }

    protected HttpResponse<String> get(HttpClient client, String path, boolean asAdmin) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (asAdmin) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)));
        }
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    protected HttpResponse<String> post(String path, boolean asAdmin) {
        return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()), asAdmin);
    }

    protected URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    protected HttpResponse<String> send(HttpRequest.Builder request, boolean asAdmin) {
        if (asAdmin) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)));
        }
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    protected static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
