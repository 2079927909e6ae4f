import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A loopback stand-in for Spotify's accounts service and Web API, for the end-to-end benchmark: every
 * recently-played call returns 50 plays newer than the cursor (so every run has 50 new plays), audio features for
 * any id, and tokens for any grant. JDK only: run it with {@code java bench/FakeSpotify.java PORT}.
 */
public class FakeSpotify {

    private static final Random RANDOM = new Random(42);

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 50);
        server.createContext("/api/token", exchange -> reply(exchange,
                "{\"access_token\":\"bench-access\",\"token_type\":\"Bearer\",\"expires_in\":3600}"));
        server.createContext("/v1/me/player/recently-played", FakeSpotify::recentlyPlayed);
        server.createContext("/v1/audio-features", FakeSpotify::audioFeatures);
        server.createContext("/v1/me", exchange -> reply(exchange, "{\"id\":\"bench-listener\"}"));
        server.start();
        System.out.println("Fake Spotify on 127.0.0.1:" + port);
    }

    private static synchronized void recentlyPlayed(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getQuery();
        long after = 0;
        for (String part : query.split("&")) {
            if (part.startsWith("after=")) {
                after = Long.parseLong(part.substring(6));
            }
        }
        // 50 plays after the cursor (or ending now on the first call), three minutes apart, newest first.
        long start = Math.max(after, Instant.now().toEpochMilli() - 50L * 180_000) + 1_000;
        List<String> items = new ArrayList<>();
        for (int i = 49; i >= 0; i--) {
            int track = (int) Math.abs(RANDOM.nextGaussian() * 40) % 400;
            String id = "benchtrack%04d".formatted(track);
            items.add(("{\"played_at\":\"%s\",\"context\":null,\"track\":{\"id\":\"%s\",\"name\":\"Track %d\","
                    + "\"uri\":\"spotify:track:%s\",\"is_local\":false,\"duration_ms\":%d,"
                    + "\"external_urls\":{\"spotify\":\"https://open.spotify.com/track/%s\"},"
                    + "\"album\":{\"id\":\"album%d\",\"name\":\"Album %d\"},"
                    + "\"artists\":[{\"id\":\"artist%d\",\"name\":\"Artist %d\"}]}}")
                    .formatted(Instant.ofEpochMilli(start + i * 180_000L), id, track, id, 180_000 + track * 100, id,
                            track / 10, track / 10, track % 50, track % 50));
        }
        reply(exchange, "{\"items\":[" + String.join(",", items) + "],\"next\":null,\"limit\":50}");
    }

    private static void audioFeatures(HttpExchange exchange) throws IOException {
        String ids = exchange.getRequestURI().getQuery().replaceFirst(".*ids=", "").replaceFirst("&.*", "");
        List<String> features = new ArrayList<>();
        for (String id : ids.split(",")) {
            int seed = Math.abs(id.hashCode());
            features.add(String.format(Locale.ROOT,
                    "{\"id\":\"%s\",\"danceability\":%.2f,\"energy\":%.2f,\"key\":%d,\"loudness\":-%.1f,"
                    + "\"mode\":%d,\"speechiness\":0.05,\"acousticness\":0.2,\"instrumentalness\":0.0,"
                    + "\"liveness\":0.1,\"valence\":%.2f,\"tempo\":%.1f,\"time_signature\":4}",
                    id, seed % 100 / 100.0, seed / 7 % 100 / 100.0, seed % 12, seed % 200 / 10.0, seed % 2,
                            seed / 13 % 100 / 100.0, 80.0 + seed % 90));
        }
        reply(exchange, "{\"audio_features\":[" + String.join(",", features) + "]}");
    }

    private static void reply(HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
