package io.spotifyinsights.spotify;

/** A track's audio features as Spotify computes them; any value may be missing. */
public record AudioFeatures(
        String id,
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
