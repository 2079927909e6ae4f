package io.spotifyinsights.pipeline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.spotifyinsights.pipeline.LoopbackSpotify.FakePlay;

/** Listening histories for tests, and the top ten of one computed here, independently of Spark and the warehouse. */
public final class TestPlays {

    private TestPlays() {
    }

    /** Plays of 14 tracks with skewed popularity, a minute or more apart; ties in count are likely. */
    public static List<FakePlay> generated(long seed, int count, Instant from) {
        Random random = new Random(seed);
        List<FakePlay> plays = new ArrayList<>();
        Instant at = from;
        for (int i = 0; i < count; i++) {
            int track = Math.min(random.nextInt(6) + random.nextInt(9), 13);
            at = at.plusSeconds(60 + random.nextInt(240)).plusMillis(random.nextInt(1000));
            plays.add(new FakePlay("trk" + seed + "x" + track, "Track " + track + ", \"live\"",
                    List.of("Artist " + track % 5, "Guest " + track % 3), at));
        }
        return plays;
    }

    public record Ranked(int rank, String trackId, long timesPlayed, Instant lastPlayed) {
    }

    /** The ranking computed here in plain Java: count desc, latest play desc, track id asc. */
    public static List<Ranked> expectedTopTen(List<FakePlay> plays) {
        Map<String, Long> counts = new HashMap<>();
        Map<String, Instant> last = new HashMap<>();
        for (FakePlay play : plays) {
            counts.merge(play.trackId(), 1L, Long::sum);
            last.merge(play.trackId(), play.playedAt(), (a, b) -> a.isAfter(b) ? a : b);
        }
        List<String> order = counts.keySet().stream()
                .sorted(Comparator.<String, Long>comparing(counts::get).reversed()
                        .thenComparing(Comparator.<String, Instant>comparing(last::get).reversed())
                        .thenComparing(Comparator.naturalOrder()))
                .limit(10)
                .toList();
        List<Ranked> ranked = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
            String id = order.get(i);
            ranked.add(new Ranked(i + 1, id, counts.get(id), last.get(id)));
        }
        return ranked;
    }

    /** A play as the pipeline stores one Spotify listed, for writing lake objects directly. */
    public static io.spotifyinsights.play.Play toPlay(String listener, FakePlay play, Instant uploadedAt) {
        return new io.spotifyinsights.play.Play(play.trackId(), play.trackName(), String.join(", ", play.artists()),
                play.playedAt(), 200_000L, "3:20", "https://open.spotify.com/track/" + play.trackId(), uploadedAt,
                io.spotifyinsights.play.Play.uniqueId(listener, play.playedAt()), null, null, null, null, null, null,
                null, null, null, null, null, null, listener, "spotify:track:" + play.trackId(), null, null, null,
                null, null, null, io.spotifyinsights.play.PlaySource.API);
    }
}
