import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.spotifyinsights.lake.LocalLake;
import io.spotifyinsights.play.EpisodeFields;
import io.spotifyinsights.play.TrackFields;
import io.spotifyinsights.play.PlayFields;
import io.spotifyinsights.play.TableSchema;
import io.spotifyinsights.play.SchemaColumn;
import io.spotifyinsights.toptracks.EmbeddedTopTracksTables;
import io.spotifyinsights.toptracks.SparkProperties;
import io.spotifyinsights.toptracks.SparkSessionProvider;
import io.spotifyinsights.toptracks.TopTracksJob;
import io.spotifyinsights.warehouse.DuckDbWarehouse;

/**
 * The topTracks step alone on N synthetic plays in the embedded warehouse, against the same ranking run directly
 * in DuckDB, in one process and one run so the ratio is fair on a noisy machine. Run by bench/run.sh:
 * {@code java <add-opens> -cp target/classes:<runtime classpath> bench/TopTracksBenchmark.java WORK_DIR N...}
 */
public class TopTracksBenchmark {

    static final int REPEATS = 3;

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        List<Long> sizes = Arrays.stream(args).skip(1).map(Long::parseLong).toList();
        PlayFields fields = new PlayFields(TableSchema.load());
        try (SparkSessionProvider spark = new SparkSessionProvider(new SparkProperties("local[*]",
                "top-tracks-benchmark", Runtime.getRuntime().availableProcessors() * 2, false, "127.0.0.1", "",
                Map.of()))) {
            long started = System.nanoTime();
            spark.get();
            System.out.printf("Spark session start: %.2f s (paid once per service start)%n", seconds(started));
            System.out.printf("%12s %14s %16s %18s %18s %8s%n", "plays", "insert (s)", "mirror build (s)",
                    "topTracks step (s)", "DuckDB query (s)", "ratio");
            for (long size : sizes) {
                run(work.resolve("n" + size), size, fields, spark);
            }
        }
    }

    static void run(Path dir, long plays, PlayFields fields, SparkSessionProvider spark) throws Exception {
        Files.createDirectories(dir);
        Path database = dir.resolve("insights.duckdb");
        try (DuckDbWarehouse warehouse = new DuckDbWarehouse(database, dir.resolve("exchange"),
                new LocalLake(dir.resolve("lake")), fields, EpisodeFields.packaged(),
                    TrackFields.packaged(), Clock.systemUTC());
                Connection db = DriverManager.getConnection("jdbc:duckdb:" + database);
                Statement sql = db.createStatement()) {
            long started = System.nanoTime();
            sql.execute("INSERT INTO plays SELECT " + syntheticColumns(fields.schema()) + " FROM range(" + plays + ")");
            double insert = seconds(started);

            started = System.nanoTime();
            warehouse.preparePlaysForSpark();
            double mirror = seconds(started);

            TopTracksJob job = new TopTracksJob(spark, new EmbeddedTopTracksTables(warehouse, Clock.systemUTC()));
            job.run(); // warm-up: JIT and Spark's planning caches
            List<Double> step = new ArrayList<>();
            for (int i = 0; i < REPEATS; i++) {
                started = System.nanoTime();
                job.run();
                step.add(seconds(started));
            }

            List<Double> duck = new ArrayList<>();
            long checksum = 0;
            for (int i = 0; i < REPEATS + 1; i++) {
                started = System.nanoTime();
                try (ResultSet rows = sql.executeQuery(RANKING_IN_DUCKDB)) {
                    while (rows.next()) {
                        checksum += rows.getLong("times_played");
                    }
                }
                if (i > 0) {
                    duck.add(seconds(started));
                }
            }
            long sparkChecksum = warehouse.topTracks("bench-listener").stream().mapToLong(t -> t.timesPlayed()).sum();
            if (checksum / (REPEATS + 1) != sparkChecksum) {
                throw new IllegalStateException("Spark and DuckDB disagree on the top ten: " + sparkChecksum + " vs "
                        + checksum / (REPEATS + 1));
            }
            double stepMedian = median(step);
            double duckMedian = median(duck);
            System.out.printf("%12d %14.2f %16.2f %18.2f %18.3f %7.1fx%n", plays, insert, mirror, stepMedian,
                    duckMedian, stepMedian / duckMedian);
        }
    }

    /** The same ranking as TopTracksRanking, in DuckDB's SQL. */
    static final String RANKING_IN_DUCKDB = """
            SELECT * FROM (
              SELECT listener_id, coalesce(track_uri, track_id) AS track, count(*) AS times_played,
                     max(played_at) AS last_played, arg_max(track_id, played_at) AS track_id,
                     arg_max(track_name, played_at) AS track_name, arg_max(artists, played_at) AS artists,
                     arg_max(danceability, CASE WHEN danceability IS NOT NULL THEN played_at END) AS danceability,
                     row_number() OVER (PARTITION BY listener_id
                         ORDER BY count(*) DESC, max(played_at) DESC, arg_max(track_id, played_at) ASC NULLS LAST) AS rank
              FROM plays GROUP BY listener_id, coalesce(track_uri, track_id))
            WHERE rank <= 10""";

    /** One expression per schema.json column: ~100 k distinct tracks, Zipf-like popularity, one listener. */
    static String syntheticColumns(TableSchema schema) {
        Map<String, String> known = Map.of(
                "track_id", "'t' || CAST(floor(pow(random(), 3) * 100000) AS BIGINT)",
                "played_at", "TIMESTAMP '2016-01-01' + to_seconds(range * 30)",
                "unique_id", "'bench-listener-' || range",
                "listener_id", "'bench-listener'",
                "source", "'api'");
        return schema.columns().stream().map(column -> expression(column, known)).collect(Collectors.joining(", "));
    }

    static String expression(SchemaColumn column, Map<String, String> known) {
        if (known.containsKey(column.name())) {
            return known.get(column.name()) + " AS " + quote(column.name());
        }
        String value = switch (column.type()) {
            case STRING -> column.name().equals("track_uri") ? "NULL" : "'" + column.name() + "'";
            case INTEGER -> "CAST(range % 12 AS BIGINT)";
            case FLOAT -> "random()";
            case TIMESTAMP -> "TIMESTAMP '2026-01-01'";
            case BOOLEAN -> "false";
        };
        return value + " AS " + quote(column.name());
    }

    static String quote(String name) {
        return "\"" + name + "\"";
    }

    static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
