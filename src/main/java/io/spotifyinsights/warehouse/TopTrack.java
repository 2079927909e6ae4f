package io.spotifyinsights.warehouse;

import java.time.Instant;

/**
 * One row of {@code top_tracks}: a track among the listener's ten most played, over all time. Name, artists, link
 * and audio features are the track's latest known ones (features: from the latest play that has them).
 */
public record TopTrack(
        String listenerId,
        int rank,
        String trackId,
        String trackUri,
        String trackName,
        String artists,
        String spotifyUrl,
        long timesPlayed,
        Instant lastPlayed,
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
        Integer timeSignature) {
}
