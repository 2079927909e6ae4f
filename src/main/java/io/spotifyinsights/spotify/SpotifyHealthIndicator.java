package io.spotifyinsights.spotify;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Whether the service can reach the listener's account, from what it last learned — no call to Spotify: DOWN when
 * Spotify refused the refresh token (reconnect), UNKNOWN when credentials are missing or not yet tried.
 */
@Component("spotify")
class SpotifyHealthIndicator implements HealthIndicator {

    private final SpotifyClient spotify;

    SpotifyHealthIndicator(SpotifyClient spotify) {
        this.spotify = spotify;
    }

    @Override
    public Health health() {
        SpotifyAuthorization authorization = spotify.authorization();
        Health.Builder health = switch (authorization.state()) {
            case AUTHORIZED -> Health.up();
            case REVOKED -> Health.down();
            case NOT_CONFIGURED, UNVERIFIED -> Health.unknown();
        };
        health.withDetail("authorization", authorization.state().name());
        if (authorization.since() != null) {
            health.withDetail("since", authorization.since().toString());
        }
        if (authorization.message() != null) {
            health.withDetail("action", authorization.message());
        }
        return health.build();
    }
}
