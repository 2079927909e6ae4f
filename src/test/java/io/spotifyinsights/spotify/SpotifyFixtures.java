package io.spotifyinsights.spotify;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import tools.jackson.databind.json.JsonMapper;

import io.spotifyinsights.MovableClock;

/** Spotify-shaped answers from src/test/resources/spotify/ and a client pointed at a loopback server. */
final class SpotifyFixtures {

    static final String CLIENT_ID = "fixture-client-id-4f2a";
    static final String CLIENT_SECRET = "fixture-client-secret-Zx9Qm";
    static final String REFRESH_TOKEN = "AQB-fixture-refresh-token-original";
    static final String ROTATED_REFRESH_TOKEN = "AQB-fixture-rotated-refresh-token";
    static final String ACCESS_TOKEN = "BQD-fixture-access-token-one";
    static final String SECOND_ACCESS_TOKEN = "BQD-fixture-access-token-two";
    static final String APP_TOKEN = "BQD-fixture-app-token";
    static final List<String> SECRETS = List.of(CLIENT_SECRET, REFRESH_TOKEN, ROTATED_REFRESH_TOKEN, ACCESS_TOKEN,
            SECOND_ACCESS_TOKEN, APP_TOKEN);

    private SpotifyFixtures() {
    }

    static String json(String name, MockWebServer server) {
        try (InputStream in = SpotifyFixtures.class.getResourceAsStream("/spotify/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("No fixture " + name);
            }
            String base = server.url("/").toString().replaceAll("/$", "");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("{{BASE}}", base);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static MockResponse ok(String fixture, MockWebServer server) {
        return answer(200, fixture, server);
    }

    static MockResponse answer(int code, String fixture, MockWebServer server) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json")
                .body(json(fixture, server)).build();
    }

    static SpotifyProperties properties(MockWebServer server) {
        URI base = URI.create(server.url("/").toString());
        return new SpotifyProperties(CLIENT_ID, CLIENT_SECRET, REFRESH_TOKEN, base, base, Duration.ofSeconds(2),
                Duration.ofMillis(300), Duration.ofSeconds(60), 4, Duration.ofMillis(500), Duration.ofHours(24),
                URI.create("http://127.0.0.1:8080/callback"));
    }

    /** A client on the loopback server with a token file in {@code dataDir}, a movable clock and recorded sleeps. */
    static SpotifyClient client(SpotifyProperties properties, Path dataDir, MovableClock clock,
            List<Duration> sleeps) {
        return client(properties, new FileRefreshTokenStore(dataDir.resolve("spotify-refresh-token")), clock, sleeps);
    }

    static SpotifyClient client(SpotifyProperties properties, RefreshTokenStore store, MovableClock clock,
            List<Duration> sleeps) {
        OkHttpClient http = new OkHttpClient.Builder()
                .connectTimeout(properties.connectTimeout())
                .readTimeout(properties.readTimeout())
                .retryOnConnectionFailure(false)
                .build();
        return new SpotifyClient(properties, http, JsonMapper.builder().build(), store, clock, sleeps::add, () -> 1.0);
    }

    static List<Duration> sleeps() {
        return new ArrayList<>();
    }
}
