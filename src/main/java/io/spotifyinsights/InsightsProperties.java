package io.spotifyinsights;

import java.nio.file.Path;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings shared by every capability.
 *
 * @param dataDir where the service keeps its state on the embedded default: the lake folder, the warehouse
 *                file, batch history and the stored refresh token. Keep it out of version control.
 */
@Validated
@ConfigurationProperties("insights")
public record InsightsProperties(@NotNull @DefaultValue("./data") Path dataDir) {
}
