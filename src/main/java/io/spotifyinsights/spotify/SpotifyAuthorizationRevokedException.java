package io.spotifyinsights.spotify;

/** The refresh token no longer works (Spotify: {@code invalid_grant}); only reconnecting the account helps. */
public final class SpotifyAuthorizationRevokedException extends SpotifyException {

    public SpotifyAuthorizationRevokedException(String spotifyDescription) {
        super(("Spotify refused the refresh token (invalid_grant: %s). It expired — refresh tokens last six months "
                + "after you authorized the app — or access was revoked. Reconnect the account: open /connect, or set "
                + "a new SPOTIFY_REFRESH_TOKEN.").formatted(spotifyDescription));
    }
}
