package io.spotifyinsights.toptracks;

import java.util.function.Supplier;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Reads {@code plays}, ranks, and replaces {@code top_tracks}. Where the tables live is {@link TopTracksTables}'s. */
public final class TopTracksJob {

    private final Supplier<SparkSession> spark;
    private final TopTracksTables tables;

    public TopTracksJob(Supplier<SparkSession> spark, TopTracksTables tables) {
        this.spark = spark;
        this.tables = tables;
    }

    /** @return the rows now in {@code top_tracks} */
    public long run() {
        Dataset<Row> topTracks = TopTracksRanking.rank(tables.readPlays(spark.get())).cache();
        try {
            long rows = topTracks.count();
            tables.replaceTopTracks(topTracks);
            return rows;
        } finally {
            topTracks.unpersist();
        }
    }
}
