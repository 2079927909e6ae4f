package io.spotifyinsights.spotify;

import static io.spotifyinsights.spotify.SpotifyFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.spotifyinsights.MovableClock;

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

    final MovableClock clock = new MovableClock(Instant.parse("2026-03-01T12:00:00Z"));
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
    void aRotatedTokenTheFullDiskRefusesIsUsedFromMemoryAndWrittenOnceThereIsRoom() throws Exception {
        try (FileSystem disk = Jimfs.newFileSystem(Configuration.unix().toBuilder()
                .setAttributeViews("basic", "owner", "posix").setBlockSize(4096).setMaxSize(64 * 4096).build())) {
            Path folder = Files.createDirectories(disk.getPath("/data"));
            Path filler = folder.resolve("filler");
            fillUp(filler);
            FileRefreshTokenStore store = new FileRefreshTokenStore(folder.resolve("spotify-refresh-token"));
            SpotifyClient client = SpotifyFixtures.client(properties(server), store, clock, sleeps);
            server.enqueue(ok("token-rotated.json", server));
            server.enqueue(ok("me.json", server));
            server.enqueue(ok("token.json", server));
            server.enqueue(ok("me.json", server));

            assertThat(client.currentUser()).isEqualTo("ada.listens");

            Optional<String> problem = client.persistUnsavedRefreshToken();
            assertThat(problem).hasValueSatisfying(text -> assertThat(text)
                    .contains("/data/spotify-refresh-token", "kept in memory", "free space there")
                    .doesNotContain(ROTATED_REFRESH_TOKEN));
            assertThat(store.load()).isEmpty();
            try (Stream<Path> files = Files.list(folder)) {
                assertThat(files).as("no half-written token is left").containsExactly(filler);
            }
            // The old token is dead at Spotify now; the next refresh must use the new one, from memory.
            clock.advance(Duration.ofHours(2));
            client.currentUser();
            server.takeRequest();
            server.takeRequest();
            assertThat(server.takeRequest().getBody().utf8())
                    .isEqualTo("grant_type=refresh_token&refresh_token=" + ROTATED_REFRESH_TOKEN);

            assertThat(new SpotifyHealthIndicator(client).health()).satisfies(health -> {
                assertThat(health.getStatus().getCode()).isEqualTo("DOWN");
                assertThat(health.getDetails().get("refreshToken").toString()).contains("kept in memory");
            });

            Files.delete(filler);
            assertThat(client.persistUnsavedRefreshToken()).isEmpty();
            assertThat(new SpotifyHealthIndicator(client).health().getStatus().getCode()).isEqualTo("UP");
            assertThat(store.load()).hasValue(ROTATED_REFRESH_TOKEN);
        }
    }

    @Test
    void aRefusalSurvivesARestartWhileTheRefusedTokenIsAllThereIs() {
        server.enqueue(answer(400, "invalid-grant.json", server));
        assertThatThrownBy(client()::currentUser).isInstanceOf(SpotifyAuthorizationRevokedException.class);

        SpotifyClient afterRestart = client();

        assertThat(afterRestart.authorization().state()).isEqualTo(SpotifyAuthorization.State.REVOKED);
        assertThat(afterRestart.authorization().message()).contains("Reconnect the account");
        assertThat(server.getRequestCount()).as("known without asking Spotify").isEqualTo(1);
        assertThat(Files.exists(dataDir.resolve("spotify-refresh-token.refused"))).isTrue();
        assertThat(SECRETS).allSatisfy(secret -> assertThat(readQuietly(dataDir.resolve("spotify-refresh-token.refused")))
                .doesNotContain(secret));

        SpotifyProperties newToken = new SpotifyProperties(CLIENT_ID, CLIENT_SECRET, "AQB-a-new-token-set-by-hand",
                properties(server).apiUrl(), properties(server).accountsUrl(), Duration.ofSeconds(2),
                Duration.ofMillis(300), Duration.ofSeconds(60), 4, Duration.ofMillis(500), Duration.ofHours(24), null);
        assertThat(SpotifyFixtures.client(newToken, dataDir, clock, sleeps).authorization().state())
                .as("a new token is worth a try").isEqualTo(SpotifyAuthorization.State.UNVERIFIED);
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Writes until the file system is out of space. */
    private static void fillUp(Path filler) {
        byte[] block = new byte[4096];
        try (java.io.OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException full) {
            // Full: what was written stays.
        }
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
