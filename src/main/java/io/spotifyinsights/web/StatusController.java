package io.spotifyinsights.web;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.spotifyinsights.history.Listeners;
import io.spotifyinsights.history.SampleData;
import io.spotifyinsights.pipeline.RunHistory;
import io.spotifyinsights.spotify.SpotifyAuthorization;
import io.spotifyinsights.spotify.SpotifyClient;
import io.spotifyinsights.warehouse.FeatureCoverage;

/** What the dashboard needs to say before it shows data: is an account connected, and can features be shown. */
@RestController
class StatusController {

    private final SpotifyClient spotify;
    private final RunHistory runHistory;
    private final Listeners listeners;
    private final SampleData sampleData;

    StatusController(SpotifyClient spotify, RunHistory runHistory, Listeners listeners, SampleData sampleData) {
        this.spotify = spotify;
        this.runHistory = runHistory;
        this.listeners = listeners;
        this.sampleData = sampleData;
    }

    @GetMapping("/api/status")
    Status status() {
        SpotifyAuthorization authorization = spotify.authorization();
        RunHistory.FeaturesSeen features = runHistory.lastFeatures();
        return new Status(authorization.state().name(), authorization.message(), spotify.canConnect(),
                spotify.missingSettings(), spotify.redirectUri(), listeners.shown().orElse(null),
                features.unavailable(), features.provider(), features.coverage(), sampleData.present());
    }

    /**
     * @param spotify             {@code NOT_CONFIGURED}, {@code UNVERIFIED}, {@code AUTHORIZED} or {@code REVOKED}
     * @param canConnect          the app's credentials are set, so /connect works
     * @param listenerId          whose plays the dashboard shows
     * @param featuresUnavailable the latest run that asked found Spotify refusing audio features to this app and no
     *                            other provider giving them
     * @param featuresProvider    who gave the latest run's audio features ({@code spotify}, {@code reccobeats})
     * @param featureProgress     how far the tracks of stored plays have their features, after the latest run
     * @param sampleData          the invented sample history is there (until an account connects or an import starts)
     */
    record Status(String spotify, String action, boolean canConnect, List<String> missingSettings, String redirectUri,
            String listenerId, Boolean featuresUnavailable, String featuresProvider, FeatureCoverage featureProgress,
            boolean sampleData) {
    }
}
