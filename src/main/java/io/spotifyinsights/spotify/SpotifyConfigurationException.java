package io.spotifyinsights.spotify;

/** The service's Spotify settings are missing or wrong; the message names the settings to check. */
public final class SpotifyConfigurationException extends SpotifyException {

    public SpotifyConfigurationException(String message) {
        super(message);
    }
}
