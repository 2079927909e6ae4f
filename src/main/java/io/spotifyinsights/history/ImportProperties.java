package io.spotifyinsights.history;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How Spotify's privacy exports are imported ({@code insights.import.*}).
 *
 * @param minMsPlayed            a record counts as a play when at least this long was played
 * @param includePrivateSessions whether records played in a private session count
 * @param matchTolerance         an imported play and one from the API for the same track this close in time are
 *                               one play (the API's {@code played_at} is not the export's {@code ts})
 * @param maxUploadSize          the largest upload taken through {@code POST /api/imports}
 * @param maxUncompressedSize    a zip that unpacks to more than this is refused (a zip bomb)
 * @param maxCompressionRatio    a zip entry that unpacks to more than this many times its packed size is refused
 * @param chunkSize              records per chunk: one lake object, one load, one commit of the import's progress
 */
@ConfigurationProperties("insights.import")
public record ImportProperties(
        @DefaultValue("30000") long minMsPlayed,
        @DefaultValue("false") boolean includePrivateSessions,
        @DefaultValue("60s") Duration matchTolerance,
        @DefaultValue("1GB") DataSize maxUploadSize,
        @DefaultValue("4GB") DataSize maxUncompressedSize,
        @DefaultValue("100") int maxCompressionRatio,
        @DefaultValue("50000") int chunkSize) {

    public ImportProperties {
        if (minMsPlayed < 0) {
            throw new IllegalArgumentException("insights.import.min-ms-played must be 0 or more, not " + minMsPlayed);
        }
        if (maxCompressionRatio < 2) {
            throw new IllegalArgumentException("insights.import.max-compression-ratio must be at least 2");
        }
        if (chunkSize < 1) {
            throw new IllegalArgumentException("insights.import.chunk-size must be at least 1");
        }
    }
}
