package io.spotifyinsights.warehouse;

import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.google.cloud.bigquery.BigQuery;

import io.spotifyinsights.InsightsProperties;
import io.spotifyinsights.lake.Lake;
import io.spotifyinsights.play.EpisodeFields;
import io.spotifyinsights.play.PlayFields;
import io.spotifyinsights.play.TrackFields;

/** The warehouse {@code insights.warehouse.type} selects; the batch steps only see {@link Warehouse}. */
@Configuration(proxyBeanMethods = false)
class WarehouseConfiguration {

    /** The embedded default: {@code <data-dir>/warehouse/insights.duckdb}, Parquet hand-offs beside it. */
    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "insights.warehouse.type", havingValue = "embedded", matchIfMissing = true)
    DuckDbWarehouse duckDbWarehouse(InsightsProperties insights, Lake lake, PlayFields playFields,
            EpisodeFields episodeFields, TrackFields trackFields, Clock clock) {
        return new DuckDbWarehouse(insights.dataDir().resolve("warehouse/insights.duckdb"),
                insights.dataDir().resolve("warehouse/exchange"), lake, playFields, episodeFields, trackFields, clock);
    }

    @Bean
    @ConditionalOnProperty(name = "insights.warehouse.type", havingValue = "bigquery")
    BigQueryWarehouse bigQueryWarehouse(WarehouseProperties warehouse, BigQuery bigQuery, Lake lake,
            PlayFields playFields, EpisodeFields episodeFields, TrackFields trackFields) {
        return new BigQueryWarehouse(bigQuery, warehouse.bigquery().dataset(), lake, playFields, episodeFields,
                trackFields);
    }
}
