package io.spotifyinsights.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.google.cloud.storage.contrib.nio.testing.LocalStorageHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import io.spotifyinsights.lake.GcsLake;
import io.spotifyinsights.lake.LocalLake;
import io.spotifyinsights.play.EpisodeFields;
import io.spotifyinsights.play.TrackFields;
import io.spotifyinsights.play.PlayFields;
import io.spotifyinsights.play.TableSchema;
import io.spotifyinsights.play.SchemaColumn;

/** BigQueryWarehouse through Google's own BigQuery client, against {@link LoopbackBigQuery}. */
class BigQueryWarehouseTest {

    static final String KEY = "plays/dt=2026-03-01/run-7.csv";

    @TempDir
    Path temp;

    final LoopbackBigQuery bigQuery = newBigQuery();
    final PlayFields fields = new PlayFields(TableSchema.load());
    final GcsLake lake = new GcsLake(LocalStorageHelper.customOptions(false).getService(), "insights-lake");
    final BigQueryWarehouse warehouse = new BigQueryWarehouse(bigQuery.client(), "insights", lake, fields,
            EpisodeFields.packaged(), TrackFields.packaged());

    @AfterEach
    void close() throws IOException {
        bigQuery.close();
    }

    @Test
    void loadsTheLakeObjectWithSchemaJsonsColumnsIntoStagingThenMergesOnUniqueId() throws IOException {
        lake.put(KEY, Files.writeString(temp.resolve("run-7.csv"), "header\r\n"));
        bigQuery.loadOutputRows = 50;
        bigQuery.mergeAffectedRows = 42;

        LoadResult result = warehouse.load(KEY);

        assertThat(result).isEqualTo(new LoadResult(50, 42, 8));
        List<LoopbackBigQuery.Request> jobs = bigQuery.jobsCreated();
        assertThat(jobs).hasSize(2);
        JsonNode load = jobs.get(0).body();
        String loadName = load.path("jobReference").path("jobId").asString().replace("insights_load_", "");
        assertThat(loadName).matches("plays_dt_2026_03_01_run_7_csv_[0-9a-f]{12}");
        JsonNode configuration = load.path("configuration").path("load");
        assertThat(configuration.path("sourceUris").get(0).asString()).isEqualTo("gs://insights-lake/" + KEY);
        assertThat(configuration.path("sourceFormat").asString()).isEqualTo("CSV");
        assertThat(configuration.path("skipLeadingRows").asInt()).isEqualTo(1);
        assertThat(configuration.path("allowQuotedNewlines").asBoolean()).isTrue();
        assertThat(configuration.path("writeDisposition").asString()).isEqualTo("WRITE_TRUNCATE");
        assertThat(configuration.path("createDisposition").asString()).isEqualTo("CREATE_IF_NEEDED");
        assertThat(configuration.path("destinationTable").path("tableId").asString())
                .isEqualTo("plays_staging_" + loadName);
        List<String> sentColumns = new ArrayList<>();
        for (JsonNode field : configuration.path("schema").path("fields")) {
            sentColumns.add("%s %s %s".formatted(field.path("name").asString(), field.path("type").asString(),
                    field.path("mode").asString()));
        }
        assertThat(sentColumns).isEqualTo(fields.schema().columns().stream()
                .map(column -> "%s %s %s".formatted(column.name(), column.type(), column.mode())).toList());
        String merge = jobs.get(1).body().path("configuration").path("query").path("query").asString();
        assertThat(merge).contains("MERGE `insights-test.insights.plays` AS target",
                "FROM `insights-test.insights.plays_staging_" + loadName + "`",
                "GROUP BY unique_id", "ON target.unique_id = source.unique_id",
                "WHEN MATCHED AND (", "WHEN NOT MATCHED THEN INSERT ROW",
                "UNION ALL SELECT", "WHERE unique_id IN (SELECT unique_id FROM `insights-test.insights.plays_staging_");
        assertThat(bigQuery.requests).anyMatch(request -> request.method().equals("DELETE")
                && request.path().endsWith("/tables/plays_staging_" + loadName));
    }

    @Test
    void aLoadAskedForAgainRunsAgainAndItsMergeOnlyAddsWhatIsMissing() throws IOException {
        lake.put(KEY, Files.writeString(temp.resolve("run-7.csv"), "header\r\n"));
        bigQuery.loadOutputRows = 50;
        bigQuery.mergeAffectedRows = 50;
        warehouse.load(KEY);
        bigQuery.mergeAffectedRows = 0;

        LoadResult again = warehouse.load(KEY);

        // A job id used before would be found done and not run: after a restored backup nothing would be loaded.
        assertThat(again).isEqualTo(new LoadResult(50, 0, 50));
        List<String> jobIds = bigQuery.jobsCreated().stream()
                .map(request -> request.body().path("jobReference").path("jobId").asString()).toList();
        assertThat(jobIds).hasSize(4).doesNotHaveDuplicates();
        assertThat(jobIds.get(3)).startsWith("insights_merge_plays_dt_2026_03_01_run_7_csv_");
        assertThat(bigQuery.jobsCreated().get(3).body().path("configuration").path("query").path("query").asString())
                .contains("WHEN NOT MATCHED THEN INSERT ROW").doesNotContain("DELETE");
    }

    @Test
    void aFailedLoadJobFailsTheLoadWithBigQuerysMessageAndMergesNothing() throws IOException {
        lake.put(KEY, Files.writeString(temp.resolve("run-7.csv"), "header\r\n"));
        bigQuery.loadError = "Error while reading data, error message: CSV table encountered too many errors";

        assertThatThrownBy(() -> warehouse.load(KEY))
                .isInstanceOf(WarehouseException.class)
                .hasMessageContaining("CSV table encountered too many errors")
                .hasMessageContaining(KEY)
                .hasMessageContaining("Nothing of it was merged");
        assertThat(bigQuery.jobsCreated()).hasSize(1);
    }

    @Test
    void refusesALakeObjectOutsideCloudStorage() throws IOException {
        LocalLake local = new LocalLake(temp.resolve("lake"));
        local.put(KEY, Files.writeString(temp.resolve("run-7.csv"), "header\r\n"));
        BigQueryWarehouse onLocalLake = new BigQueryWarehouse(bigQuery.client(), "insights", local, fields,
                EpisodeFields.packaged(), TrackFields.packaged());

        assertThatThrownBy(() -> onLocalLake.load(KEY)).isInstanceOf(WarehouseException.class)
                .hasMessageContaining("insights.lake.type=gcs");
        assertThat(bigQuery.jobsCreated()).isEmpty();
    }

    @Test
    void manyObjectsAreOneLoadJobAndOneMergeAndAreRecordedAsLoaded() throws IOException {
        List<String> keys = List.of("plays/dt=2026-03-01/run-7.csv", "plays/dt=2026-03-02/run-8.csv",
                "plays/dt=2026-03-03/run-9.csv");
        for (String key : keys) {
            lake.put(key, Files.writeString(temp.resolve(key.replace('/', '_')), "header\r\n"));
        }
        bigQuery.loadOutputRows = 120;
        bigQuery.mergeAffectedRows = 100;

        LoadResult result = warehouse.load(keys);

        assertThat(result).isEqualTo(new LoadResult(120, 100, 20));
        List<LoopbackBigQuery.Request> jobs = bigQuery.jobsCreated();
        assertThat(jobs).hasSize(2);
        List<String> uris = new ArrayList<>();
        jobs.get(0).body().path("configuration").path("load").path("sourceUris").forEach(uri -> uris.add(uri.asString()));
        assertThat(uris).containsExactlyElementsOf(keys.stream().map(key -> "gs://insights-lake/" + key).toList());
        assertThat(bigQuery.createdTables).contains("lake_loads", "warehouse_state");
        String record = queries().stream().filter(sql -> sql.contains("lake_loads")).findFirst().orElseThrow();
        assertThat(record).contains("MERGE `insights-test.insights.lake_loads`", "UNNEST(@keys)",
                "WHEN NOT MATCHED THEN INSERT");
        assertThat(queries()).anyMatch(sql -> sql.contains("MERGE `insights-test.insights.warehouse_state`"));
    }

    @Test
    void aRebuildIsOneMergeThatDropsWhatNoLakeObjectHoldsAndAddsWhatIsMissing() throws IOException {
        lake.put(KEY, Files.writeString(temp.resolve("run-7.csv"), "header\r\n"));
        bigQuery.loadOutputRows = 50;

        warehouse.rebuild(List.of(KEY));

        List<LoopbackBigQuery.Request> jobs = bigQuery.jobsCreated();
        assertThat(jobs).hasSize(2);
        assertThat(jobs.get(0).body().path("configuration").path("load").path("sourceUris").get(0).asString())
                .isEqualTo("gs://insights-lake/" + KEY);
        String merge = jobs.get(1).body().path("configuration").path("query").path("query").asString();
        assertThat(merge).contains("MERGE `insights-test.insights.plays` AS target",
                "WHEN NOT MATCHED BY SOURCE THEN DELETE", "WHEN NOT MATCHED BY TARGET THEN INSERT ROW",
                "GROUP BY unique_id");
        assertThat(merge).doesNotContain("UNION ALL");
        assertThat(queries()).anyMatch(sql -> sql.equals("DELETE FROM `insights-test.insights.lake_loads` WHERE TRUE"));
        // Asked for again, it runs again: its jobs are its own, not a retry's.
        warehouse.rebuild(List.of(KEY));
        assertThat(bigQuery.jobsCreated()).hasSize(4);
    }

    @Test
    void episodesLoadIntoTheirOwnTableWithEpisodesSchemaJsonsColumnsAndARebuildEmptiesItWhenTheLakeHasNone()
            throws IOException {
        String episodes = "episodes/dt=2026-03-01/import-x-e00000-101500000.csv";
        lake.put(episodes, Files.writeString(temp.resolve("episodes.csv"), "header\r\n"));
        bigQuery.loadOutputRows = 7;
        bigQuery.mergeAffectedRows = 5;

        LoadResult result = warehouse.load(episodes);

        assertThat(result).isEqualTo(new LoadResult(0, 0, 0, 0, 5));
        List<LoopbackBigQuery.Request> jobs = bigQuery.jobsCreated();
        assertThat(jobs).hasSize(2);
        JsonNode load = jobs.get(0).body().path("configuration").path("load");
        assertThat(load.path("destinationTable").path("tableId").asString()).startsWith("episodes_staging_");
        List<String> sentColumns = new ArrayList<>();
        load.path("schema").path("fields").forEach(field -> sentColumns.add(field.path("name").asString()));
        assertThat(sentColumns).isEqualTo(EpisodeFields.packaged().schema().columnNames());
        String merge = jobs.get(1).body().path("configuration").path("query").path("query").asString();
        assertThat(merge).contains("MERGE `insights-test.insights.episodes` AS target", "episode_uri IS NULL",
                "WHEN NOT MATCHED THEN INSERT ROW").doesNotContain("insights.plays`");
        assertThat(bigQuery.createdTables).contains("episodes");

        warehouse.rebuild(List.of());

        assertThat(queries()).contains("DELETE FROM `insights-test.insights.episodes` WHERE TRUE");
    }

    @Test
    void tracksLoadIntoTheirOwnTableAndTheirFeaturesAreCopiedToTheirPlays() throws IOException {
        String tracks = "tracks/dt=2026-03-01/features-run-9-101500000.csv";
        lake.put(tracks, Files.writeString(temp.resolve("tracks.csv"), "header\r\n"));
        bigQuery.loadOutputRows = 40;
        bigQuery.mergeAffectedRows = 40;

        warehouse.load(tracks);

        List<LoopbackBigQuery.Request> jobs = bigQuery.jobsCreated();
        JsonNode load = jobs.get(0).body().path("configuration").path("load");
        assertThat(load.path("destinationTable").path("tableId").asString()).startsWith("tracks_staging_");
        List<String> sentColumns = new ArrayList<>();
        load.path("schema").path("fields").forEach(field -> sentColumns.add(field.path("name").asString()));
        assertThat(sentColumns).isEqualTo(TrackFields.packaged().schema().columnNames());
        String merge = jobs.get(1).body().path("configuration").path("query").path("query").asString();
        assertThat(merge).contains("MERGE `insights-test.insights.tracks` AS target", "GROUP BY track_id",
                "ON target.track_id = source.track_id", "features_provider IS NULL, features_checked_at DESC")
                .doesNotContain("NOT MATCHED BY SOURCE");
        String copy = queries().stream().filter(sql -> sql.startsWith("UPDATE")).findFirst().orElseThrow();
        assertThat(copy).contains("UPDATE `insights-test.insights.plays` p SET `danceability` = t.`danceability`",
                "FROM `insights-test.insights.tracks` t", "t.features_provider IS NOT NULL",
                "t.track_id IN (SELECT track_id FROM `insights-test.insights.tracks_staging_");
        assertThat(bigQuery.createdTables).contains("tracks");
    }

    private List<String> queries() {
        return bigQuery.requests.stream().filter(request -> request.path().endsWith("/queries"))
                .map(request -> request.body().path("query").asString()).toList();
    }

    @Test
    void readsTheWatermarkWithAParameterisedQuery() {
        bigQuery.queryAnswers = sql -> Map.of(
                "schema", Map.of("fields", List.of(Map.of("name", "newest", "type", "TIMESTAMP", "mode", "NULLABLE"))),
                "rows", List.of(Map.of("f", List.of(Map.of("v", "1.772366700456E9")))),
                "totalRows", "1");

        assertThat(warehouse.watermark("ada")).contains(Instant.parse("2026-03-01T12:05:00.456Z"));

        JsonNode query = bigQuery.requests.stream().filter(r -> r.path().endsWith("/queries")).findFirst()
                .orElseThrow().body();
        assertThat(query.path("query").asString())
                .isEqualTo("SELECT MAX(played_at) AS newest FROM `insights-test.insights.plays` WHERE listener_id = "
                        + "@listener AND source = @source");
        Map<String, String> parameters = new java.util.HashMap<>();
        query.path("queryParameters").forEach(parameter -> parameters.put(parameter.path("name").asString(),
                parameter.path("parameterValue").path("value").asString()));
        // Only what the API gave moves the watermark: an import never changes what the hourly run asks for.
        assertThat(parameters).isEqualTo(Map.of("listener", "ada", "source", "api"));
    }

    @Test
    void noPlaysYetMeansNoWatermark() {
        bigQuery.queryAnswers = sql -> Map.of(
                "schema", Map.of("fields", List.of(Map.of("name", "newest", "type", "TIMESTAMP", "mode", "NULLABLE"))),
                "rows", List.of(Map.of("f", List.of(java.util.Collections.singletonMap("v", null)))),
                "totalRows", "1");

        assertThat(warehouse.watermark("ada")).isEmpty();
    }

    @Test
    void aMissingPlaysTableSaysToRunTerraform() {
        bigQuery.playsTableExists = false;

        assertThatThrownBy(warehouse::checkReachable).isInstanceOf(WarehouseException.class)
                .hasMessageContaining("terraform apply");
    }

    @Test
    void schemaJsonBecomesTheBigQuerySchemaColumnForColumn() {
        List<SchemaColumn> columns = fields.schema().columns();

        assertThat(BigQueryWarehouse.schema(columns).getFields()).extracting(field -> field.getName())
                .isEqualTo(fields.schema().columnNames());
    }

    private static LoopbackBigQuery newBigQuery() {
        try {
            return new LoopbackBigQuery();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
