package io.spotifyinsights.toptracks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class TopTracksRankingTest {

    static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

    static final StructType PLAYS = new StructType()
            .add("listener_id", DataTypes.StringType)
            .add("track_id", DataTypes.StringType)
            .add("track_uri", DataTypes.StringType)
            .add("track_name", DataTypes.StringType)
            .add("artists", DataTypes.StringType)
            .add("spotify_url", DataTypes.StringType)
            .add("played_at", DataTypes.TimestampNTZType)
            .add("danceability", DataTypes.DoubleType)
            .add("energy", DataTypes.DoubleType)
            .add("key", DataTypes.LongType)
            .add("loudness", DataTypes.DoubleType)
            .add("mode", DataTypes.LongType)
            .add("speechiness", DataTypes.DoubleType)
            .add("acousticness", DataTypes.DoubleType)
            .add("instrumentalness", DataTypes.DoubleType)
            .add("liveness", DataTypes.DoubleType)
            .add("valence", DataTypes.DoubleType)
            .add("tempo", DataTypes.DoubleType)
            .add("time_signature", DataTypes.LongType);

    final List<Row> rows = new ArrayList<>();

    @Test
    void ranksByPlayCountThenLatestPlayThenTrackId() {
        plays("l1", "c", 3, 0);       // 3 plays, last at +2 min
        plays("l1", "a", 2, 100);     // 2 plays, last at +101 min: beats b on the later play
        plays("l1", "b", 2, 10);      // 2 plays, last at +11 min
        plays("l1", "e", 1, 200);     // 1 play at +200
        plays("l1", "d", 1, 200);     // same count and time as e: the smaller id wins

        List<Row> ranked = rank();

        assertThat(ranked).extracting(row -> row.getAs("track_id")).containsExactly("c", "a", "b", "d", "e");
        assertThat(ranked).extracting(row -> row.getAs("rank")).containsExactly(1, 2, 3, 4, 5);
        assertThat(ranked).extracting(row -> row.getAs("times_played")).containsExactly(3L, 2L, 2L, 1L, 1L);
        assertThat(ranked.get(1).<Object>getAs("last_played")).isEqualTo(local(T0.plusSeconds(101 * 60)));
    }

    @Test
    void keepsTenPerListenerAndRanksListenersApart() {
        for (int i = 0; i < 12; i++) {
            plays("l1", "t%02d".formatted(i), 12 - i, i * 20);
        }
        plays("l2", "t11", 5, 0);
        plays("l2", "t00", 1, 0);

        List<Row> ranked = rank();

        List<Row> first = ranked.stream().filter(row -> row.getAs("listener_id").equals("l1")).toList();
        List<Row> second = ranked.stream().filter(row -> row.getAs("listener_id").equals("l2")).toList();
        assertThat(first).hasSize(10);
        assertThat(first).extracting(row -> row.getAs("track_id"))
                .containsExactly("t00", "t01", "t02", "t03", "t04", "t05", "t06", "t07", "t08", "t09");
        assertThat(second).extracting(row -> row.getAs("track_id")).containsExactly("t11", "t00");
        assertThat(second).extracting(row -> row.getAs("rank")).containsExactly(1, 2);
    }

    @Test
    void takesNamesFromTheLatestPlayAndFeaturesFromTheLatestPlayThatHasThem() {
        rows.add(play("l1", "x", "Old name", T0, 0.1));
        rows.add(play("l1", "x", "Middle name", T0.plusSeconds(60), 0.7));
        rows.add(play("l1", "x", "New name", T0.plusSeconds(120), null));

        Row top = rank().get(0);

        assertThat(top.<String>getAs("track_name")).isEqualTo("New name");
        assertThat(top.<Double>getAs("danceability")).isEqualTo(0.7);
        assertThat(top.<Long>getAs("times_played")).isEqualTo(3L);
    }

    @Test
    void aTrackWithoutAnyFeaturesHasNullFeatures() {
        rows.add(play("l1", "x", "Song", T0, null));

        Row top = rank().get(0);

        assertThat(top.<Object>getAs("danceability")).isNull();
        assertThat(top.<Object>getAs("tempo")).isNull();
    }

    @Test
    void localFilesCountByTheirUri() {
        rows.add(RowFactory.create("l1", null, "spotify:local:a:b:song:200", "Song", "Me", null,
                local(T0), null, null, null, null, null, null, null, null, null, null, null, null));
        rows.add(RowFactory.create("l1", null, "spotify:local:a:b:song:200", "Song", "Me", null,
                local(T0.plusSeconds(300)), null, null, null, null, null, null, null, null, null, null, null, null));
        rows.add(play("l1", "x", "Other", T0, 0.5));

        Row top = rank().get(0);

        assertThat(top.<String>getAs("track_uri")).isEqualTo("spotify:local:a:b:song:200");
        assertThat(top.<Object>getAs("track_id")).isNull();
        assertThat(top.<Long>getAs("times_played")).isEqualTo(2L);
    }

    private List<Row> rank() {
        Dataset<Row> plays = LocalSpark.session().createDataFrame(rows, PLAYS);
        return TopTracksRanking.rank(plays).orderBy("listener_id", "rank").collectAsList();
    }

    private void plays(String listener, String track, int count, int startMinute) {
        for (int i = 0; i < count; i++) {
            rows.add(play(listener, track, "Track " + track, T0.plusSeconds(60L * (startMinute + i)), 0.5));
        }
    }

    static Row play(String listener, String track, String name, Instant at, Double danceability) {
        return RowFactory.create(listener, track, "spotify:track:" + track, name, "Artist", "https://x/" + track,
                local(at), danceability, danceability == null ? null : 0.4, danceability == null ? null : 5L,
                danceability == null ? null : -6.0, danceability == null ? null : 1L, null, null, null, null,
                danceability == null ? null : 0.3, danceability == null ? null : 121.0,
                danceability == null ? null : 4L);
    }

    static LocalDateTime local(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
