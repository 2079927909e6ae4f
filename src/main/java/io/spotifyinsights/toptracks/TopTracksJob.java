package io.spotifyinsights.toptracks;

import java.util.function.Supplier;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Reads {@code plays}, ranks, and replaces {@code top_tracks}. Where the tables live is {@link TopTracksTables}'s. */
public final class TopTracksJob {

    static final String JOB_GROUP = "insights-top-tracks";

    private final Supplier<SparkSession> spark;
    private final TopTracksTables tables;

    public TopTracksJob(Supplier<SparkSession> spark, TopTracksTables tables) {
        this.spark = spark;
        this.tables = tables;
    }

    /** @return the rows now in {@code top_tracks} */
    public long run() {
        SparkSession session = spark.get();
        // Its Spark jobs are one group, so cancel() from another thread reaches them; interrupting is safe here.
        session.sparkContext().setJobGroup(JOB_GROUP, "the top ten", true);
        Dataset<Row> topTracks = TopTracksRanking.rank(tables.readPlays(session)).cache();
        try {
            long rows = topTracks.count();
            tables.replaceTopTracks(topTracks);
            return rows;
        } finally {
            topTracks.unpersist();
            session.sparkContext().clearJobGroup();
        }
    }

    /**
     * Cancels a {@link #run()} going in another thread: it ends with an exception, and {@code top_tracks} stays as it
     * was (it is replaced at once or not at all).
     */
    public void cancel() {
        spark.get().sparkContext().cancelJobGroup(JOB_GROUP);
    }
}
