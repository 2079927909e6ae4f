package io.spotifyinsights.toptracks;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * The BigQuery warehouse's side of the Spark job, through the spark-bigquery connector: {@code plays} is read with
 * the BigQuery Storage Read API (only the columns the ranking uses), {@code top_tracks} is overwritten with the
 * Storage Write API — no temporary bucket. On a cluster, the connector jar must reach the executors
 * ({@code insights.spark.jars}).
 */
public final class BigQueryTopTracksTables implements TopTracksTables {

    static final String FORMAT = "bigquery";

    private final String project;
    private final String dataset;
    private final Runnable computed;

    /** @param computed told once {@code top_tracks} is replaced, so the warehouse knows how fresh it is */
    public BigQueryTopTracksTables(String project, String dataset, Runnable computed) {
        this.project = project;
        this.dataset = dataset;
        this.computed = computed;
    }

    @Override
    public Dataset<Row> readPlays(SparkSession spark) {
        return spark.read().format(FORMAT).option("table", table("plays")).load();
    }

    @Override
    public void replaceTopTracks(Dataset<Row> topTracks) {
        topTracks.write().format(FORMAT)
                .option("table", table("top_tracks"))
                .option("writeMethod", "direct")
                .mode(SaveMode.Overwrite)
                .save();
        computed.run();
    }

    public String table(String name) {
        return project + "." + dataset + "." + name;
    }
}
