package io.spotifyinsights.spotify;

/** Spotify answered something this client can't use: an error status it can't recover from, or malformed JSON. */
public final class SpotifyResponseException extends SpotifyException {

    private final int status;

    public SpotifyResponseException(int status, String message) {
        super(message);
        this.status = status;
    }

    public SpotifyResponseException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The HTTP status, or 200 for an unreadable body of a successful answer. */
    public int status() {
        return status;
    }
}
