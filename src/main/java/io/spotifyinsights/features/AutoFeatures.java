package io.spotifyinsights.features;

import java.util.Collection;

/**
 * Spotify while it gives audio features, ReccoBeats once it refuses them (or can't be reached). Spotify's refusal
 * is remembered for {@code spotify.features-refusal-memory}, so meanwhile only ReccoBeats is asked.
 */
final class AutoFeatures implements FeaturesProvider {

    private final FeaturesProvider spotify;
    private final FeaturesProvider reccoBeats;

    AutoFeatures(FeaturesProvider spotify, FeaturesProvider reccoBeats) {
        this.spotify = spotify;
        this.reccoBeats = reccoBeats;
    }

    @Override
    public FeaturesAnswer features(Collection<String> trackIds) {
        FeaturesAnswer first = spotify.features(trackIds);
        if (first.answered() || trackIds.isEmpty()) {
            return first;
        }
        FeaturesAnswer fallback = reccoBeats.features(trackIds);
        return new FeaturesAnswer(fallback.byTrackId(), fallback.provider(), first.spotifyRefused(),
                fallback.answered() ? null : fallback.problem());
    }
}
