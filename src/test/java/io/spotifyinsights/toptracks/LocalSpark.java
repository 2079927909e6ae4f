package io.spotifyinsights.toptracks;

import java.util.Map;

import org.apache.spark.sql.SparkSession;

/** One local Spark session for the tests that need one (a session costs seconds to start). */
final class LocalSpark {

    private static final SparkSessionProvider SESSION = new SparkSessionProvider(
            new SparkProperties("local[2]", "spotify-insights-test", 2, false, "127.0.0.1", "", Map.of()));

    private LocalSpark() {
    }

    static SparkSession session() {
        return SESSION.get();
    }
}
