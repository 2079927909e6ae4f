package io.spotifyinsights.warehouse;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import io.spotifyinsights.play.Play;
import io.spotifyinsights.play.StoredEpisode;
import io.spotifyinsights.play.StoredPlay;
import io.spotifyinsights.play.TrackInfo;

/**
 * Where plays are kept, each exactly once, and where the top ten is read from: an embedded database file on the
 * embedded default, BigQuery on Google Cloud. It holds nothing the lake doesn't: every play arrives through
 * {@link #load} from a lake object, and {@link #rebuild} makes it again from the lake alone.
 */
public interface Warehouse {

    /**
     * The newest {@code played_at} of a play Spotify's API gave for the listener; empty before the first. Imports
     * don't move it: what the hourly run asks Spotify for depends on what Spotify showed, nothing else.
     */
    Optional<Instant> watermark(String listenerId);

    /** The listener's plays with {@code from <= played_at < to}, oldest first, as much as matching them needs. */
    void storedPlays(String listenerId, Instant from, Instant to, Consumer<StoredPlay> each);

    /** The listener's stored episodes with {@code from <= played_at < to}, as much as an import's matching needs. */
    void storedEpisodes(String listenerId, Instant from, Instant to, Consumer<StoredEpisode> each);

    /**
     * Tracks of stored plays that have no audio features and that no provider was asked about since
     * {@code askedBefore} (or ever), most played first, with the names their newest play gives: what the features
     * backfill asks about next.
     */
    List<TrackInfo> tracksToAsk(Instant askedBefore, int limit);

    /** How far the tracks of stored plays have their features; {@code askedBefore} as for {@link #tracksToAsk}. */
    FeatureCoverage featureCoverage(Instant askedBefore);

    /**
     * Loads lake objects of plays (and of episodes and tracks, into their own tables; a track's features are copied
     * to its plays) and records them as loaded. Idempotent on {@code unique_id}: loading the same
     * object twice, or objects that overlap, leaves each play once; rows of one key are merged by {@link PlayMerge}'s
     * rule, with the stored play of that key too. All or nothing: a bad row in any object fails the load and nothing
     * of it is kept.
     */
    LoadResult load(Collection<String> lakeKeys);

    default LoadResult load(String lakeKey) {
        return load(List.of(lakeKey));
    }

    /**
     * Removes a listener's plays, episodes and top ten, and the record of these lake objects (already deleted from the lake),
     * at once — how a listener's data leaves when its lake objects are gone, without a rebuild.
     */
    void forget(String listenerId, Collection<String> lakeKeys);

    /** The lake objects whose plays the warehouse holds. */
    Set<String> loadedKeys();

    /**
     * Makes {@code plays} and {@code episodes} exactly the distinct rows of these lake objects, at once: readers see the old plays until
     * the new ones are all there.
     */
    LoadResult rebuild(Collection<String> lakeKeys);

    /** When plays last changed (a load that inserted some, or a rebuild); empty before any. */
    Optional<Instant> playsChangedAt();

    /** When {@code top_tracks} was last computed; empty before the first time. */
    Optional<Instant> topTracksComputedAt();

    /** The listener's stored top ten, rank 1 first; empty before the first {@code topTracks} step. */
    List<TopTrack> topTracks(String listenerId);

    /** The listener's plays with {@code from <= played_at < to}, newest first, at most {@code limit}. */
    List<Play> plays(String listenerId, Instant from, Instant to, int limit);

    /**
     * Aggregates of the listener's plays with {@code from <= played_at < to}, computed by the warehouse so the
     * dashboard stays fast on millions of plays; days and hours are those of {@code zone}.
     */
    ListeningInsights insights(String listenerId, Instant from, Instant to, ZoneId zone);

    /** Checks that the warehouse answers a query now; the message says what to fix when it doesn't. */
    void checkReachable();
}
