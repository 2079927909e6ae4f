import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import io.spotifyinsights.lake.LocalLake;
import io.spotifyinsights.play.EpisodeFields;
import io.spotifyinsights.play.TrackFields;
import io.spotifyinsights.play.PlayFields;
import io.spotifyinsights.play.TableSchema;
import io.spotifyinsights.warehouse.DuckDbWarehouse;

/**
 * What the dashboard asks of the embedded warehouse, timed on the synthetic warehouses TopTracksBenchmark left
 * behind: the all-time aggregates (days and hours in a zone with DST, artists credited one by one, stats) and the
 * top ten. Run by bench/run.sh after TopTracksBenchmark:
 * {@code java -cp target/classes:<runtime classpath> bench/DashboardBenchmark.java WORK_DIR/n1000000 ...}
 */
public class DashboardBenchmark {

    public static void main(String[] args) throws Exception {
        PlayFields fields = new PlayFields(TableSchema.load());
        System.out.printf("%12s %26s %22s%n", "plays", "insights, all time (ms)", "top ten read (ms)");
        for (String arg : args) {
            Path dir = Path.of(arg);
            try (DuckDbWarehouse warehouse = new DuckDbWarehouse(dir.resolve("insights.duckdb"),
                    dir.resolve("exchange"), new LocalLake(dir.resolve("lake")), fields, EpisodeFields.packaged(),
                    TrackFields.packaged(), Clock.systemUTC())) {
                long plays = warehouse.insights("bench-listener", Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"),
                        ZoneId.of("Europe/Paris")).totalPlays();
                List<Double> insights = new ArrayList<>();
                List<Double> topTen = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    long started = System.nanoTime();
                    warehouse.insights("bench-listener", Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"),
                            ZoneId.of("Europe/Paris"));
                    insights.add((System.nanoTime() - started) / 1e6);
                    started = System.nanoTime();
                    warehouse.topTracks("bench-listener");
                    topTen.add((System.nanoTime() - started) / 1e6);
                }
                System.out.printf("%12d %26.0f %22.1f%n", plays, median(insights), median(topTen));
            }
        }
    }

    static double median(List<Double> values) {
        return values.stream().sorted().toList().get(values.size() / 2);
    }
}
