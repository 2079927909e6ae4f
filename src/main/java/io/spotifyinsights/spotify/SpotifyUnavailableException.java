package io.spotifyinsights.spotify;

/** Spotify kept failing (5xx or timeouts) through every attempt. */
public final class SpotifyUnavailableException extends SpotifyException {

    public SpotifyUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
