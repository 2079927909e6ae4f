package io.spotifyinsights.warehouse;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.spotifyinsights.InsightsProperties;
import io.spotifyinsights.lake.Lake;
import io.spotifyinsights.play.PlayFields;

@Configuration(proxyBeanMethods = false)
class WarehouseConfiguration {

    /** The embedded default: {@code <data-dir>/warehouse/insights.duckdb}, Parquet hand-offs beside it. */
    @Bean(destroyMethod = "close")
    DuckDbWarehouse duckDbWarehouse(InsightsProperties insights, Lake lake, PlayFields playFields, Clock clock) {
        return new DuckDbWarehouse(insights.dataDir().resolve("warehouse/insights.duckdb"),
                insights.dataDir().resolve("warehouse/exchange"), lake, playFields, clock);
    }
}
