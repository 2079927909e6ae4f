package io.spotifyinsights.spotify;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.DoubleSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.spotifyinsights.http.JsonApi;
import io.spotifyinsights.http.Sleeper;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Spotify Web API as this service uses it: who the listener is, what they played recently, and the audio
 * features of tracks. See shared/design/SPOTIFY-API.md for how the API behaves.
 */
public final class SpotifyClient {

    static final String RECENTLY_PLAYED = "/v1/me/player/recently-played";
    static final String AUDIO_FEATURES = "/v1/audio-features";
    static final String ME = "/v1/me";
    /** The only scope the service asks for. */
    static final String SCOPE = "user-read-recently-played";
    /** Spotify lists about the latest 50 plays, 50 to a page. */
    static final int PAGE_SIZE = 50;
    static final int FEATURES_BATCH = 100;
    /** Far more pages than Spotify ever has; a guard against a cursor that never ends. */
    private static final int MAX_PAGES = 40;

    private static final Logger log = LoggerFactory.getLogger(SpotifyClient.class);

    private final SpotifyProperties properties;
    private final JsonApi api;
    private final SpotifyAccounts accounts;
    private final Clock clock;
    private volatile Instant featuresRefusedUntil = Instant.MIN;
    private volatile int serverPort = 8080;

    public SpotifyClient(SpotifyProperties properties, OkHttpClient httpClient, JsonMapper json,
            RefreshTokenStore refreshTokenStore, Clock clock, Sleeper sleeper, DoubleSupplier jitter) {
        this.properties = properties;
        this.clock = clock;
        JsonApi.ApiRetries retries = new JsonApi.ApiRetries(properties.maxAttempts(), properties.initialBackoff(),
                properties.maxRateLimitWait());
        this.api = new JsonApi("Spotify", httpClient, json, retries, jitter, sleeper, SpotifyErrors.webApi(clock));
        this.accounts = new SpotifyAccounts(properties, new JsonApi("Spotify's accounts service", httpClient, json,
                retries, jitter, sleeper, SpotifyErrors.accountsService(clock)), refreshTokenStore, clock,
                this::redirectUri);
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Me(String id) {
    }

    /** A page of recently played; {@code next} links the following page, null after the last. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record RecentlyPlayedPage(List<PlayItem> items, String next) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record PlayItem(SpotifyTrack track, @JsonProperty("played_at") String playedAt, PlayContext context) {

        PlayedTrack played() {
            Instant at;
            try {
                at = Instant.parse(Objects.requireNonNull(playedAt, "played_at"));
            } catch (DateTimeParseException | NullPointerException e) {
                throw new SpotifyResponseException(200, "Spotify's " + RECENTLY_PLAYED + " listed a play whose "
                        + "played_at is '" + playedAt + "', not an ISO-8601 time");
            }
            return new PlayedTrack(at, (track == null ? SpotifyTrack.NONE : track).track(), context);
        }
    }

    /** A track as Spotify's JSON has it: a local file has no ids and no link, and may lack its length. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record SpotifyTrack(String id, String uri, String name, List<Artist> artists, Album album,
            @JsonProperty("duration_ms") Long durationMs, @JsonProperty("is_local") Boolean local,
            @JsonProperty("external_urls") Map<String, String> externalUrls) {

        static final SpotifyTrack NONE = new SpotifyTrack(null, null, null, null, null, null, null, null);

        Track track() {
            return new Track(id, uri, name,
                    artists == null ? List.of() : artists.stream().filter(Objects::nonNull).toList(), album,
                    durationMs == null ? 0 : durationMs, Boolean.TRUE.equals(local),
                    externalUrls == null ? null : externalUrls.get("spotify"));
        }
    }

    /** Features in the order asked; null for a track Spotify has none for. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record AudioFeaturesPage(@JsonProperty("audio_features") List<AudioFeatures> audioFeatures) {
    }

    /** Whether every setting needed to reach the listener's account is there. */
    public boolean isConfigured() {
        return accounts.missingSettings().isEmpty();
    }

    /** Whether the app's credentials are set, so a listener can connect an account at /connect. */
    public boolean canConnect() {
        return !SpotifyProperties.isBlank(properties.clientId()) && !SpotifyProperties.isBlank(properties.clientSecret());
    }

    /** The redirect URI to register in the app's settings. */
    public String redirectUri() {
        return properties.redirectUri() != null ? properties.redirectUri().toString()
                : "http://127.0.0.1:" + serverPort + "/callback";
    }

    /** The port the service listens on, for the default redirect URI. */
    public void serverPortIs(int port) {
        this.serverPort = port;
    }

    /** The environment variables still to set, empty when none. */
    public List<String> missingSettings() {
        return accounts.missingSettings();
    }

    /**
     * Writes a refresh token Spotify handed over that the disk refused earlier (it is used from memory meanwhile).
     *
     * @return what to fix while one still waits to be written; empty when none does
     */
    public Optional<String> persistUnsavedRefreshToken() {
        return accounts.persistUnsavedRefreshToken();
    }

    /** What the service last learned about its access to the account; asks Spotify nothing. */
    public SpotifyAuthorization authorization() {
        return accounts.authorization();
    }

    /**
     * Where to send the listener to approve this app: Spotify's authorize page, asking for the one scope the service
     * needs. {@code state} comes back with the code and must be checked.
     */
    public String authorizeUrl(String state) {
        return HttpUrl.get(properties.accountsUrl().toString()).newBuilder()
                .encodedPath("/authorize")
                .addQueryParameter("client_id", properties.clientId())
                .addQueryParameter("response_type", "code")
                .addQueryParameter("redirect_uri", redirectUri())
                .addQueryParameter("scope", SCOPE)
                .addQueryParameter("state", state)
                .build()
                .toString();
    }

    /**
     * Connects the account whose approval produced {@code code}: its refresh token is stored and every later run
     * uses it.
     *
     * @return the connected listener's Spotify user id
     */
    public String connect(String code) {
        accounts.connect(code);
        return currentUser();
    }

    /** The listener's Spotify user id. */
    public String currentUser() {
        Me me = userCall(apiUrl(ME).build(), Me.class);
        String id = me == null ? null : me.id();
        if (id == null) {
            throw new SpotifyResponseException(200, "Spotify's " + ME + " answered without a user id");
        }
        return id;
    }

    /**
     * The plays that ended after {@code after}, oldest first, following Spotify's pages until they end.
     */
    public RecentlyPlayed recentlyPlayedAfter(Instant after) {
        Map<String, PlayedTrack> plays = new LinkedHashMap<>();
        boolean possibleGap = false;
        HttpUrl next = apiUrl(RECENTLY_PLAYED)
                .addQueryParameter("limit", String.valueOf(PAGE_SIZE))
                .addQueryParameter("after", String.valueOf(after.toEpochMilli()))
                .build();
        for (int page = 0; next != null && page < MAX_PAGES; page++) {
            RecentlyPlayedPage body = userCall(next, RecentlyPlayedPage.class);
            List<PlayedTrack> items = body == null || body.items() == null ? List.of()
                    : body.items().stream().filter(Objects::nonNull).map(PlayItem::played).toList();
            if (page == 0 && items.size() >= PAGE_SIZE) {
                Instant oldest = items.stream().map(PlayedTrack::playedAt).min(Comparator.naturalOrder()).orElseThrow();
                possibleGap = oldest.isAfter(after);
            }
            items.forEach(play -> plays.putIfAbsent(play.playedAt().toEpochMilli() + " " + play.track().uri(), play));
            HttpUrl following = items.isEmpty() ? null : nextPage(body);
            // A cursor that does not move on would only fetch the same page again.
            boolean advances = following != null
                    && !following.queryParameter("after").equals(next.queryParameter("after"));
            next = advances ? following : null;
        }
        List<PlayedTrack> oldestFirst = plays.values().stream()
                .sorted(Comparator.comparing(PlayedTrack::playedAt))
                .toList();
        return new RecentlyPlayed(oldestFirst, possibleGap);
    }

    /**
     * Audio features of tracks, asked for 100 ids at a time. When Spotify refuses them to this app (403), the result
     * says so, and for {@code spotify.features-refusal-memory} no more calls are made.
     */
    public AudioFeaturesResult audioFeatures(Collection<String> trackIds) {
        List<String> ids = new ArrayList<>(new LinkedHashSet<>(trackIds.stream().filter(Objects::nonNull).toList()));
        if (ids.isEmpty()) {
            return new AudioFeaturesResult(Map.of(), false);
        }
        if (clock.instant().isBefore(featuresRefusedUntil)) {
            return AudioFeaturesResult.refused();
        }
        Map<String, AudioFeatures> byId = new HashMap<>();
        for (int from = 0; from < ids.size(); from += FEATURES_BATCH) {
            List<String> batch = ids.subList(from, Math.min(from + FEATURES_BATCH, ids.size()));
            HttpUrl url = apiUrl(AUDIO_FEATURES).addQueryParameter("ids", String.join(",", batch)).build();
            AudioFeaturesPage body;
            try {
                body = api.call(() -> bearer(url, accounts.appAccessToken()), AudioFeaturesPage.class,
                        accounts::invalidateAppToken);
            } catch (SpotifyResponseException e) {
                if (e.status() != 403) {
                    throw e;
                }
                featuresRefusedUntil = clock.instant().plus(properties.featuresRefusalMemory());
                log.warn("Spotify refuses audio features to this app (403); plays are stored without them, and the "
                        + "service won't ask again before {}", featuresRefusedUntil);
                return AudioFeaturesResult.refused();
            }
            for (AudioFeatures features : body == null || body.audioFeatures() == null ? List.<AudioFeatures>of()
                    : body.audioFeatures()) {
                if (features != null && features.id() != null) {
                    byId.put(features.id(), features);
                }
            }
        }
        return new AudioFeaturesResult(byId, false);
    }

    private <T> T userCall(HttpUrl url, Class<T> type) {
        return api.call(() -> bearer(url, accounts.userAccessToken()), type, accounts::invalidateUserToken);
    }

    private static Request bearer(HttpUrl url, String accessToken) {
        return new Request.Builder().url(url).header("Authorization", "Bearer " + accessToken).get().build();
    }

    private HttpUrl.Builder apiUrl(String path) {
        return HttpUrl.get(properties.apiUrl().toString()).newBuilder().encodedPath(path);
    }

    /**
     * The next page, built on {@code spotify.api-url} from the cursor in Spotify's {@code next} link: the bearer
     * token never goes to a host the answer names, only to the configured one.
     */
    private HttpUrl nextPage(RecentlyPlayedPage body) {
        String next = body.next();
        HttpUrl link = next == null ? null : HttpUrl.parse(next);
        String after = link == null ? null : link.queryParameter("after");
        if (after == null) {
            return null;
        }
        return apiUrl(RECENTLY_PLAYED)
                .addQueryParameter("limit", String.valueOf(PAGE_SIZE))
                .addQueryParameter("after", after)
                .build();
    }
}
