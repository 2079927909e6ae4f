package io.spotifyinsights.spotify;

import java.util.Optional;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Whether the service can reach the listener's account, from what it last learned — no call to Spotify: DOWN when
 * Spotify refused the refresh token (reconnect, also after a restart) or when a refresh token Spotify handed over
 * could not be written to disk (it is kept in memory; each health check tries to write it again), UNKNOWN when
 * credentials are missing or not yet tried.
 */
@Component("spotify")
class SpotifyHealthIndicator implements HealthIndicator {

    private final SpotifyClient spotify;

    SpotifyHealthIndicator(SpotifyClient spotify) {
        this.spotify = spotify;
    }

    @Override
    public Health health() {
        Optional<String> unsavedToken = spotify.persistUnsavedRefreshToken();
        SpotifyAuthorization authorization = spotify.authorization();
        Health.Builder health = switch (authorization.state()) {
            case AUTHORIZED -> Health.up();
            case REVOKED -> Health.down();
            case NOT_CONFIGURED, UNVERIFIED -> Health.unknown();
        };
        if (unsavedToken.isPresent()) {
            health.down().withDetail("refreshToken", unsavedToken.get());
        }
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
