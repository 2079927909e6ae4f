package io.spotifyinsights.spotify;

import java.time.Clock;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.spotifyinsights.http.ApiErrors;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;

/**
 * Spotify's failures as its own exception types, saying what a person can do. The Web API and the accounts service
 * differ only in their refusals: the API's carry {@code {"error": {"message", "reason"}}}, the token endpoint's are
 * OAuth error codes ({@code invalid_grant}: the account must be connected again; {@code invalid_client}: the app's
 * credentials are wrong).
 */
final class SpotifyErrors implements ApiErrors {

    private final Clock clock;
    private final boolean accountsService;

    private SpotifyErrors(Clock clock, boolean accountsService) {
        this.clock = clock;
        this.accountsService = accountsService;
    }

    static SpotifyErrors webApi(Clock clock) {
        return new SpotifyErrors(clock, false);
    }

    static SpotifyErrors accountsService(Clock clock) {
        return new SpotifyErrors(clock, true);
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record OAuthError(String error, @JsonProperty("error_description") String description) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record WebApiError(Detail error) {

        @JsonIgnoreProperties(ignoreUnknown = true)
        record Detail(String message, String reason) {
        }
    }

    /** No cause and none of Jackson's words: they quote the body, and the token endpoint's body holds tokens. */
    @Override
    public RuntimeException unreadable(String endpoint, JacksonException e) {
        String what = e instanceof StreamReadException ? "malformed JSON" : "JSON of an unexpected shape";
        return new SpotifyResponseException(200, "Spotify answered " + what + " on " + endpoint
                + "; the API may have changed. The run stops; nothing was stored from this answer.");
    }

    @Override
    public RuntimeException refused(ErrorAnswer answer) {
        return accountsService ? tokenError(answer) : apiError(answer);
    }

    @Override
    public RuntimeException rateLimited(Failure failure, boolean beyondBound) {
        return new SpotifyRateLimitedException(failure.endpoint(), clock.instant().plus(failure.retryAfter()));
    }

    @Override
    public RuntimeException unavailable(Failure failure) {
        if (failure.status() != 0) {
            return new SpotifyUnavailableException(("Spotify answered %d on %s %d times; it seems down. The next "
                    + "scheduled run tries again.").formatted(failure.status(), failure.endpoint(), failure.attempts()),
                    null);
        }
        String exception = failure.exception().getClass().getSimpleName();
        if (failure.noAnswer()) {
            return new SpotifyUnavailableException(("Spotify did not answer on %s after %d attempts (%s). Check the "
                    + "network, or spotify.api-url / spotify.accounts-url.").formatted(failure.endpoint(),
                    failure.attempts(), exception), failure.exception());
        }
        return new SpotifyUnavailableException(("Calling Spotify on %s failed after %d attempts (%s). Check the "
                + "network.").formatted(failure.endpoint(), failure.attempts(), exception), failure.exception());
    }

    @Override
    public RuntimeException interrupted(String endpoint, InterruptedException e) {
        return new SpotifyException("Interrupted while waiting to call Spotify again", e);
    }

    private SpotifyException tokenError(ErrorAnswer answer) {
        OAuthError error = answer.body(OAuthError.class);
        String errorCode = error == null ? null : error.error();
        String description = error == null ? null : sanitized(error.description());
        if ("invalid_grant".equals(errorCode)) {
            return new SpotifyAuthorizationRevokedException(description);
        }
        if ("invalid_client".equals(errorCode)) {
            return new SpotifyConfigurationException(("Spotify refused the app's credentials (invalid_client: %s). "
                    + "Check SPOTIFY_CLIENT_ID and SPOTIFY_CLIENT_SECRET (spotify.client-id, spotify.client-secret) "
                    + "against your app in Spotify's developer dashboard.").formatted(description));
        }
        return new SpotifyResponseException(answer.status(), "Spotify's %s answered %d (%s: %s)".formatted(
                answer.endpoint(), answer.status(), errorCode, description));
    }

    private SpotifyException apiError(ErrorAnswer answer) {
        WebApiError body = answer.body(WebApiError.class);
        WebApiError.Detail error = body == null ? null : body.error();
        String message = error == null ? null : sanitized(error.message());
        String detail = message == null ? "no message" : message;
        if (error != null && error.reason() != null) {
            detail += ", reason " + error.reason();
        }
        String endpoint = answer.endpoint();
        if (answer.status() == 401) {
            // Every Web API call renews its token on a first 401, so this one came with a fresh token.
            return new SpotifyResponseException(401, "Spotify refused a fresh access token on " + endpoint + " (401). "
                    + "Check that the account granted the scope user-read-recently-played; reconnecting the account "
                    + "at /connect grants it again.");
        }
        if (answer.status() == 403) {
            return new SpotifyResponseException(403, ("Spotify does not allow this on %s (403: %s). Signing in again "
                    + "won't help: in Development Mode the listener must be added to the app's users in Spotify's "
                    + "developer dashboard, and the app owner needs Premium.").formatted(endpoint, detail));
        }
        return new SpotifyResponseException(answer.status(), "Spotify answered %d on %s (%s)".formatted(
                answer.status(), endpoint, detail));
    }

    /** Spotify's own descriptions don't carry secrets, but keep them short and on one line. */
    private static String sanitized(String text) {
        if (text == null) {
            return null;
        }
        String oneLine = text.replaceAll("\\s+", " ").strip();
        return oneLine.length() > 200 ? oneLine.substring(0, 200) + "…" : oneLine;
    }
}
