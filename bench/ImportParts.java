import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import io.spotifyinsights.lake.LakeKeys;
import io.spotifyinsights.lake.LocalLake;
import io.spotifyinsights.play.EpisodeFields;
import io.spotifyinsights.play.TrackFields;
import io.spotifyinsights.play.PlayFields;
import io.spotifyinsights.warehouse.DuckDbWarehouse;
import io.spotifyinsights.warehouse.LoadResult;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Two parts of the import timed alone, after bench/import.sh's import, to tell what bounds it:
 * {@code java -cp target/classes:<runtime classpath> bench/ImportParts.java EXPORT_DIR LAKE_DIR SCRATCH_DIR}.
 * <ol>
 * <li>one pass of JSON parsing over the export: Jackson's streaming parser as ExportJson reads a record (the twelve
 * fields it keeps as strings, ts through Instant.parse, the rest skipped) — the import makes two such passes, the
 * check in unpackExport and the read in importExtendedHistory;</li>
 * <li>the warehouse's loads of the chunks the import landed in the lake, replayed one by one in the same order into a
 * fresh DuckDbWarehouse ({@code Warehouse.load(key)}: read_csv, merge with stored plays, insert, Parquet mirror).</li>
 * </ol>
 * Prints {@code KEY=value} lines.
 */
public class ImportParts {

    public static void main(String[] args) throws Exception {
        Path export = Path.of(args[0]);
        LocalLake lake = new LocalLake(Path.of(args[1]));
        Path scratch = Path.of(args[2]);

        JsonFactory json = JsonFactory.builder().build();
        List<Path> files;
        try (Stream<Path> list = Files.list(export)) {
            files = list.filter(file -> file.toString().endsWith(".json")).sorted().toList();
        }
        long started = System.nanoTime();
        long records = 0;
        long checksum = 0;
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file);
                    JsonParser parser = json.createParser(ObjectReadContext.empty(), in)) {
                parser.nextToken();
                while (parser.nextToken() == JsonToken.START_OBJECT) {
                    String field;
                    while ((field = parser.nextName()) != null) {
                        JsonToken value = parser.nextToken();
                        switch (field) {
                            case "ts" -> checksum += Instant.parse(parser.getString()).getEpochSecond();
                            case "ms_played" -> checksum += parser.getLongValue();
                            case "master_metadata_track_name", "master_metadata_album_artist_name",
                                    "master_metadata_album_album_name", "spotify_track_uri", "episode_name",
                                    "episode_show_name", "spotify_episode_uri", "audiobook_title",
                                    "audiobook_chapter_uri" -> checksum += value == JsonToken.VALUE_NULL ? 0
                                            : parser.getString().length();
                            default -> parser.skipChildren();
                        }
                    }
                    records++;
                }
            }
        }
        double parse = (System.nanoTime() - started) / 1e9;
        System.out.printf("PARSE_S=%.3f%nPARSE_RECORDS=%d%nPARSE_CHECKSUM=%d%n", parse, records, checksum);

        List<String> keys = lake.list(LakeKeys.PLAYS).stream().sorted(Comparator.naturalOrder()).toList();
        Files.createDirectories(scratch);
        long rows = 0;
        double first = 0;
        double last = 0;
        started = System.nanoTime();
        try (DuckDbWarehouse warehouse = new DuckDbWarehouse(scratch.resolve("replay.duckdb"),
                scratch.resolve("exchange"), lake, PlayFields.packaged(), EpisodeFields.packaged(),
                TrackFields.packaged(), Clock.systemUTC())) {
            for (int i = 0; i < keys.size(); i++) {
                long one = System.nanoTime();
                LoadResult result = warehouse.load(keys.get(i));
                double took = (System.nanoTime() - one) / 1e9;
                rows += result.inserted();
                if (i == 0) {
                    first = took;
                }
                last = took;
            }
        }
        double loads = (System.nanoTime() - started) / 1e9;
        System.out.printf("LOADS_S=%.3f%nLOADS_CHUNKS=%d%nLOADS_ROWS=%d%nLOAD_FIRST_S=%.3f%nLOAD_LAST_S=%.3f%n", loads,
                keys.size(), rows, first, last);
    }
}
