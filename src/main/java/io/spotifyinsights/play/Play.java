package io.spotifyinsights.play;

import java.time.Instant;

/**
 * One play of one track by one listener: a row of the {@code plays} table.
 *
 * <p>The components mirror schema.json one to one (component {@code trackId} is column {@code track_id}); {@link
 * PlayFields} binds them by name and refuses to start when the two disagree, so adding a column means adding it to
 * schema.json and here, nothing else.
 */
public record Play(
        String trackId,
        String trackName,
        String artists,
        Instant playedAt,
        Long durationMs,
        String trackDuration,
        String spotifyUrl,
        Instant uploadTimestamp,
        String uniqueId,
        Double danceability,
        Double energy,
        Integer key,
        Double loudness,
        Integer mode,
        Double speechiness,
        Double acousticness,
        Double instrumentalness,
        Double liveness,
        Double valence,
        Double tempo,
        Integer timeSignature,
        String listenerId,
        String trackUri,
        String albumId,
        String albumName,
        String artistIds,
        String contextType,
        String contextUri,
        Long msPlayed,
        PlaySource source) {

    /** The deterministic play key: the same listener and end time always give the same id. */
    public static String uniqueId(String listenerId, Instant playedAt) {
        return listenerId + "-" + playedAt.toEpochMilli();
    }

    /** This play under another key: the key of the stored play it is the same as (see {@link PlayMatcher}). */
    public Play withUniqueId(String key) {
        return new Play(trackId, trackName, artists, playedAt, durationMs, trackDuration, spotifyUrl, uploadTimestamp,
                key, danceability, energy, this.key, loudness, mode, speechiness, acousticness, instrumentalness,
                liveness, valence, tempo, timeSignature, listenerId, trackUri, albumId, albumName, artistIds,
                contextType, contextUri, msPlayed, source);
    }

    /** A track's length as the original pipeline showed it: minutes and zero-padded seconds, e.g. {@code 3:07}. */
    public static String trackDuration(long durationMs) {
        long totalSeconds = durationMs / 1000;
        return "%d:%02d".formatted(totalSeconds / 60, totalSeconds % 60);
    }
}
