package io.spotifyinsights.toptracks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.stream.Stream;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

import io.spotifyinsights.warehouse.DuckDbWarehouse;

/**
 * The embedded warehouse's side of the Spark job: Spark reads the Parquet mirror of {@code plays} and writes its
 * result as Parquet that the warehouse takes in, one transaction. Executors only need to read and write files under
 * the exchange folder, so this works on a cluster too when that folder is shared.
 */
public final class EmbeddedTopTracksTables implements TopTracksTables {

    private final DuckDbWarehouse warehouse;
    private final Path resultsDir;
    private final Clock clock;

    public EmbeddedTopTracksTables(DuckDbWarehouse warehouse, Clock clock) {
        this.warehouse = warehouse;
        this.resultsDir = warehouse.exchangeDir().resolve("top-tracks");
        this.clock = clock;
    }

    @Override
    public Dataset<Row> readPlays(SparkSession spark) {
        return spark.read().parquet(warehouse.preparePlaysForSpark().toString());
    }

    @Override
    public void replaceTopTracks(Dataset<Row> topTracks) {
        Path folder = resultsDir.resolve("result-" + clock.millis());
        topTracks.coalesce(1).write().mode(SaveMode.Overwrite).parquet(folder.toString());
        warehouse.replaceTopTracksFromParquet(folder);
        deleteOlderResults(folder);
    }

    private void deleteOlderResults(Path keep) {
        try (Stream<Path> results = Files.list(resultsDir)) {
            for (Path old : results.filter(path -> !path.equals(keep)).toList()) {
                try (Stream<Path> files = Files.walk(old)) {
                    for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(file);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not clean up earlier top-ten results under " + resultsDir, e);
        }
    }
}
