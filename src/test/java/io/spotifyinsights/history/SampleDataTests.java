package io.spotifyinsights.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.spotifyinsights.ServiceInstance;
import io.spotifyinsights.lake.Lake;
import io.spotifyinsights.lake.LakeKeys;
import io.spotifyinsights.pipeline.LoopbackSpotify;
import io.spotifyinsights.warehouse.Warehouse;

/** The sample history leaves when a real account connects through /connect. */
class SampleDataTests {

    private static final Instant FAR_FUTURE = Instant.parse("2100-01-01T00:00:00Z");

    @TempDir
    Path dataDir;

    final LoopbackSpotify spotify = newSpotify();

    @AfterEach
    void stopSpotify() throws Exception {
        spotify.close();
    }

    @Test
    void connectingAnAccountRemovesTheSampleHistoryFromTheLakeAndTheWarehouse() throws Exception {
        try (ServiceInstance service = ServiceInstance.start(dataDir, Map.of("insights.sample-data.enabled", "true",
                "spotify.client-id", LoopbackSpotify.CLIENT_ID, "spotify.client-secret", LoopbackSpotify.CLIENT_SECRET,
                "spotify.api-url", spotify.url(), "spotify.accounts-url", spotify.url()))) {
            Warehouse warehouse = service.bean(Warehouse.class);
            Awaitility.await("the sample history to be loaded").atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> !warehouse.plays(SampleData.LISTENER, Instant.EPOCH, FAR_FUTURE, 1).isEmpty());
            assertThat(service.bean(SampleData.class).present()).isTrue();

            HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                    .followRedirects(HttpClient.Redirect.NEVER).build();
            HttpResponse<String> toSpotify = asAdmin(browser, service, "/connect");
            URI authorize = URI.create(toSpotify.headers().firstValue("Location").orElseThrow());
            String state = Arrays.stream(authorize.getRawQuery().split("&")).map(pair -> pair.split("=", 2))
                    .collect(Collectors.toMap(pair -> pair[0], pair -> URLDecoder.decode(pair[1],
                            StandardCharsets.UTF_8))).get("state");
            HttpResponse<String> back = asAdmin(browser, service, "/callback?code="
                    + LoopbackSpotify.AUTHORIZATION_CODE + "&state=" + state);

            assertThat(back.statusCode()).as(back.body()).isEqualTo(200);
            assertThat(service.bean(SampleData.class).present()).isFalse();
            assertThat(warehouse.plays(SampleData.LISTENER, Instant.EPOCH, FAR_FUTURE, 1)).isEmpty();
            assertThat(warehouse.topTracks(SampleData.LISTENER)).isEmpty();
            assertThat(service.bean(Lake.class).list(LakeKeys.PLAYS)).noneMatch(key -> key.contains("sample"));
            assertThat(service.send("GET", "/api/status", false).body()).contains("\"sampleData\":false");
        }
    }

    private static HttpResponse<String> asAdmin(HttpClient browser, ServiceInstance service, String path)
            throws Exception {
        return browser.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("admin:"
                        + ServiceInstance.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static LoopbackSpotify newSpotify() {
        try {
            return new LoopbackSpotify();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
