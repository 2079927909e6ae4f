package io.spotifyinsights.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ConnectFlowTests extends PipelineIntegrationTest {

    @Test
    void connectingAnAccountStoresItsRefreshTokenAndTheNextScheduledRunUsesIt() throws Exception {
        HttpClient browser = browser();

        HttpResponse<String> toSpotify = get(browser, "/connect", true);

        assertThat(toSpotify.statusCode()).isEqualTo(302);
        URI authorize = URI.create(toSpotify.headers().firstValue("Location").orElseThrow());
        assertThat(authorize.toString()).startsWith(SPOTIFY.url() + "/authorize?");
        Map<String, String> query = query(authorize);
        assertThat(query).containsEntry("client_id", LoopbackSpotify.CLIENT_ID)
                .containsEntry("response_type", "code")
                .containsEntry("scope", "user-read-recently-played")
                // Not configured: the port the service really listens on, not a fixed 8080.
                .containsEntry("redirect_uri", "http://127.0.0.1:" + port + "/callback");
        assertThat(query.get("state")).hasSizeGreaterThan(20);

        // Spotify sends the browser back with a code and the same state.
        HttpResponse<String> back = get(browser, "/callback?code=" + LoopbackSpotify.AUTHORIZATION_CODE
                + "&state=" + query.get("state"), true);

        assertThat(back.statusCode()).isEqualTo(200);
        assertThat(back.body()).contains("Connected to Spotify as <strong>");
        assertThat(SPOTIFY.tokenRequests).anySatisfy(form -> assertThat(form)
                .contains("grant_type=authorization_code", "code=" + LoopbackSpotify.AUTHORIZATION_CODE,
                        "redirect_uri=http://127.0.0.1:" + port + "/callback"));
        assertThat(Files.readString(DATA_DIR.resolve("spotify-refresh-token")))
                .isEqualTo(LoopbackSpotify.CONNECTED_REFRESH_TOKEN);

        SPOTIFY.listener("connected");
        int recentlyPlayedBefore = SPOTIFY.requests("/v1/me/player/recently-played");
        RunView run = awaitEnd(runService.runScheduled(Instant.now().truncatedTo(ChronoUnit.HOURS)
                .minus(30, ChronoUnit.DAYS)).orElseThrow().getId());

        assertThat(run.status()).isEqualTo("COMPLETED");
        assertThat(SPOTIFY.requests("/v1/me/player/recently-played")).isGreaterThan(recentlyPlayedBefore);
        // From the code exchange on, every refresh uses the connected account's token, never the configured one.
        int exchange = indexOfCodeExchange();
        List<String> refreshesSince = SPOTIFY.tokenRequests.subList(exchange + 1, SPOTIFY.tokenRequests.size())
                .stream().filter(form -> form.contains("grant_type=refresh_token")).toList();
        assertThat(refreshesSince).isNotEmpty().allSatisfy(form -> assertThat(form)
                .contains("refresh_token=" + LoopbackSpotify.CONNECTED_REFRESH_TOKEN)
                .doesNotContain(LoopbackSpotify.REFRESH_TOKEN));
    }

    private static int indexOfCodeExchange() {
        List<String> forms = SPOTIFY.tokenRequests;
        for (int i = forms.size() - 1; i >= 0; i--) {
            if (forms.get(i).contains("grant_type=authorization_code")) {
                return i;
            }
        }
        throw new AssertionError("no code exchange was made");
    }

    @Test
    void aCallbackWhoseStateDoesNotMatchConnectsNothing() throws Exception {
        HttpClient browser = browser();
        get(browser, "/connect", true);
        int tokenRequestsBefore = SPOTIFY.tokenRequests.size();

        HttpResponse<String> forged = get(browser, "/callback?code=" + LoopbackSpotify.AUTHORIZATION_CODE
                + "&state=not-the-one-we-sent", true);

        assertThat(forged.statusCode()).isEqualTo(400);
        assertThat(forged.body()).contains("could not be verified", "Nothing changed");
        assertThat(SPOTIFY.tokenRequests).hasSize(tokenRequestsBefore);
    }

    @Test
    void connectingNeedsTheAdminLogin() {
        assertThat(get(browser(), "/connect", false).statusCode()).isEqualTo(401);
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> values = new HashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            String[] parts = pair.split("=", 2);
            values.put(parts[0], URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
        }
        return values;
    }
}
