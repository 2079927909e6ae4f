package io.spotifyinsights.warehouse;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which warehouse keeps the plays.
 *
 * @param type     {@code embedded}: a DuckDB file under the data directory; {@code bigquery}: a BigQuery dataset
 * @param bigquery the dataset, when {@code type} is {@code bigquery}
 */
@ConfigurationProperties("insights.warehouse")
public record WarehouseProperties(@DefaultValue("embedded") Type type, @DefaultValue BigQuery bigquery) {

    public enum Type { EMBEDDED, BIGQUERY }

    /** @param dataset the dataset holding {@code plays} and {@code top_tracks} (terraform output bigquery_dataset) */
    public record BigQuery(@DefaultValue("spotify_insights") String dataset) {
    }
}
