package io.spotifyinsights.spotify;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A track's audio features as Spotify computes them (and its JSON names them); any value may be missing. */
@JsonIgnoreProperties(ignoreUnknown = true)
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
        @JsonProperty("time_signature") Integer timeSignature) {
}
