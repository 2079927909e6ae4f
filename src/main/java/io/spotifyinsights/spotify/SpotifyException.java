package io.spotifyinsights.spotify;

/** Something went wrong talking to Spotify; subclasses say what a person can do about it. */
public class SpotifyException extends RuntimeException {

    public SpotifyException(String message) {
        super(message);
    }

    public SpotifyException(String message, Throwable cause) {
        super(message, cause);
    }
}
