package io.spotifyinsights.spotify;

import java.util.Optional;

/** Keeps the refresh token Spotify last handed out, so a rotated token survives restarts. */
public interface RefreshTokenStore {

    Optional<String> load();

    void save(String refreshToken);

    /** Forgets the stored token, e.g. once Spotify refused it. */
    void clear();
}
