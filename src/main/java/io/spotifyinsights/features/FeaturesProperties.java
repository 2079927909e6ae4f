package io.spotifyinsights.features;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the audio features of tracks come from; every key documented in application.yml.
 *
 * @param provider      {@code auto}: Spotify while it gives them, ReccoBeats once it refuses; {@code spotify},
 *                      {@code reccobeats} or {@code none}
 * @param reccobeatsUrl  ReccoBeats' base URL; change it only to point at a recording or a test server
 * @param backfillPerRun tracks asked about per run, so a run stays short after an import of years
 * @param recheckAfter   a track no provider knew is asked about again after this long
 */
@Validated
@ConfigurationProperties("insights.features")
public record FeaturesProperties(
        @NotNull @DefaultValue("auto") Provider provider,
        @NotNull @DefaultValue("https://api.reccobeats.com") URI reccobeatsUrl,
        @NotNull @DefaultValue("10s") Duration connectTimeout,
        @NotNull @DefaultValue("30s") Duration readTimeout,
        @NotNull @DefaultValue("60s") Duration maxRateLimitWait,
        @Min(1) @DefaultValue("3") int maxAttempts,
        @NotNull @DefaultValue("1s") Duration initialBackoff,
        @Min(1) @DefaultValue("1000") int backfillPerRun,
        @NotNull @DefaultValue("30d") Duration recheckAfter) {

    public enum Provider {
        AUTO, SPOTIFY, RECCOBEATS, NONE
    }
}
