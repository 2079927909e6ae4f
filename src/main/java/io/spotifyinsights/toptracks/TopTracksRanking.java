package io.spotifyinsights.toptracks;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import java.util.List;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Each listener's ten most played tracks over all time: by play count, then the latest play, then track id — so
 * the tenth place is decided, not random as in the pipeline this replaces. Name, artists and link come from the
 * track's latest play; audio features from its latest play that has them.
 */
public final class TopTracksRanking {

    static final int TOP = 10;
    static final List<String> FEATURES = List.of("danceability", "energy", "key", "loudness", "mode", "speechiness",
            "acousticness", "instrumentalness", "liveness", "valence", "tempo", "time_signature");

    private TopTracksRanking() {
    }

    public static Dataset<Row> rank(Dataset<Row> plays) {
        // A track is its URI (local files have no id); imported plays without one are told apart by name.
        Column track = coalesce(col("track_uri"), col("track_id"), concat_ws(" — ", col("artists"), col("track_name")));
        Column anyFeature = FEATURES.stream().map(feature -> col(feature).isNotNull()).reduce(Column::or).orElseThrow();
        Column features = struct(FEATURES.stream().map(feature -> col(feature)).toArray(Column[]::new));

        Dataset<Row> perTrack = plays
                .withColumn("track", track)
                .groupBy(col("listener_id"), col("track"))
                .agg(count(lit(1)).as("times_played"),
                        max("played_at").as("last_played"),
                        max_by(struct(col("track_id"), col("track_uri"), col("track_name"), col("artists"),
                                col("spotify_url")), col("played_at")).as("latest"),
                        max_by(features, when(anyFeature, col("played_at"))).as("features"));

        Column order = row_number().over(Window.partitionBy("listener_id").orderBy(
                col("times_played").desc(), col("last_played").desc(), col("latest.track_id").asc_nulls_last(),
                col("track").asc()));

        Column[] output = new Column[9 + FEATURES.size()];
        output[0] = col("listener_id");
        output[1] = col("rank").cast("int");
        output[2] = col("latest.track_id").as("track_id");
        output[3] = col("latest.track_uri").as("track_uri");
        output[4] = col("latest.track_name").as("track_name");
        output[5] = col("latest.artists").as("artists");
        output[6] = col("latest.spotify_url").as("spotify_url");
        output[7] = col("times_played").cast("long");
        output[8] = col("last_played");
        for (int i = 0; i < FEATURES.size(); i++) {
            output[9 + i] = col("features." + FEATURES.get(i)).as(FEATURES.get(i));
        }
        return perTrack.withColumn("rank", order)
                .where(col("rank").leq(TOP))
                .select(output);
    }
}
