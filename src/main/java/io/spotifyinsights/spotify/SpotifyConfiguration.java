package io.spotifyinsights.spotify;

import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

import io.spotifyinsights.InsightsProperties;
import io.spotifyinsights.http.JsonApi;
import io.spotifyinsights.http.Sleeper;
import okhttp3.OkHttpClient;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class SpotifyConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SpotifyConfiguration.class);

    @Bean
    RefreshTokenStore refreshTokenStore(InsightsProperties insights) {
        return new FileRefreshTokenStore(insights.dataDir().resolve("spotify-refresh-token"));
    }

    @Bean
    SpotifyClient spotifyClient(SpotifyProperties properties, RefreshTokenStore refreshTokenStore, Clock clock) {
        OkHttpClient http = JsonApi.httpClient(properties.connectTimeout(), properties.readTimeout());
        return new SpotifyClient(properties, http, JsonMapper.builder().build(), refreshTokenStore, clock,
                Sleeper.REAL, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** The default redirect URI names the port the service really listens on, whatever server.port says. */
    @EventListener
    void serverStarted(WebServerInitializedEvent event) {
        event.getApplicationContext().getBean(SpotifyClient.class).serverPortIs(event.getWebServer().getPort());
    }

    /** With no Spotify credentials, one line says what to configure; the service still starts and serves. */
    @EventListener(ApplicationReadyEvent.class)
    void reportMissingCredentials(ApplicationReadyEvent event) {
        SpotifyClient client = event.getApplicationContext().getBean(SpotifyClient.class);
        if (!client.isConfigured()) {
            log.warn("Spotify is not connected: set {} (or set the app's id and secret and connect at /connect; see "
                    + "README, 'Connect your Spotify account'); until then runs fail at fetchRecentPlays",
                    String.join(", ", client.missingSettings()));
        }
    }
}
