package io.spotifyinsights.spotify;

import java.util.Map;

/**
 * Audio features by track id. A track Spotify has no features for is absent.
 *
 * @param unavailable Spotify refuses audio features to this app (403, the endpoint is closed to apps registered
 *                    since November 2024): every track is absent, and the plays are stored without features
 */
public record AudioFeaturesResult(Map<String, AudioFeatures> byTrackId, boolean unavailable) {

    public AudioFeaturesResult {
        byTrackId = Map.copyOf(byTrackId);
    }

    static AudioFeaturesResult refused() {
        return new AudioFeaturesResult(Map.of(), true);
    }
}
