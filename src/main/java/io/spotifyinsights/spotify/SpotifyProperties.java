package io.spotifyinsights.spotify;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How to reach Spotify and as whom. Every key documented in application.yml; environment variables work through
 * relaxed binding ({@code SPOTIFY_CLIENT_ID}, {@code SPOTIFY_CLIENT_SECRET}, {@code SPOTIFY_REFRESH_TOKEN}, ...).
 * {@link #toString()} never shows the secrets.
 *
 * @param redirectUri where Spotify sends the browser back after the listener approves the app (/callback); it must
 *                    be registered in the app's settings, and Spotify accepts only HTTPS or a loopback IP literal
 *                    ({@code 127.0.0.1}, never {@code localhost}). Unset: {@code http://127.0.0.1:PORT/callback} on
 *                    the port the service listens on
 */
@Validated
@ConfigurationProperties("spotify")
public record SpotifyProperties(
        @DefaultValue("") String clientId,
        @DefaultValue("") String clientSecret,
        @DefaultValue("") String refreshToken,
        @NotNull @DefaultValue("https://api.spotify.com") URI apiUrl,
        @NotNull @DefaultValue("https://accounts.spotify.com") URI accountsUrl,
        @NotNull @DefaultValue("10s") Duration connectTimeout,
        @NotNull @DefaultValue("30s") Duration readTimeout,
        @NotNull @DefaultValue("60s") Duration maxRateLimitWait,
        @Min(1) @DefaultValue("4") int maxAttempts,
        @NotNull @DefaultValue("500ms") Duration initialBackoff,
        @NotNull @DefaultValue("24h") Duration featuresRefusalMemory,
        URI redirectUri) {

    /** The environment variables still to set before the service can reach Spotify, empty when none. */
    public List<String> missingSettings(boolean refreshTokenStored) {
        List<String> missing = new ArrayList<>();
        if (isBlank(clientId)) {
            missing.add("SPOTIFY_CLIENT_ID");
        }
        if (isBlank(clientSecret)) {
            missing.add("SPOTIFY_CLIENT_SECRET");
        }
        if (isBlank(refreshToken) && !refreshTokenStored) {
            missing.add("SPOTIFY_REFRESH_TOKEN");
        }
        return missing;
    }

    static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    @Override
    public String toString() {
        return "SpotifyProperties[clientId=%s, clientSecret=%s, refreshToken=%s, apiUrl=%s, accountsUrl=%s]"
                .formatted(clientId, isBlank(clientSecret) ? "" : "******", isBlank(refreshToken) ? "" : "******",
                        apiUrl, accountsUrl);
    }
}
