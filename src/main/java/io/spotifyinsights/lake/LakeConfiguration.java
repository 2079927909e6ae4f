package io.spotifyinsights.lake;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.google.cloud.storage.Storage;

import io.spotifyinsights.InsightsProperties;

/** The lake {@code insights.lake.type} selects; the batch steps only see {@link Lake}. */
@Configuration(proxyBeanMethods = false)
class LakeConfiguration {

    /** The embedded default: a folder, {@code <data-dir>/lake}. */
    @Bean
    @ConditionalOnProperty(name = "insights.lake.type", havingValue = "local", matchIfMissing = true)
    Lake localLake(InsightsProperties insights) {
        return new LocalLake(insights.dataDir().resolve(LocalLake.FOLDER));
    }

    @Bean
    @ConditionalOnProperty(name = "insights.lake.type", havingValue = "gcs")
    Lake gcsLake(LakeProperties lake, Storage storage) {
        String bucket = lake.gcs().bucket();
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalStateException("insights.lake.type is gcs but no bucket is set: set "
                    + "INSIGHTS_LAKE_GCS_BUCKET (insights.lake.gcs.bucket) — terraform output lake_bucket names it");
        }
        return new GcsLake(storage, bucket);
    }
}
