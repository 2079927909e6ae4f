package io.spotifyinsights.pipeline;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import tools.jackson.databind.json.JsonMapper;

/**
 * Spotify's accounts service and Web API on a loopback port, answering like the real ones from a list of plays:
 * tokens, {@code /v1/me}, recently played (the latest 50 after the cursor, newest first, as Spotify pages them) and
 * audio features (or a 403 refusal). It counts requests per path and can hold recently-played answers until released,
 * so a test can keep a run going.
 */
public final class LoopbackSpotify implements AutoCloseable {

    public static final String CLIENT_ID = "pipeline-test-client-id";
    public static final String CLIENT_SECRET = "pipeline-test-client-secret-zq81";
    public static final String REFRESH_TOKEN = "pipeline-test-refresh-token-kx42";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public record FakePlay(String trackId, String trackName, List<String> artists, Instant playedAt) {
    }

    public static final String AUTHORIZATION_CODE = "loopback-authorization-code-7q";
    public static final String CONNECTED_REFRESH_TOKEN = "connected-refresh-token-p2";

    /** What Spotify can do wrong, for the fault suite; each is armed for the next request(s) it concerns. */
    public enum Fault {
        /** Three 429s in a row with a Retry-After of 0 s: waited out, then answered. */
        RATE_LIMIT_STORM,
        /** A 429 asking to wait two hours: longer than the client waits; the run ends and is retried later. */
        RATE_LIMIT_LONG,
        /** Three 503s in a row: retried with backoff. */
        SERVER_ERROR_BURST,
        /** An answer slower than the client's read timeout: retried. */
        TIMEOUT,
        /** The connection cut in the middle of recently played's body: retried. */
        TRUNCATED_BODY,
        /** The listener revokes the app: 401 and invalid_grant until they reconnect ({@link #clearFaults()}). */
        TOKEN_REVOKED,
        /** Audio features refused (403), as to every app registered since 2024-11-27. */
        FEATURES_REFUSED
    }

    private final MockWebServer server = new MockWebServer();
    private final java.util.concurrent.atomic.AtomicInteger faultyAnswersLeft = new java.util.concurrent.atomic.AtomicInteger();
    private volatile Fault fault;
    private final Map<String, java.util.Set<FakePlay>> servedByListener = new ConcurrentHashMap<>();
    /** The decoded form bodies of every token request, in order. */
    public final List<String> tokenRequests = new CopyOnWriteArrayList<>();
    private final Map<String, List<FakePlay>> playsByListener = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> requestsByPath = new ConcurrentHashMap<>();
    private final AtomicReference<String> listenerId = new AtomicReference<>("listener-1");
    private volatile boolean featuresRefused;
    private volatile boolean ignoreCursor;
    private volatile boolean revoked;
    private volatile CountDownLatch recentlyPlayedGate = new CountDownLatch(0);
    private volatile CountDownLatch recentlyPlayedAsked = new CountDownLatch(1);

    public LoopbackSpotify() throws IOException {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                return answer(request);
            }
        });
        server.start(java.net.InetAddress.getByName("127.0.0.1"), 0);
    }

    public String url() {
        String url = server.url("/").toString();
        return url.substring(0, url.length() - 1);
    }

    public void listener(String id) {
        listenerId.set(id);
    }

    /** Adds plays of the current listener. */
    public void addPlays(List<FakePlay> newPlays) {
        playsByListener.computeIfAbsent(listenerId.get(), id -> new CopyOnWriteArrayList<>()).addAll(newPlays);
    }

    public void refuseFeatures(boolean refuse) {
        featuresRefused = refuse;
    }

    /** Answer with the latest 50 plays whatever the cursor, so a page repeats plays an earlier run already got. */
    public void ignoreCursor(boolean ignore) {
        ignoreCursor = ignore;
    }

    /** As when the listener revokes the app: API calls answer 401 and refresh grants invalid_grant. */
    public void revoke(boolean revoke) {
        revoked = revoke;
    }

    /** Recently-played answers wait until {@link #release()}. */
    public void hold() {
        recentlyPlayedAsked = new CountDownLatch(1);
        recentlyPlayedGate = new CountDownLatch(1);
    }

    public void release() {
        recentlyPlayedGate.countDown();
    }

    /** Whether recently played was asked for since {@link #hold()}. */
    public boolean awaitRecentlyPlayedAsked(long seconds) throws InterruptedException {
        return recentlyPlayedAsked.await(seconds, TimeUnit.SECONDS);
    }

    public int requests(String path) {
        return requestsByPath.getOrDefault(path, new AtomicInteger()).get();
    }

    public int apiRequests() {
        return requestsByPath.entrySet().stream().filter(entry -> entry.getKey().startsWith("/v1/"))
                .mapToInt(entry -> entry.getValue().get()).sum();
    }

    /** Arms a fault for the requests it concerns. */
    public void inject(Fault injected) {
        clearFaults();
        switch (injected) {
            case RATE_LIMIT_STORM, SERVER_ERROR_BURST -> faultyAnswersLeft.set(3);
            case RATE_LIMIT_LONG, TIMEOUT, TRUNCATED_BODY -> faultyAnswersLeft.set(1);
            case TOKEN_REVOKED -> revoke(true);
            case FEATURES_REFUSED -> refuseFeatures(true);
        }
        fault = injected;
    }

    /** Spotify behaves again; a revoked listener has reconnected. */
    public void clearFaults() {
        fault = null;
        faultyAnswersLeft.set(0);
        revoke(false);
        refuseFeatures(false);
    }

    /** Every play of the listener Spotify has listed in a recently-played answer so far. */
    public java.util.Set<FakePlay> served(String listener) {
        return java.util.Set.copyOf(servedByListener.getOrDefault(listener, java.util.Set.of()));
    }

    private MockResponse faulty(String path) {
        Fault armed = fault;
        if (armed == null || !path.startsWith("/v1/") || faultyAnswersLeft.get() <= 0) {
            return null;
        }
        boolean recentlyPlayed = path.equals("/v1/me/player/recently-played");
        if ((armed == Fault.TIMEOUT || armed == Fault.TRUNCATED_BODY) && !recentlyPlayed) {
            return null;
        }
        if (faultyAnswersLeft.getAndDecrement() <= 0) {
            return null;
        }
        return switch (armed) {
            case RATE_LIMIT_STORM -> json(429, Map.of("error", Map.of("status", 429, "message", "API rate limit "
                    + "exceeded"))).newBuilder().setHeader("Retry-After", "0").build();
            case RATE_LIMIT_LONG -> json(429, Map.of("error", Map.of("status", 429, "message", "API rate limit "
                    + "exceeded", "reason", "QUOTA_EXCEEDED"))).newBuilder().setHeader("Retry-After", "7200").build();
            case SERVER_ERROR_BURST -> json(503, Map.of("error", Map.of("status", 503, "message", "Service "
                    + "unavailable")));
            case TIMEOUT -> json(200, Map.of("items", List.of())).newBuilder().headersDelay(3, TimeUnit.SECONDS)
                    .build();
            case TRUNCATED_BODY -> json(200, Map.of("items", List.of(Map.of("played_at", "2026-01-01T00:00:00Z"))))
                    .newBuilder().onResponseBody(mockwebserver3.SocketEffect.ShutdownConnection.INSTANCE).build();
            default -> null;
        };
    }

    private MockResponse answer(RecordedRequest request) throws InterruptedException {
        String path = request.getUrl().encodedPath();
        requestsByPath.computeIfAbsent(path, key -> new AtomicInteger()).incrementAndGet();
        MockResponse faulty = faulty(path);
        if (faulty != null) {
            return faulty;
        }
        if (revoked && path.startsWith("/v1/")) {
            return json(401, Map.of("error", Map.of("status", 401, "message", "The access token expired")));
        }
        if (revoked && path.equals("/api/token")) {
            return json(400, Map.of("error", "invalid_grant", "error_description", "Refresh token revoked"));
        }
        return switch (path) {
            case "/api/token" -> token(request.getBody() == null ? "" : request.getBody().utf8());
            case "/v1/me" -> json(200, Map.of("id", listenerId.get(), "display_name", "Test Listener"));
            case "/v1/me/player/recently-played" -> {
                recentlyPlayedAsked.countDown();
                recentlyPlayedGate.await(60, TimeUnit.SECONDS);
                yield recentlyPlayed(Long.parseLong(request.getUrl().queryParameter("after")));
            }
            case "/v1/audio-features" -> featuresRefused
                    ? json(403, Map.of("error", Map.of("status", 403)))
                    : audioFeatures(request.getUrl().queryParameter("ids").split(","));
            default -> json(404, Map.of("error", Map.of("status", 404, "message", "Service not found")));
        };
    }

    /**
     * Refresh grants get an hour-long token; the authorization code gets a connected account's tokens, whose access
     * token is already due for refresh, so the next call shows which refresh token the service then uses.
     */
    private MockResponse token(String form) {
        tokenRequests.add(java.net.URLDecoder.decode(form, java.nio.charset.StandardCharsets.UTF_8));
        if (form.contains("grant_type=authorization_code")) {
            if (!form.contains("code=" + AUTHORIZATION_CODE)) {
                return json(400, Map.of("error", "invalid_grant", "error_description", "Invalid authorization code"));
            }
            return json(200, Map.of("access_token", "connected-access-token", "token_type", "Bearer",
                    "expires_in", 30, "refresh_token", CONNECTED_REFRESH_TOKEN,
                    "scope", "user-read-recently-played"));
        }
        return json(200, Map.of("access_token", "pipeline-access-token", "token_type", "Bearer",
                "expires_in", 3600, "scope", "user-read-recently-played"));
    }

    private MockResponse recentlyPlayed(long afterMillis) {
        List<FakePlay> page = playsByListener.getOrDefault(listenerId.get(), List.of()).stream()
                .filter(play -> ignoreCursor || play.playedAt().toEpochMilli() > afterMillis)
                .sorted(Comparator.comparing(FakePlay::playedAt).reversed())
                .limit(50)
                .toList();
        servedByListener.computeIfAbsent(listenerId.get(), id -> ConcurrentHashMap.newKeySet()).addAll(page);
        List<Map<String, Object>> items = new ArrayList<>();
        for (FakePlay play : page) {
            items.add(Map.of("track", track(play), "played_at", play.playedAt().toString(), "context",
                    Map.of("type", "playlist", "uri", "spotify:playlist:37i9dQZF1DXcBWIGoYBM5M")));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", items);
        body.put("next", null);
        body.put("limit", 50);
        body.put("cursors", page.isEmpty() ? null : Map.of(
                "after", String.valueOf(page.get(0).playedAt().toEpochMilli()),
                "before", String.valueOf(page.get(page.size() - 1).playedAt().toEpochMilli())));
        body.put("href", url() + "/v1/me/player/recently-played?limit=50&after=" + afterMillis);
        return json(200, body);
    }

    private static Map<String, Object> track(FakePlay play) {
        List<Map<String, Object>> artists = play.artists().stream()
                .map(name -> Map.<String, Object>of("id", "artist-" + Math.abs(name.hashCode()), "name", name,
                        "type", "artist", "uri", "spotify:artist:" + Math.abs(name.hashCode())))
                .toList();
        Map<String, Object> track = new LinkedHashMap<>();
        track.put("id", play.trackId());
        track.put("name", play.trackName());
        track.put("artists", artists);
        track.put("album", Map.of("id", "album-" + play.trackId(), "name", play.trackName() + " (Single)",
                "release_date", "2024-05-01"));
        track.put("duration_ms", 200_000 + Math.abs(play.trackId().hashCode() % 60_000));
        track.put("explicit", false);
        track.put("external_urls", Map.of("spotify", "https://open.spotify.com/track/" + play.trackId()));
        track.put("uri", "spotify:track:" + play.trackId());
        track.put("is_local", false);
        track.put("type", "track");
        return track;
    }

    private static MockResponse audioFeatures(String[] ids) {
        List<Map<String, Object>> features = new ArrayList<>();
        for (String id : ids) {
            features.add(features(id));
        }
        return json(200, Map.of("audio_features", features));
    }

    /** Features derived from the id, so a test can compute the expected values on its own. */
    public static Map<String, Object> features(String id) {
        int seed = Math.abs(id.hashCode());
        Map<String, Object> features = new LinkedHashMap<>();
        features.put("id", id);
        features.put("danceability", (seed % 100) / 100.0);
        features.put("energy", ((seed / 7) % 100) / 100.0);
        features.put("key", seed % 12);
        features.put("loudness", -((seed % 300) / 10.0));
        features.put("mode", seed % 2);
        features.put("speechiness", ((seed / 3) % 100) / 1000.0);
        features.put("acousticness", ((seed / 11) % 100) / 100.0);
        features.put("instrumentalness", ((seed / 13) % 100) / 100.0);
        features.put("liveness", ((seed / 17) % 100) / 100.0);
        features.put("valence", ((seed / 19) % 100) / 100.0);
        features.put("tempo", 60 + (seed % 120) + 0.5);
        features.put("time_signature", 4);
        features.put("duration_ms", 200_000);
        return features;
    }

    private static MockResponse json(int code, Object body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json; charset=utf-8")
                .body(JSON.writeValueAsString(body)).build();
    }

    @Override
    public void close() throws IOException {
        release();
        server.close();
    }
}
