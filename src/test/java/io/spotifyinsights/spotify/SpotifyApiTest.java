package io.spotifyinsights.spotify;

import static io.spotifyinsights.spotify.SpotifyFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.spotifyinsights.MovableClock;

class SpotifyApiTest {

    static final Instant CURSOR = Instant.parse("2026-03-01T12:00:00Z");

    final MockWebServer server = new MockWebServer();

    @TempDir
    Path dataDir;

    final MovableClock clock = new MovableClock(Instant.parse("2026-03-01T15:00:00Z"));
    final List<Duration> sleeps = sleeps();

    @BeforeEach
    void startSpotify() throws IOException {
        server.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterEach
    void stopSpotify() throws IOException {
        server.close();
    }

    SpotifyClient client() {
        return SpotifyFixtures.client(properties(server), dataDir, clock, sleeps);
    }

    @Test
    void followsThePagesAndReturnsPlaysOldestFirst() throws Exception {
        server.enqueue(ok("token.json", server));
        server.enqueue(ok("recently-played-page1.json", server));
        server.enqueue(ok("recently-played-page2.json", server));
        server.enqueue(ok("recently-played-empty.json", server));

        RecentlyPlayed recent = client().recentlyPlayedAfter(CURSOR);

        assertThat(recent.plays()).extracting(PlayedTrack::playedAt).containsExactly(
                Instant.parse("2026-03-01T12:05:00Z"), Instant.parse("2026-03-01T13:05:00.456Z"),
                Instant.parse("2026-03-01T14:00:00Z"), Instant.parse("2026-03-01T14:10:00Z"));
        assertThat(recent.possibleGap()).isFalse();
        server.takeRequest();
        RecordedRequest first = server.takeRequest();
        assertThat(first.getMethod()).isEqualTo("GET");
        assertThat(first.getUrl().encodedPath()).isEqualTo("/v1/me/player/recently-played");
        assertThat(first.getUrl().queryParameter("limit")).isEqualTo("50");
        assertThat(first.getUrl().queryParameter("after")).isEqualTo(String.valueOf(CURSOR.toEpochMilli()));
        assertThat(first.getHeaders().get("Authorization")).isEqualTo("Bearer " + ACCESS_TOKEN);
        assertThat(server.takeRequest().getUrl().queryParameter("after")).isEqualTo("1772370300000");
        assertThat(server.takeRequest().getUrl().queryParameter("after")).isEqualTo("1772380000000");
        assertThat(server.getRequestCount()).isEqualTo(4);
    }

    @Test
    void nextPagesAreAskedOfTheConfiguredHostOnlyWhateverTheLinkSays() throws Exception {
        server.enqueue(ok("token.json", server));
        String page = json("recently-played-page1.json", server).replace("\"next\": \"" + server.url("/").toString()
                .replaceAll("/$", ""), "\"next\": \"https://elsewhere.invalid");
        assertThat(page).contains("https://elsewhere.invalid/v1/me/player/recently-played");
        server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json").body(page)
                .build());
        server.enqueue(ok("recently-played-empty.json", server));

        assertThat(client().recentlyPlayedAfter(CURSOR).plays()).hasSize(2);

        server.takeRequest();
        server.takeRequest();
        RecordedRequest second = server.takeRequest();
        assertThat(second.getUrl().encodedPath()).isEqualTo("/v1/me/player/recently-played");
        assertThat(second.getUrl().queryParameter("after")).isEqualTo("1772370300000");
        assertThat(second.getUrl().queryParameter("limit")).isEqualTo("50");
    }

    @Test
    void keepsLocalFilesKeyedByTheirUri() {
        server.enqueue(ok("token.json", server));
        server.enqueue(ok("recently-played-page2.json", server));
        server.enqueue(ok("recently-played-empty.json", server));

        PlayedTrack local = client().recentlyPlayedAfter(CURSOR).plays().get(1);

        assertThat(local.track().local()).isTrue();
        assertThat(local.track().id()).isNull();
        assertThat(local.track().uri()).startsWith("spotify:local:");
        assertThat(local.track().spotifyUrl()).isNull();
        assertThat(local.track().album().id()).isNull();
        assertThat(local.track().artists()).extracting(Artist::id).containsOnlyNulls();
    }

    @Test
    void toleratesANullContextAndPlayedAtWithoutMilliseconds() {
        server.enqueue(ok("token.json", server));
        server.enqueue(ok("recently-played-page1.json", server));
        server.enqueue(ok("recently-played-empty.json", server));

        List<PlayedTrack> plays = client().recentlyPlayedAfter(CURSOR).plays();

        assertThat(plays.get(0).playedAt()).isEqualTo(Instant.parse("2026-03-01T12:05:00Z"));
        assertThat(plays.get(0).context()).isNull();
        assertThat(plays.get(1).context()).isEqualTo(new PlayContext("album", "spotify:album:0sNOF9WDwhWunNAHPD3Baj"));
    }

    @Test
    void keepsUnicodeAndPunctuationInNames() {
        server.enqueue(ok("token.json", server));
        server.enqueue(ok("recently-played-page1.json", server));
        server.enqueue(ok("recently-played-page2.json", server));
        server.enqueue(ok("recently-played-empty.json", server));

        List<PlayedTrack> plays = client().recentlyPlayedAfter(CURSOR).plays();

        assertThat(plays.get(0).track().artists().get(0).name()).isEqualTo("Sigur Rós");
        assertThat(plays.get(0).track().album().name()).isEqualTo("Ágætis byrjun");
        assertThat(plays.get(2).track().name()).isEqualTo("Don't Hurt Yourself 💜");
        assertThat(plays.get(2).track().artists()).extracting(Artist::name)
                .containsExactly("Beyoncé", "Jack White, and \"Friends\"");
        assertThat(plays.get(3).track().name()).isEqualTo("نسم علينا الهوى");
        assertThat(plays.get(3).track().artists().get(0).name()).isEqualTo("فيروز");
    }

    @Test
    void flagsAPossibleGapWhenAFullPageStartsAfterTheCursor() {
        server.enqueue(ok("token.json", server));
        server.enqueue(fullPage(CURSOR.plusSeconds(3600)));
        server.enqueue(ok("recently-played-empty.json", server));

        RecentlyPlayed recent = client().recentlyPlayedAfter(CURSOR);

        assertThat(recent.plays()).hasSize(50);
        assertThat(recent.possibleGap()).isTrue();
    }

    @Test
    void aPageOfFewerThan50IsNoGap() {
        server.enqueue(ok("token.json", server));
        server.enqueue(ok("recently-played-page1.json", server));
        server.enqueue(ok("recently-played-empty.json", server));

        assertThat(client().recentlyPlayedAfter(CURSOR).possibleGap()).isFalse();
    }

    @Test
    void asksForFeaturesOfAtMost100TracksACall() throws Exception {
        List<String> ids = IntStream.range(0, 250).mapToObj("track%03d"::formatted).toList();
        server.enqueue(ok("token-app.json", server));
        server.enqueue(ok("audio-features-with-null.json", server));
        server.enqueue(ok("audio-features-with-null.json", server));
        server.enqueue(ok("audio-features-with-null.json", server));

        client().audioFeatures(ids);

        server.takeRequest();
        List<List<String>> batches = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            RecordedRequest request = server.takeRequest();
            assertThat(request.getUrl().encodedPath()).isEqualTo("/v1/audio-features");
            batches.add(Arrays.asList(request.getUrl().queryParameter("ids").split(",")));
        }
        assertThat(batches).extracting(List::size).containsExactly(100, 100, 50);
        assertThat(batches.stream().flatMap(List::stream).toList()).isEqualTo(ids);
        assertThat(server.getRequestCount()).isEqualTo(4);
    }

    @Test
    void aNullFeaturesEntryMeansThatTrackHasNone() {
        server.enqueue(ok("token-app.json", server));
        server.enqueue(ok("audio-features-with-null.json", server));

        AudioFeaturesResult result = client().audioFeatures(List.of("3f9zqUnrnIq0LANhmnaF0V", "6eTGxxQxiTFE6LfZHC33Wm"));

        assertThat(result.unavailable()).isFalse();
        assertThat(result.byTrackId()).containsOnlyKeys("3f9zqUnrnIq0LANhmnaF0V");
        AudioFeatures features = result.byTrackId().get("3f9zqUnrnIq0LANhmnaF0V");
        assertThat(features.danceability()).isEqualTo(0.735);
        assertThat(features.mode()).isZero();
        assertThat(features.key()).isEqualTo(5);
        assertThat(features.timeSignature()).isEqualTo(4);
    }

    @Test
    void a403OnFeaturesIsAResultAndIsRememberedForTheConfiguredTime() {
        server.enqueue(ok("token-app.json", server));
        server.enqueue(answer(403, "error-403-bare.json", server));
        // A day later the app token has expired too.
        server.enqueue(ok("token-app.json", server));
        server.enqueue(ok("audio-features-with-null.json", server));
        SpotifyClient client = client();

        AudioFeaturesResult refused = client.audioFeatures(List.of("3f9zqUnrnIq0LANhmnaF0V"));
        clock.advance(Duration.ofHours(23));
        AudioFeaturesResult stillRefused = client.audioFeatures(List.of("3f9zqUnrnIq0LANhmnaF0V"));
        int requestsWhileRemembered = server.getRequestCount();
        clock.advance(Duration.ofHours(2));
        AudioFeaturesResult askedAgain = client.audioFeatures(List.of("3f9zqUnrnIq0LANhmnaF0V"));

        assertThat(refused.unavailable()).isTrue();
        assertThat(refused.byTrackId()).isEmpty();
        assertThat(stillRefused.unavailable()).isTrue();
        assertThat(requestsWhileRemembered).isEqualTo(2);
        assertThat(askedAgain.unavailable()).isFalse();
        assertThat(askedAgain.byTrackId()).containsOnlyKeys("3f9zqUnrnIq0LANhmnaF0V");
    }

    @Test
    void waitsOutAShortRetryAfterAndTriesAgain() {
        server.enqueue(ok("token.json", server));
        server.enqueue(rateLimited(7));
        server.enqueue(ok("me.json", server));

        assertThat(client().currentUser()).isEqualTo("ada.listens");

        assertThat(sleeps).containsExactly(Duration.ofSeconds(7));
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void aLongRetryAfterEndsTheCallSayingWhenToTryAgain() {
        server.enqueue(ok("token.json", server));
        server.enqueue(rateLimited(7200));

        assertThatThrownBy(client()::currentUser)
                .isInstanceOfSatisfying(SpotifyRateLimitedException.class, e -> assertThat(e.retryAt())
                        .isEqualTo(clock.instant().plusSeconds(7200)))
                .hasMessageContaining("2026-03-01T17:00:00Z")
                .hasMessageContaining("/v1/me");
        assertThat(sleeps).isEmpty();
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void aRateLimitStillAnsweredAtTheLastAttemptSaysWhenToTryAgain() {
        server.enqueue(ok("token.json", server));
        for (int i = 0; i < 4; i++) {
            server.enqueue(rateLimited(3));
        }

        assertThatThrownBy(client()::currentUser)
                .isInstanceOfSatisfying(SpotifyRateLimitedException.class, e -> assertThat(e.retryAt())
                        .isEqualTo(clock.instant().plusSeconds(3)));
        assertThat(sleeps).containsExactly(Duration.ofSeconds(3), Duration.ofSeconds(3), Duration.ofSeconds(3));
        assertThat(server.getRequestCount()).isEqualTo(5);
    }

    @Test
    void retriesServerErrorsWithExponentialBackoffThenSucceeds() {
        server.enqueue(ok("token.json", server));
        server.enqueue(answer(500, "error-500.json", server));
        server.enqueue(answer(502, "error-500.json", server));
        server.enqueue(answer(503, "error-500.json", server));
        server.enqueue(ok("me.json", server));

        assertThat(client().currentUser()).isEqualTo("ada.listens");

        // initial-backoff 500 ms, doubling; the test's jitter picks the top of each window.
        assertThat(sleeps).containsExactly(Duration.ofMillis(500), Duration.ofMillis(1000), Duration.ofMillis(2000));
    }

    @Test
    void givesUpOnServerErrorsAfterTheConfiguredAttempts() {
        server.enqueue(ok("token.json", server));
        for (int i = 0; i < 4; i++) {
            server.enqueue(answer(503, "error-500.json", server));
        }

        assertThatThrownBy(client()::currentUser).isInstanceOf(SpotifyUnavailableException.class)
                .hasMessageContaining("503").hasMessageContaining("4 times");
        assertThat(server.getRequestCount()).isEqualTo(5);
        assertThat(sleeps).hasSize(3);
    }

    @Test
    void retriesAfterAReadTimeoutThenSucceeds() {
        server.enqueue(ok("token.json", server));
        server.enqueue(new MockResponse.Builder(ok("me.json", server)).headersDelay(2, TimeUnit.SECONDS).build());
        server.enqueue(ok("me.json", server));

        assertThat(client().currentUser()).isEqualTo("ada.listens");

        assertThat(sleeps).containsExactly(Duration.ofMillis(500));
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void malformedJsonNamesTheEndpoint() {
        server.enqueue(ok("token.json", server));
        server.enqueue(ok("malformed.json", server));

        assertThatThrownBy(() -> client().recentlyPlayedAfter(CURSOR))
                .isInstanceOf(SpotifyResponseException.class)
                .hasMessageContaining("malformed JSON")
                .hasMessageContaining("/v1/me/player/recently-played")
                .hasMessageNotContaining("after=");
    }

    @Test
    void jsonOfAnotherShapeNamesTheEndpointAndQuotesNothing() {
        server.enqueue(ok("token.json", server));
        server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
                .body("{\"items\": {\"track\": \"" + ACCESS_TOKEN + "\"}, \"next\": null}").build());

        assertThatThrownBy(() -> client().recentlyPlayedAfter(CURSOR))
                .isInstanceOf(SpotifyResponseException.class)
                .hasMessageContaining("JSON of an unexpected shape on /v1/me/player/recently-played")
                .hasMessageNotContaining(ACCESS_TOKEN)
                .hasNoCause();
    }

    @Test
    void aForbiddenAccountSaysThatSigningInAgainWontHelp() {
        server.enqueue(ok("token.json", server));
        server.enqueue(answer(403, "error-403-user.json", server));

        assertThatThrownBy(() -> client().recentlyPlayedAfter(CURSOR))
                .isInstanceOf(SpotifyResponseException.class)
                .hasMessageContaining("Signing in again won't help")
                .hasMessageContaining("User not registered in the Developer Dashboard");
    }

    private MockResponse rateLimited(long seconds) {
        return new MockResponse.Builder(answer(429, "error-429.json", server)).setHeader("Retry-After", seconds).build();
    }

    /** 50 plays, the oldest at {@code oldest}, a minute apart, newest first as Spotify lists them. */
    private MockResponse fullPage(Instant oldest) {
        String item = json("recently-played-page1.json", server);
        String template = item.substring(item.indexOf("{\n      \"track\""), item.indexOf("\n    },\n    {") + 6);
        List<String> items = new ArrayList<>();
        for (int i = 49; i >= 0; i--) {
            items.add(template.replace("2026-03-01T13:05:00.456Z", oldest.plusSeconds(60L * i).toString()));
        }
        String body = "{\"items\":[" + String.join(",", items) + "],\"next\":null,\"limit\":50}";
        return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json").body(body).build();
    }
}
