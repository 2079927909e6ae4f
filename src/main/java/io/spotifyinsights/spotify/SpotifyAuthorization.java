package io.spotifyinsights.spotify;

import java.time.Instant;

/**
 * What the service last learned about its access to the listener's account, without asking Spotify again.
 *
 * @param state    {@code NOT_CONFIGURED}, {@code UNVERIFIED} (no token asked for yet), {@code AUTHORIZED} or
 *                 {@code REVOKED}
 * @param since    when that was learned; null for {@code NOT_CONFIGURED} and {@code UNVERIFIED}
 * @param message  what to do, for the states that need a person
 */
public record SpotifyAuthorization(State state, Instant since, String message) {

    public enum State { NOT_CONFIGURED, UNVERIFIED, AUTHORIZED, REVOKED }
}
