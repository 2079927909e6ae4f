package io.spotifyinsights.spotify;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.spotifyinsights.http.Sleeper;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One call to Spotify with its failure rules: 5xx answers and I/O failures are retried with exponential backoff and
 * jitter up to {@code spotify.max-attempts}; a 429 is waited out when its Retry-After is within
 * {@code spotify.max-rate-limit-wait}; a 401 refreshes the token once and retries once. Messages name the endpoint
 * (the path, never the query or a header).
 */
final class SpotifyHttp {

    private static final Logger log = LoggerFactory.getLogger(SpotifyHttp.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final OkHttpClient client;
    private final JsonMapper json;
    private final SpotifyProperties properties;
    private final Clock clock;
    private final Sleeper sleeper;
    private final DoubleSupplier jitter;

    SpotifyHttp(OkHttpClient client, JsonMapper json, SpotifyProperties properties, Clock clock, Sleeper sleeper,
            DoubleSupplier jitter) {
        this.client = client;
        this.json = json;
        this.properties = properties;
        this.clock = clock;
        this.sleeper = sleeper;
        this.jitter = jitter;
    }

    /** A token request; errors come back as OAuth error codes, which are mapped to what a person must do. */
    JsonNode tokenCall(Request request, String endpoint) {
        return execute(() -> request, null, endpoint, true);
    }

    /**
     * An API call with a bearer token.
     *
     * @param request      builds the request with the current token
     * @param onUnauthorized forgets the token after a 401, so the next build refreshes it
     */
    JsonNode apiCall(Supplier<Request> request, Runnable onUnauthorized, String endpoint) {
        return execute(request, onUnauthorized, endpoint, false);
    }

    private JsonNode execute(Supplier<Request> requests, Runnable onUnauthorized, String endpoint, boolean tokenCall) {
        boolean refreshed = false;
        int attempt = 0;
        while (true) {
            attempt++;
            Request request = requests.get();
            try (Response response = client.newCall(request).execute()) {
                int code = response.code();
                if (code >= 200 && code < 300) {
                    return parse(response.body(), endpoint);
                }
                if (code == 401 && !tokenCall) {
                    if (refreshed) {
                        throw new SpotifyResponseException(401, "Spotify refused a fresh access token on " + endpoint
                                + " (401). Check that the account granted the scope user-read-recently-played; "
                                + "reconnecting the account at /connect grants it again.");
                    }
                    log.debug("Spotify answered 401 on {}; refreshing the access token once", endpoint);
                    onUnauthorized.run();
                    refreshed = true;
                    attempt--;
                    continue;
                }
                if (code == 429) {
                    Duration wait = retryAfter(response);
                    if (wait.compareTo(properties.maxRateLimitWait()) > 0 || attempt >= properties.maxAttempts()) {
                        throw new SpotifyRateLimitedException(endpoint, clock.instant().plus(wait));
                    }
                    log.warn("Spotify rate-limits {} (429); waiting {} s as it asks", endpoint, wait.toSeconds());
                    pause(wait);
                    continue;
                }
                if (code >= 500) {
                    if (attempt >= properties.maxAttempts()) {
                        throw new SpotifyUnavailableException(("Spotify answered %d on %s %d times; it seems down. "
                                + "The next scheduled run tries again.").formatted(code, endpoint, attempt), null);
                    }
                    backOff(endpoint, "answered " + code, attempt);
                    continue;
                }
                throw tokenCall ? tokenError(code, response.body(), endpoint) : apiError(code, response.body(), endpoint);
            } catch (InterruptedIOException | java.net.ConnectException e) {
                if (attempt >= properties.maxAttempts()) {
                    throw new SpotifyUnavailableException(("Spotify did not answer on %s after %d attempts (%s). "
                            + "Check the network, or spotify.api-url / spotify.accounts-url.")
                            .formatted(endpoint, attempt, e.getClass().getSimpleName()), e);
                }
                backOff(endpoint, "did not answer (" + e.getClass().getSimpleName() + ")", attempt);
            } catch (IOException e) {
                if (attempt >= properties.maxAttempts()) {
                    throw new SpotifyUnavailableException(("Calling Spotify on %s failed after %d attempts (%s). "
                            + "Check the network.").formatted(endpoint, attempt, e.getClass().getSimpleName()), e);
                }
                backOff(endpoint, "failed (" + e.getClass().getSimpleName() + ")", attempt);
            }
        }
    }

    private JsonNode parse(ResponseBody body, String endpoint) throws IOException {
        String text = body.string();
        try {
            return json.readTree(text);
        } catch (JacksonException e) {
            throw new SpotifyResponseException(200, "Spotify answered malformed JSON on " + endpoint
                    + "; the API may have changed. The run stops; nothing was stored from this answer.");
        }
    }

    private SpotifyException tokenError(int code, ResponseBody body, String endpoint) throws IOException {
        JsonNode error = readQuietly(body);
        String errorCode = SpotifyJson.text(error.path("error"));
        String description = sanitized(SpotifyJson.text(error.path("error_description")));
        if ("invalid_grant".equals(errorCode)) {
            return new SpotifyAuthorizationRevokedException(description);
        }
        if ("invalid_client".equals(errorCode)) {
            return new SpotifyConfigurationException(("Spotify refused the app's credentials (invalid_client: %s). "
                    + "Check SPOTIFY_CLIENT_ID and SPOTIFY_CLIENT_SECRET (spotify.client-id, spotify.client-secret) "
                    + "against your app in Spotify's developer dashboard.").formatted(description));
        }
        return new SpotifyResponseException(code, "Spotify's %s answered %d (%s: %s)".formatted(endpoint, code,
                errorCode, description));
    }

    private SpotifyException apiError(int code, ResponseBody body, String endpoint) throws IOException {
        JsonNode error = readQuietly(body).path("error");
        String message = sanitized(SpotifyJson.text(error.path("message")));
        String reason = SpotifyJson.text(error.path("reason"));
        String detail = message == null ? "no message" : message;
        if (reason != null) {
            detail += ", reason " + reason;
        }
        if (code == 403) {
            return new SpotifyResponseException(403, ("Spotify does not allow this on %s (403: %s). Signing in again "
                    + "won't help: in Development Mode the listener must be added to the app's users in Spotify's "
                    + "developer dashboard, and the app owner needs Premium.").formatted(endpoint, detail));
        }
        return new SpotifyResponseException(code, "Spotify answered %d on %s (%s)".formatted(code, endpoint, detail));
    }

    private JsonNode readQuietly(ResponseBody body) throws IOException {
        try {
            return json.readTree(body.string());
        } catch (JacksonException e) {
            return json.missingNode();
        }
    }

    /** Spotify's own descriptions don't carry secrets, but keep them short and on one line. */
    private static String sanitized(String text) {
        if (text == null) {
            return null;
        }
        String oneLine = text.replaceAll("\\s+", " ").strip();
        return oneLine.length() > 200 ? oneLine.substring(0, 200) + "…" : oneLine;
    }

    private Duration retryAfter(Response response) {
        String header = response.header("Retry-After");
        try {
            return Duration.ofSeconds(header == null ? 1 : Math.max(0, Long.parseLong(header.strip())));
        } catch (NumberFormatException e) {
            return Duration.ofSeconds(1);
        }
    }

    private void backOff(String endpoint, String what, int attempt) {
        long base = properties.initialBackoff().toMillis() << Math.min(attempt - 1, 20);
        long capped = Math.min(base, MAX_BACKOFF.toMillis());
        // Jitter: somewhere in the upper half of the window, so clients that failed together don't retry together.
        Duration wait = Duration.ofMillis((long) (capped / 2.0 + capped / 2.0 * jitter.getAsDouble()));
        log.warn("Spotify {} on {}; retrying in {} ms (attempt {} of {})", what, endpoint, wait.toMillis(),
                attempt + 1, properties.maxAttempts());
        pause(wait);
    }

    private void pause(Duration wait) {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SpotifyException("Interrupted while waiting to call Spotify again", e);
        }
    }

    Instant now() {
        return clock.instant();
    }
}
