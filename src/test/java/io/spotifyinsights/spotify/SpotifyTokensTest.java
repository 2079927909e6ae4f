package io.spotifyinsights.spotify;

import static io.spotifyinsights.spotify.SpotifyFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpotifyTokensTest {

    final MockWebServer server = new MockWebServer();

    @BeforeEach
    void startSpotify() throws IOException {
        server.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterEach
    void stopSpotify() throws IOException {
        server.close();
    }

    @TempDir
    Path dataDir;

    final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
    final List<Duration> sleeps = sleeps();

    SpotifyClient client() {
        return SpotifyFixtures.client(properties(server), dataDir, clock, sleeps);
    }

    @Test
    void exchangesTheRefreshTokenWithBasicAuthAndAFormThenCallsWithTheBearerToken() throws Exception {
        server.enqueue(ok("token.json", server));
        server.enqueue(ok("me.json", server));

        String listener = client().currentUser();

        assertThat(listener).isEqualTo("ada.listens");
        RecordedRequest token = server.takeRequest();
        assertThat(token.getMethod()).isEqualTo("POST");
        assertThat(token.getUrl().encodedPath()).isEqualTo("/api/token");
        assertThat(token.getHeaders().get("Authorization")).isEqualTo("Basic " + Base64.getEncoder()
                .encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8)));
        assertThat(token.getHeaders().get("Content-Type")).startsWith("application/x-www-form-urlencoded");
        assertThat(token.getBody().utf8()).isEqualTo("grant_type=refresh_token&refresh_token=" + REFRESH_TOKEN);
        RecordedRequest me = server.takeRequest();
        assertThat(me.getMethod()).isEqualTo("GET");
        assertThat(me.getUrl().encodedPath()).isEqualTo("/v1/me");
        assertThat(me.getHeaders().get("Authorization")).isEqualTo("Bearer " + ACCESS_TOKEN);
    }

    @Test
    void cachesTheAccessTokenUntilShortlyBeforeItExpires() throws Exception {
        server.enqueue(ok("token.json", server));
        server.enqueue(ok("me.json", server));
        server.enqueue(ok("me.json", server));
        server.enqueue(ok("token-rotated.json", server));
        server.enqueue(ok("me.json", server));
        SpotifyClient client = client();

        client.currentUser();
        clock.advance(Duration.ofSeconds(3600 - 61));
        client.currentUser();
        clock.advance(Duration.ofSeconds(2));
        client.currentUser();

        assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/api/token");
        assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/v1/me");
        assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/v1/me");
        assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/api/token");
        assertThat(server.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer " + SECOND_ACCESS_TOKEN);
    }

    @Test
    void savesARotatedRefreshTokenAndUsesItFromThenOn() throws Exception {
        server.enqueue(ok("token-rotated.json", server));
        server.enqueue(ok("me.json", server));
        server.enqueue(ok("token.json", server));
        server.enqueue(ok("me.json", server));
        client().currentUser();

        // A new client, as after a restart: the stored token wins over the configured one.
        clock.advance(Duration.ofHours(2));
        client().currentUser();

        assertThat(Files.readString(dataDir.resolve("spotify-refresh-token"))).isEqualTo(ROTATED_REFRESH_TOKEN);
        assertThat(server.takeRequest().getBody().utf8()).contains("refresh_token=" + REFRESH_TOKEN);
        server.takeRequest();
        assertThat(server.takeRequest().getBody().utf8())
                .isEqualTo("grant_type=refresh_token&refresh_token=" + ROTATED_REFRESH_TOKEN);
    }

    @Test
    void keepsTheRefreshTokenWhenSpotifyHandsOutNoNewOne() throws Exception {
        server.enqueue(ok("token.json", server));
        server.enqueue(ok("me.json", server));

        client().currentUser();

        assertThat(dataDir.resolve("spotify-refresh-token")).doesNotExist();
    }

    @Test
    void theStoredRefreshTokenIsReadableByTheOwnerOnly() throws Exception {
        server.enqueue(ok("token-rotated.json", server));
        server.enqueue(ok("me.json", server));

        client().currentUser();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("spotify-refresh-token"))))
                .isEqualTo("rw-------");
    }

    @Test
    void aRevokedRefreshTokenSaysToReconnectTheAccountAndIsNotRetried() {
        server.enqueue(answer(400, "invalid-grant.json", server));
        SpotifyClient client = client();

        assertThatThrownBy(client::currentUser)
                .isInstanceOf(SpotifyAuthorizationRevokedException.class)
                .hasMessageContaining("Reconnect the account")
                .hasMessageContaining("Refresh token revoked");
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(client.authorization().state()).isEqualTo(SpotifyAuthorization.State.REVOKED);
        assertThat(client.authorization().message()).contains("Reconnect the account");
    }

    @Test
    void aRefusedStoredTokenIsRemovedSoTheConfiguredOneIsTriedNext() throws Exception {
        Files.writeString(dataDir.resolve("spotify-refresh-token"), "AQB-fixture-stored-then-revoked");
        server.enqueue(answer(400, "invalid-grant.json", server));
        server.enqueue(ok("token.json", server));
        server.enqueue(ok("me.json", server));
        SpotifyClient client = client();

        assertThatThrownBy(client::currentUser).isInstanceOf(SpotifyAuthorizationRevokedException.class);
        assertThat(dataDir.resolve("spotify-refresh-token")).doesNotExist();
        assertThat(client.currentUser()).isEqualTo("ada.listens");

        assertThat(server.takeRequest().getBody().utf8()).contains("refresh_token=AQB-fixture-stored-then-revoked");
        assertThat(server.takeRequest().getBody().utf8()).contains("refresh_token=" + REFRESH_TOKEN);
    }

    @Test
    void badAppCredentialsNameTheSettingsToCheck() {
        server.enqueue(answer(400, "invalid-client.json", server));

        assertThatThrownBy(client()::currentUser)
                .isInstanceOf(SpotifyConfigurationException.class)
                .hasMessageContaining("SPOTIFY_CLIENT_ID")
                .hasMessageContaining("SPOTIFY_CLIENT_SECRET")
                .hasMessageContaining("invalid_client");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void missingCredentialsFailBeforeAnyRequestAndSayWhatToSet() {
        SpotifyProperties configured = properties(server);
        SpotifyProperties missing = new SpotifyProperties("", "", "", configured.apiUrl(), configured.accountsUrl(),
                configured.connectTimeout(), configured.readTimeout(), configured.maxRateLimitWait(),
                configured.maxAttempts(), configured.initialBackoff(), configured.featuresRefusalMemory(),
                configured.redirectUri());
        SpotifyClient client = SpotifyFixtures.client(missing, dataDir, clock, sleeps);

        assertThat(client.isConfigured()).isFalse();
        assertThat(client.missingSettings())
                .containsExactly("SPOTIFY_CLIENT_ID", "SPOTIFY_CLIENT_SECRET", "SPOTIFY_REFRESH_TOKEN");
        assertThat(client.authorization().state()).isEqualTo(SpotifyAuthorization.State.NOT_CONFIGURED);
        assertThatThrownBy(client::currentUser).isInstanceOf(SpotifyConfigurationException.class)
                .hasMessageContaining("SPOTIFY_CLIENT_ID");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void refreshesOnceAndRetriesOnceAfterA401() throws Exception {
        server.enqueue(ok("token.json", server));
        server.enqueue(answer(401, "error-401.json", server));
        server.enqueue(ok("token-rotated.json", server));
        server.enqueue(ok("me.json", server));

        assertThat(client().currentUser()).isEqualTo("ada.listens");

        server.takeRequest();
        assertThat(server.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer " + ACCESS_TOKEN);
        assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/api/token");
        assertThat(server.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer " + SECOND_ACCESS_TOKEN);
        assertThat(server.getRequestCount()).isEqualTo(4);
    }

    @Test
    void a401AfterTheRefreshEndsTheCall() {
        server.enqueue(ok("token.json", server));
        server.enqueue(answer(401, "error-401.json", server));
        server.enqueue(ok("token-rotated.json", server));
        server.enqueue(answer(401, "error-401.json", server));

        assertThatThrownBy(client()::currentUser).isInstanceOf(SpotifyResponseException.class)
                .hasMessageContaining("401").hasMessageContaining("/v1/me");
        assertThat(server.getRequestCount()).isEqualTo(4);
    }

    @Test
    void theAppTokenComesFromClientCredentialsAndIsCached() throws Exception {
        server.enqueue(ok("token-app.json", server));
        server.enqueue(ok("audio-features-with-null.json", server));
        server.enqueue(ok("audio-features-with-null.json", server));
        SpotifyClient client = client();

        client.audioFeatures(List.of("3f9zqUnrnIq0LANhmnaF0V"));
        client.audioFeatures(List.of("3f9zqUnrnIq0LANhmnaF0V"));

        RecordedRequest token = server.takeRequest();
        assertThat(token.getBody().utf8()).isEqualTo("grant_type=client_credentials");
        assertThat(server.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer " + APP_TOKEN);
        assertThat(server.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer " + APP_TOKEN);
        assertThat(server.getRequestCount()).isEqualTo(3);
    }
}
