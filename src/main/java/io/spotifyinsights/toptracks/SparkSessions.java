package io.spotifyinsights.toptracks;

import java.util.Map;

import org.apache.spark.sql.SparkSession;

/** Builds the session the top-ten job runs in, from {@link SparkProperties}. */
public final class SparkSessions {

    private SparkSessions() {
    }

    public static SparkSession create(SparkProperties properties) {
        SparkSession.Builder builder = SparkSession.builder()
                .appName(properties.appName())
                .master(properties.master())
                .config("spark.ui.enabled", properties.uiEnabled())
                .config("spark.sql.shuffle.partitions", properties.shufflePartitions())
                // Spark otherwise binds a non-loopback interface.
                .config("spark.driver.host", properties.driverHost())
                .config("spark.driver.bindAddress", properties.driverHost())
                // Timestamps Parquet readers other than Spark understand (the default INT96 is Spark's own).
                .config("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS")
                .config("spark.sql.session.timeZone", "UTC")
                // What Spark writes under the data directory is owner-only, like everything the service keeps.
                .config("spark.hadoop.fs.permissions.umask-mode", "077");
        if (!properties.jars().isBlank()) {
            builder.config("spark.jars", properties.jars());
        }
        for (Map.Entry<String, String> setting : properties.conf().entrySet()) {
            builder.config(setting.getKey(), setting.getValue());
        }
        return builder.getOrCreate();
    }
}
