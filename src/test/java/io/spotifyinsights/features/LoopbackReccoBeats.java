package io.spotifyinsights.features;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import tools.jackson.databind.json.JsonMapper;

/**
 * ReccoBeats on a loopback port, answering as the real one does: {@code {"content": [...]}} with one object per
 * track it knows and none for the others, in shuffled order; each object's {@code id} its own UUID and the Spotify
 * id only in {@code href}; no {@code time_signature}. It can be told to rate-limit (429 with Retry-After) or to be
 * down (503).
 */
public final class LoopbackReccoBeats implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final MockWebServer server = new MockWebServer();
    private final Set<String> unknown = ConcurrentHashMap.newKeySet();
    private final AtomicInteger rateLimitedAnswersLeft = new AtomicInteger();
    private volatile long retryAfterSeconds = 1;
    private volatile boolean down;
    private final Random shuffle = new Random(7);
    /** The ids each audio-features request asked for, in order. */
    public final List<List<String>> requests = new CopyOnWriteArrayList<>();

    public LoopbackReccoBeats() throws IOException {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return answer(request);
            }
        });
        server.start(java.net.InetAddress.getByName("127.0.0.1"), 0);
    }

    public String url() {
        String url = server.url("/").toString();
        return url.substring(0, url.length() - 1);
    }

    /** Tracks it has no features for: left out of its answers. */
    public void doesNotKnow(String... trackIds) {
        unknown.addAll(List.of(trackIds));
    }

    /** The next {@code answers} requests get 429 with this Retry-After. */
    public void rateLimit(int answers, long retryAfterSeconds) {
        this.retryAfterSeconds = retryAfterSeconds;
        rateLimitedAnswersLeft.set(answers);
    }

    public void down(boolean down) {
        this.down = down;
    }

    public void reset() {
        unknown.clear();
        rateLimitedAnswersLeft.set(0);
        down = false;
        requests.clear();
    }

    /**
     * The features it serves for a Spotify track id, derived from the id (and unlike the Spotify fake's), so a test
     * can compute what to expect on its own.
     */
    public static Map<String, Object> features(String spotifyId) {
        int seed = Math.abs((spotifyId + "@reccobeats").hashCode());
        Map<String, Object> features = new LinkedHashMap<>();
        features.put("acousticness", ((seed / 5) % 100) / 100.0);
        features.put("danceability", ((seed / 3) % 100) / 100.0);
        features.put("energy", (seed % 97) / 100.0);
        features.put("instrumentalness", ((seed / 7) % 100) / 100.0);
        features.put("key", seed % 13 - 1);
        features.put("liveness", ((seed / 11) % 100) / 100.0);
        features.put("loudness", -((seed % 250) / 10.0) - 1);
        features.put("mode", (seed / 2) % 2);
        features.put("speechiness", ((seed / 13) % 100) / 1000.0);
        features.put("tempo", 70 + (seed % 110) + 0.25);
        features.put("valence", ((seed / 17) % 100) / 100.0);
        return features;
    }

    private MockResponse answer(RecordedRequest request) {
        if (!"/v1/audio-features".equals(request.getUrl().encodedPath())) {
            return json(404, Map.of("error", "Not Found"));
        }
        List<String> ids = new ArrayList<>();
        for (String value : request.getUrl().queryParameterValues("ids")) {
            for (String id : value.split(",")) {
                if (!id.isBlank()) {
                    ids.add(id);
                }
            }
        }
        requests.add(List.copyOf(ids));
        if (down) {
            return json(503, Map.of("error", "Service Unavailable"));
        }
        if (rateLimitedAnswersLeft.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
            return new MockResponse.Builder().code(429).setHeader("Retry-After", String.valueOf(retryAfterSeconds))
                    .body("").build();
        }
        if (ids.size() > 40) {
            return json(400, Map.of("error", "At most 40 ids"));
        }
        List<Map<String, Object>> content = new ArrayList<>();
        for (String id : ids) {
            if (unknown.contains(id)) {
                continue;
            }
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", UUID.nameUUIDFromBytes(id.getBytes()).toString());
            item.put("href", "https://open.spotify.com/track/" + id);
            item.putAll(features(id));
            content.add(item);
        }
        synchronized (shuffle) {
            Collections.shuffle(content, shuffle);
        }
        return json(200, Map.of("content", content));
    }

    private static MockResponse json(int code, Object body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json")
                .body(JSON.writeValueAsString(body)).build();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
