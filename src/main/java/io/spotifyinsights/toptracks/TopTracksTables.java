package io.spotifyinsights.toptracks;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Where the Spark job reads {@code plays} and writes {@code top_tracks}: a columnar hand-off with the embedded
 * warehouse, or BigQuery through the spark-bigquery connector.
 */
public interface TopTracksTables {

    /** All plays, with at least the columns the ranking uses, readable by the session's executors. */
    Dataset<Row> readPlays(SparkSession spark);

    /** Replaces {@code top_tracks} as a whole with these rows (columns as {@link io.spotifyinsights.warehouse.TopTrack}). */
    void replaceTopTracks(Dataset<Row> topTracks);
}
