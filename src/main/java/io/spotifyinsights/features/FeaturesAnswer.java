package io.spotifyinsights.features;

import java.util.Map;

import io.spotifyinsights.spotify.AudioFeatures;

/**
 * What a features provider answered.
 *
 * @param byTrackId      features by Spotify track id; unknown tracks are absent
 * @param provider       who gave them ({@code spotify}, {@code reccobeats}); null when nobody did
 * @param spotifyRefused Spotify refuses audio features to this app (403, as to every app registered since
 *                       November 2024)
 * @param problem        why no provider answered (down, rate-limited), saying what to do; null when one did
 */
public record FeaturesAnswer(Map<String, AudioFeatures> byTrackId, String provider, boolean spotifyRefused,
        String problem) {

    public FeaturesAnswer {
        byTrackId = Map.copyOf(byTrackId);
    }

    static FeaturesAnswer nothingAsked() {
        return new FeaturesAnswer(Map.of(), null, false, null);
    }

    /** Whether a provider answered (knowing the tracks or not). */
    public boolean answered() {
        return provider != null;
    }
}
