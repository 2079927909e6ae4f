package io.spotifyinsights.spotify;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.spotifyinsights.http.JsonApi;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * Access tokens from Spotify's accounts service: the listener's (refresh-token grant) and the app's (client
 * credentials), each cached until shortly before it expires. A refresh token Spotify rotates is stored and used from
 * then on. Never logs or puts into a message a token, the client secret or the Authorization header.
 */
final class SpotifyAccounts {

    private static final Logger log = LoggerFactory.getLogger(SpotifyAccounts.class);
    /** Refresh this long before Spotify's expiry, so a token never runs out during a call. */
    static final Duration EXPIRY_MARGIN = Duration.ofSeconds(60);
    static final String TOKEN_PATH = "/api/token";

    private record CachedToken(String value, Instant refreshAfter) {
    }

    /**
     * The token endpoint's answer; {@code refresh_token} only when Spotify rotates it, {@code expires_in} in seconds.
     * {@link #toString()} leaves the tokens out, so that no log line or message can ever print them.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record TokenAnswer(@JsonProperty("access_token") String accessToken, @JsonProperty("expires_in") Long expiresIn,
            @JsonProperty("refresh_token") String refreshToken) {

        @Override
        public String toString() {
            return "TokenAnswer[expiresIn=" + expiresIn + "]";
        }
    }

    private final SpotifyProperties properties;
    /** The accounts service: its refusals are OAuth error codes, and a 401 there is no expired token. */
    private final JsonApi accountsService;
    private final RefreshTokenStore refreshTokenStore;
    private final Clock clock;
    private final Supplier<String> redirectUri;
    private CachedToken userToken;
    private CachedToken appToken;
    private volatile SpotifyAuthorization authorization;
    /** A refresh token Spotify handed over that the disk did not take yet: used, and written as soon as it can be. */
    private volatile String unsavedRefreshToken;
    /** Spotify's last refusal, as recorded on disk; read once, kept in step with the file. */
    private volatile Optional<RefreshTokenStore.Refusal> refusal;
    private volatile String unsavedProblem;

    SpotifyAccounts(SpotifyProperties properties, JsonApi accountsService, RefreshTokenStore refreshTokenStore,
            Clock clock, Supplier<String> redirectUri) {
        this.properties = properties;
        this.redirectUri = redirectUri;
        this.accountsService = accountsService;
        this.refreshTokenStore = refreshTokenStore;
        this.clock = clock;
        this.authorization = new SpotifyAuthorization(SpotifyAuthorization.State.UNVERIFIED, null, null);
        this.refusal = refreshTokenStore.refusal();
    }

    synchronized String userAccessToken() {
        if (userToken == null || !clock.instant().isBefore(userToken.refreshAfter())) {
            userToken = refreshUserToken();
        }
        return userToken.value();
    }

    synchronized String appAccessToken() {
        if (appToken == null || !clock.instant().isBefore(appToken.refreshAfter())) {
            requireClient();
            appToken = requestToken(new FormBody.Builder().add("grant_type", "client_credentials").build(), false);
        }
        return appToken.value();
    }

    /**
     * Exchanges the code Spotify handed the browser after the listener approved the app: the refresh token is stored
     * and used from then on, the access token cached.
     */
    synchronized void connect(String code) {
        requireClient();
        try {
            userToken = requestToken(new FormBody.Builder()
                    .add("grant_type", "authorization_code")
                    .add("code", code)
                    .add("redirect_uri", redirectUri.get())
                    .build(), true);
            authorization = new SpotifyAuthorization(SpotifyAuthorization.State.AUTHORIZED, clock.instant(), null);
            forgetRefusal();
        } catch (SpotifyAuthorizationRevokedException e) {
            throw new SpotifyConfigurationException(("Spotify did not accept the sign-in (the code expired, was used "
                    + "already, or the redirect URI differs from the app's: %s). Start again at /connect.")
                    .formatted(redirectUri.get()));
        }
    }

    /** Forgets the listener's token after Spotify answered 401 with it. */
    synchronized void invalidateUserToken() {
        userToken = null;
    }

    synchronized void invalidateAppToken() {
        appToken = null;
    }

    List<String> missingSettings() {
        return properties.missingSettings(refreshTokenStore.load().isPresent());
    }

    /**
     * What the service knows of its access, asking Spotify nothing. A refusal Spotify gave before a restart still
     * counts while the token it refused (or none) is all there is.
     */
    SpotifyAuthorization authorization() {
        List<String> missing = missingSettings();
        boolean clientMissing = missing.contains("SPOTIFY_CLIENT_ID") || missing.contains("SPOTIFY_CLIENT_SECRET");
        if (!clientMissing && authorization.state() == SpotifyAuthorization.State.UNVERIFIED) {
            Optional<RefreshTokenStore.Refusal> refusal = this.refusal;
            String current = currentRefreshToken();
            if (refusal.isPresent() && (SpotifyProperties.isBlank(current) || refusal.get().refused(current))) {
                return new SpotifyAuthorization(SpotifyAuthorization.State.REVOKED, refusal.get().since(),
                        refusal.get().message());
            }
        }
        if (!missing.isEmpty()) {
            return new SpotifyAuthorization(SpotifyAuthorization.State.NOT_CONFIGURED, null,
                    "Set " + String.join(", ", missing) + " (see README: Connect your Spotify account)");
        }
        return authorization;
    }

    /**
     * Writes a refresh token the disk refused earlier.
     *
     * @return what is wrong while one still waits to be written; empty when none does
     */
    synchronized Optional<String> persistUnsavedRefreshToken() {
        String token = unsavedRefreshToken;
        if (token == null) {
            return Optional.empty();
        }
        try {
            refreshTokenStore.save(token);
            unsavedRefreshToken = null;
            unsavedProblem = null;
            log.info("The refresh token Spotify handed over is stored now at {}", refreshTokenStore.location());
            return Optional.empty();
        } catch (UncheckedIOException e) {
            if (unsavedProblem == null) {
                log.error("Spotify rotated the refresh token but it could not be stored at {} ({}). It is kept in memory "
                        + "and written as soon as the disk allows; if the service stops before that, reconnect the "
                        + "account at /connect.", refreshTokenStore.location(), e.getMessage());
            }
            unsavedProblem = ("The refresh token Spotify handed over could not be stored at %s (%s). It is kept in "
                    + "memory and written as soon as the disk allows: free space there. If the service stops before "
                    + "that, reconnect the account at /connect.").formatted(refreshTokenStore.location(),
                    e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
            return Optional.of(unsavedProblem);
        }
    }

    private String currentRefreshToken() {
        String unsaved = unsavedRefreshToken;
        if (unsaved != null) {
            return unsaved;
        }
        return refreshTokenStore.load().orElse(properties.refreshToken());
    }

    private CachedToken refreshUserToken() {
        requireClient();
        persistUnsavedRefreshToken();
        Optional<String> stored = refreshTokenStore.load();
        String refreshToken = unsavedRefreshToken != null ? unsavedRefreshToken
                : stored.orElse(properties.refreshToken());
        if (SpotifyProperties.isBlank(refreshToken)) {
            throw new SpotifyConfigurationException("No Spotify refresh token: set SPOTIFY_REFRESH_TOKEN "
                    + "(spotify.refresh-token) or connect the account at /connect");
        }
        try {
            CachedToken token = requestToken(new FormBody.Builder()
                    .add("grant_type", "refresh_token")
                    .add("refresh_token", refreshToken)
                    .build(), true);
            if (refusal.isPresent()) {
                forgetRefusal();
            }
            authorization = new SpotifyAuthorization(SpotifyAuthorization.State.AUTHORIZED, clock.instant(), null);
            return token;
        } catch (SpotifyAuthorizationRevokedException e) {
            authorization = new SpotifyAuthorization(SpotifyAuthorization.State.REVOKED, clock.instant(),
                    e.getMessage());
            rememberRefusal(refreshToken, e.getMessage());
            if (refreshToken.equals(unsavedRefreshToken)) {
                unsavedRefreshToken = null;
                unsavedProblem = null;
            }
            if (stored.isPresent()) {
                // A dead stored token would otherwise shadow a new SPOTIFY_REFRESH_TOKEN for good.
                refreshTokenStore.clear();
                log.warn("Spotify refused the stored refresh token; removed it, so SPOTIFY_REFRESH_TOKEN or a new "
                        + "connection at /connect takes effect");
            }
            throw e;
        }
    }

    private CachedToken requestToken(FormBody form, boolean rotates) {
        HttpUrl url = HttpUrl.get(properties.accountsUrl().toString()).newBuilder()
                .encodedPath(TOKEN_PATH).build();
        Request request = new Request.Builder().url(url)
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (properties.clientId() + ":" + properties.clientSecret()).getBytes(StandardCharsets.UTF_8)))
                .post(form)
                .build();
        TokenAnswer body = accountsService.call(() -> request, TokenAnswer.class, null);
        String accessToken = body == null ? null : body.accessToken();
        if (accessToken == null || accessToken.isBlank()) {
            throw new SpotifyResponseException(200, "Spotify's " + TOKEN_PATH + " answered without an access token");
        }
        long expiresIn = body.expiresIn() == null ? 3600 : body.expiresIn();
        if (rotates) {
            String rotated = body.refreshToken();
            if (rotated != null && !rotated.isBlank()) {
                // From here on the old token is dead: the new one must never be lost, even when the disk is full.
                unsavedRefreshToken = rotated;
                if (persistUnsavedRefreshToken().isEmpty()) {
                    log.info("Spotify rotated the refresh token; stored the new one");
                }
            }
        }
        Instant refreshAfter = clock.instant().plusSeconds(expiresIn).minus(EXPIRY_MARGIN);
        return new CachedToken(accessToken, refreshAfter);
    }

    private void forgetRefusal() {
        refusal = Optional.empty();
        refreshTokenStore.clearRefusal();
    }

    private void rememberRefusal(String refreshToken, String message) {
        RefreshTokenStore.Refusal refused = RefreshTokenStore.Refusal.of(refreshToken, clock.instant(), message);
        refusal = Optional.of(refused);
        try {
            refreshTokenStore.recordRefusal(refused);
        } catch (UncheckedIOException e) {
            log.warn("Could not record that Spotify refused the refresh token ({}); after a restart the service "
                    + "will find out again at the next run", e.getMessage());
        }
    }

    private void requireClient() {
        if (SpotifyProperties.isBlank(properties.clientId()) || SpotifyProperties.isBlank(properties.clientSecret())) {
            throw new SpotifyConfigurationException("No Spotify app credentials: set SPOTIFY_CLIENT_ID and "
                    + "SPOTIFY_CLIENT_SECRET (spotify.client-id, spotify.client-secret) from your app in Spotify's "
                    + "developer dashboard");
        }
    }
}
