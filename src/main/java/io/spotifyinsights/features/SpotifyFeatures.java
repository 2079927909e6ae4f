package io.spotifyinsights.features;

import java.util.Collection;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.spotifyinsights.spotify.AudioFeaturesResult;
import io.spotifyinsights.spotify.SpotifyClient;
import io.spotifyinsights.spotify.SpotifyException;

/** Spotify's own {@code GET /v1/audio-features} (100 ids a call), refused to apps registered since November 2024. */
final class SpotifyFeatures implements FeaturesProvider {

    static final String NAME = "spotify";
    private static final Logger log = LoggerFactory.getLogger(SpotifyFeatures.class);

    private final SpotifyClient spotify;

    SpotifyFeatures(SpotifyClient spotify) {
        this.spotify = spotify;
    }

    @Override
    public FeaturesAnswer features(Collection<String> trackIds) {
        if (trackIds.isEmpty()) {
            return FeaturesAnswer.nothingAsked();
        }
        try {
            AudioFeaturesResult result = spotify.audioFeatures(trackIds);
            return result.unavailable() ? new FeaturesAnswer(java.util.Map.of(), null, true, null)
                    : new FeaturesAnswer(result.byTrackId(), NAME, false, null);
        } catch (SpotifyException e) {
            log.warn("No audio features from Spotify this time ({}); the plays are stored without them", e.getMessage());
            return new FeaturesAnswer(java.util.Map.of(), null, false, e.getMessage());
        }
    }
}
