package io.spotifyinsights.toptracks;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.spotifyinsights.warehouse.DuckDbWarehouse;

@Configuration(proxyBeanMethods = false)
class TopTracksConfiguration {

    @Bean(destroyMethod = "close")
    SparkSessionProvider sparkSessionProvider(SparkProperties properties) {
        return new SparkSessionProvider(properties);
    }

    @Bean
    TopTracksTables embeddedTopTracksTables(DuckDbWarehouse warehouse, Clock clock) {
        return new EmbeddedTopTracksTables(warehouse, clock);
    }

    @Bean
    TopTracksJob topTracksJob(SparkSessionProvider sparkSession, TopTracksTables tables) {
        return new TopTracksJob(sparkSession, tables);
    }
}
