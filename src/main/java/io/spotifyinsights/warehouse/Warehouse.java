package io.spotifyinsights.warehouse;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.spotifyinsights.play.Play;

/**
 * Where plays are kept for good, each exactly once, and where the top ten is read from: an embedded database file
 * on the embedded default, BigQuery on Google Cloud.
 */
public interface Warehouse {

    /** The newest {@code played_at} already stored for the listener; empty before the first load. */
    Optional<Instant> watermark(String listenerId);

    /**
     * Loads one lake object of plays. Idempotent on {@code unique_id}: loading the same object twice, or objects that
     * overlap, leaves each play once. All or nothing: a bad row fails the load and nothing of the object is kept.
     */
    LoadResult load(String lakeKey);

    /** The listener's stored top ten, rank 1 first; empty before the first {@code topTracks} step. */
    List<TopTrack> topTracks(String listenerId);

    /** The listener's plays with {@code from <= played_at < to}, newest first, at most {@code limit}. */
    List<Play> plays(String listenerId, Instant from, Instant to, int limit);

    /**
     * Aggregates of the listener's plays with {@code from <= played_at < to}, computed by the warehouse so the
     * dashboard stays fast on millions of plays; days and hours are those of {@code zone}.
     */
    ListeningInsights insights(String listenerId, Instant from, Instant to, java.time.ZoneId zone);

    /** Checks that the warehouse answers a query now; the message says what to fix when it doesn't. */
    void checkReachable();
}
