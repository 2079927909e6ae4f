package io.spotifyinsights.spotify;

import java.time.Instant;

/** Spotify asked to wait longer than {@code spotify.max-rate-limit-wait}; the next run after {@link #retryAt()} can go on. */
public final class SpotifyRateLimitedException extends SpotifyException {

    private final Instant retryAt;

    public SpotifyRateLimitedException(String endpoint, Instant retryAt) {
        super(("Spotify rate-limits this app (429 on %s) and asks to wait until %s. The run stops here; a run after "
                + "that time continues where this one left off.").formatted(endpoint, retryAt));
        this.retryAt = retryAt;
    }

    public Instant retryAt() {
        return retryAt;
    }
}
