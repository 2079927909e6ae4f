package io.spotifyinsights.features;

import java.util.Collection;

/**
 * Where audio features come from — the provider {@code insights.features.provider} names. Asking never fails a run:
 * a provider that refuses or is down answers so, the plays are stored without features, and they come later.
 */
public interface FeaturesProvider {

    /** Features of these Spotify track ids; a track the provider doesn't know is absent from the answer. */
    FeaturesAnswer features(Collection<String> trackIds);
}
