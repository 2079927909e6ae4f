package io.spotifyinsights.toptracks;

import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.google.cloud.bigquery.BigQuery;

import io.spotifyinsights.warehouse.BigQueryWarehouse;
import io.spotifyinsights.warehouse.DuckDbWarehouse;
import io.spotifyinsights.warehouse.WarehouseProperties;

@Configuration(proxyBeanMethods = false)
class TopTracksConfiguration {

    @Bean(destroyMethod = "close")
    SparkSessionProvider sparkSessionProvider(SparkProperties properties) {
        return new SparkSessionProvider(properties);
    }

    @Bean
    @ConditionalOnProperty(name = "insights.warehouse.type", havingValue = "embedded", matchIfMissing = true)
    TopTracksTables embeddedTopTracksTables(DuckDbWarehouse warehouse, Clock clock) {
        return new EmbeddedTopTracksTables(warehouse, clock);
    }

    @Bean
    @ConditionalOnProperty(name = "insights.warehouse.type", havingValue = "bigquery")
    TopTracksTables bigQueryTopTracksTables(BigQuery bigQuery, WarehouseProperties warehouse,
            BigQueryWarehouse bigQueryWarehouse) {
        // The project the BigQuery client settled on (from settings or credentials) is the one Spark must use.
        return new BigQueryTopTracksTables(bigQuery.getOptions().getProjectId(), warehouse.bigquery().dataset(),
                bigQueryWarehouse::topTracksComputed);
    }

    @Bean
    TopTracksJob topTracksJob(SparkSessionProvider sparkSession, TopTracksTables tables) {
        return new TopTracksJob(sparkSession, tables);
    }
}
