package io.spotifyinsights;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The service started with no Spotify settings at all, as on a fresh machine. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
@DirtiesContext
class FirstStartTests {

    @DynamicPropertySource
    static void nothingConfigured(DynamicPropertyRegistry registry) throws IOException {
        String dataDir = Files.createTempDirectory("insights-first-start").toString();
        registry.add("insights.data-dir", () -> dataDir);
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

    private HttpResponse<String> send(String path, boolean asAdmin) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (asAdmin) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString("admin:first-start-admin".getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
