package io.spotifyinsights.play;

import java.time.Instant;

/**
 * What the service knows about a track — its names, length and audio features, and who gave them: a row of the
 * {@code tracks} table, one per Spotify track id. The components mirror tracks.schema.json one to one. The features
 * are also in the play columns schema.json keeps for the original pipeline's tables; the warehouse copies them from
 * here so every reader sees the same values.
 *
 * @param featuresProvider  {@code spotify} or {@code reccobeats}; null while no provider knows the track
 * @param featuresCheckedAt when a provider was last asked, whether it knew the track or not
 */
public record TrackInfo(
        String trackId,
        String trackName,
        String artists,
        String albumName,
        Long durationMs,
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
        String featuresProvider,
        Instant featuresCheckedAt) {
}
