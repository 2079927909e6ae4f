package io.spotifyinsights.lake;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.spotifyinsights.InsightsProperties;

@Configuration(proxyBeanMethods = false)
class LakeConfiguration {

    /** The embedded default: a folder, {@code <data-dir>/lake}. */
    @Bean
    Lake localLake(InsightsProperties insights) {
        return new LocalLake(insights.dataDir().resolve("lake"));
    }
}
