package io.spotifyinsights.warehouse;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.BigQueryError;
import com.google.cloud.bigquery.BigQueryException;
import com.google.cloud.bigquery.CsvOptions;
import com.google.cloud.bigquery.Field;
import com.google.cloud.bigquery.FieldValue;
import com.google.cloud.bigquery.FieldValueList;
import com.google.cloud.bigquery.Job;
import com.google.cloud.bigquery.JobId;
import com.google.cloud.bigquery.JobInfo;
import com.google.cloud.bigquery.JobStatistics;
import com.google.cloud.bigquery.LegacySQLTypeName;
import com.google.cloud.bigquery.LoadJobConfiguration;
import com.google.cloud.bigquery.QueryJobConfiguration;
import com.google.cloud.bigquery.QueryParameterValue;
import com.google.cloud.bigquery.Schema;
import com.google.cloud.bigquery.StandardTableDefinition;
import com.google.cloud.bigquery.TableId;
import com.google.cloud.bigquery.TableInfo;
import com.google.cloud.bigquery.TableResult;
import com.google.cloud.bigquery.TimePartitioning;

import io.spotifyinsights.lake.Lake;
import io.spotifyinsights.play.EpisodeFields;
import io.spotifyinsights.play.Play;
import io.spotifyinsights.play.PlayFields;
import io.spotifyinsights.play.PlaySource;
import io.spotifyinsights.play.SchemaColumn;
import io.spotifyinsights.play.StoredEpisode;
import io.spotifyinsights.play.StoredPlay;
import io.spotifyinsights.play.TrackFields;
import io.spotifyinsights.play.TrackInfo;

/**
 * The warehouse as a BigQuery dataset. A load is a load job from the lake objects into a staging table, with the
 * columns of schema.json, followed by a {@code MERGE} into {@code plays} on {@code unique_id} that adds the plays
 * missing and merges the same play from another source into the stored one ({@link PlayMerge}) — so loading an
 * object again is harmless. Objects of episodes go the same way into {@code episodes} ({@link LakeTable}). The
 * {@code plays} and {@code episodes} tables (partitioned by day of {@code played_at}) come from Terraform.
 */
public final class BigQueryWarehouse implements Warehouse {

    static final String LAKE_LOADS = "lake_loads";
    static final String WAREHOUSE_STATE = "warehouse_state";
    /** BigQuery takes at most 10 000 source URIs in one load job. */
    static final int MAX_URIS_PER_LOAD = 10_000;

    private final BigQuery bigquery;
    private final String project;
    private final String dataset;
    private final Lake lake;
    private final PlayFields fields;
    private final LakeTable playsTable;
    private final LakeTable episodesTable;
    private final LakeTable tracksTable;
    private final List<LakeTable> tables;
    private volatile boolean bookkeepingReady;

    public BigQueryWarehouse(BigQuery bigquery, String dataset, Lake lake, PlayFields fields,
            EpisodeFields episodeFields, TrackFields trackFields) {
        this.bigquery = bigquery;
        this.project = bigquery.getOptions().getProjectId();
        this.dataset = dataset;
        this.lake = lake;
        this.fields = fields;
        this.playsTable = LakeTable.plays(fields);
        this.episodesTable = LakeTable.episodes(episodeFields);
        this.tracksTable = LakeTable.tracks(trackFields);
        this.tables = List.of(playsTable, episodesTable, tracksTable);
        TrackMerge.requireFeatureColumns(playsTable.columns(), tracksTable.columns());
    }

    /** schema.json as a BigQuery schema: the file is already in BigQuery's own format. */
    public static Schema schema(List<SchemaColumn> columns) {
        return Schema.of(columns.stream()
                .map(column -> Field.newBuilder(column.name(), LegacySQLTypeName.valueOfStrict(column.type().name()))
                        .setMode(Field.Mode.valueOf(column.mode()))
                        .setDescription(column.description())
                        .build())
                .toArray(Field[]::new));
    }

    @Override
    public Optional<Instant> watermark(String listenerId) {
        TableResult result = query(("SELECT MAX(played_at) AS newest FROM %s WHERE listener_id = @listener AND "
                + "source = @source").formatted(table("plays")), Map.of("listener",
                QueryParameterValue.string(listenerId), "source", QueryParameterValue.string(PlaySource.API.wireValue())));
        for (FieldValueList row : result.iterateAll()) {
            FieldValue newest = row.get("newest");
            return newest.isNull() ? Optional.empty() : Optional.of(instant(newest));
        }
        return Optional.empty();
    }

    @Override
    public void storedPlays(String listenerId, Instant from, Instant to, Consumer<StoredPlay> each) {
        TableResult result = query(("SELECT unique_id, played_at, track_id, track_name, artists, track_uri, ms_played, "
                + "source, upload_timestamp FROM %s WHERE listener_id = @listener AND played_at >= @from AND "
                + "played_at < @to ORDER BY played_at").formatted(table("plays")), Map.of(
                "listener", QueryParameterValue.string(listenerId),
                "from", QueryParameterValue.timestamp(ChronoUnit.MICROS.between(Instant.EPOCH, from)),
                "to", QueryParameterValue.timestamp(ChronoUnit.MICROS.between(Instant.EPOCH, to))));
        for (FieldValueList row : result.iterateAll()) {
            FieldValue msPlayed = row.get("ms_played");
            each.accept(new StoredPlay(row.get("unique_id").getStringValue(), instant(row.get("played_at")),
                    text(row.get("track_id")), row.get("track_name").getStringValue(), text(row.get("artists")),
                    text(row.get("track_uri")), msPlayed.isNull() ? null : msPlayed.getLongValue(),
                    PlaySource.fromWireValue(row.get("source").getStringValue()), instant(row.get("upload_timestamp"))));
        }
    }

    @Override
    public void storedEpisodes(String listenerId, Instant from, Instant to, Consumer<StoredEpisode> each) {
        ensureBookkeepingTables();
        TableResult result = query(("SELECT unique_id, episode_uri IS NOT NULL AS exact, upload_timestamp FROM %s "
                + "WHERE listener_id = @listener AND played_at >= @from AND played_at < @to")
                .formatted(table(episodesTable.name())), Map.of(
                "listener", QueryParameterValue.string(listenerId),
                "from", QueryParameterValue.timestamp(ChronoUnit.MICROS.between(Instant.EPOCH, from)),
                "to", QueryParameterValue.timestamp(ChronoUnit.MICROS.between(Instant.EPOCH, to))));
        for (FieldValueList row : result.iterateAll()) {
            each.accept(new StoredEpisode(row.get("unique_id").getStringValue(), row.get("exact").getBooleanValue(),
                    instant(row.get("upload_timestamp"))));
        }
    }

    /** As {@link DuckDbWarehouse#NOT_ASKED}, with the time as {@code @asked}. */
    private static final String NOT_ASKED = "(t.track_id IS NULL AND p.danceability IS NULL) OR "
            + "(t.features_provider IS NULL AND t.features_checked_at < @asked)";

    @Override
    public List<TrackInfo> tracksToAsk(Instant askedBefore, int limit) {
        ensureBookkeepingTables();
        TableResult result = query(("SELECT p.track_id, %s AS track_name, %s AS artists, %s AS album_name, "
                + "MAX(p.duration_ms) AS duration_ms FROM %s p LEFT JOIN %s t ON t.track_id = p.track_id "
                + "WHERE p.track_id IS NOT NULL AND (%s) GROUP BY p.track_id "
                + "ORDER BY COUNT(*) DESC, MAX(p.played_at) DESC, p.track_id LIMIT @limit").formatted(
                newest("track_name"), newest("artists"), newest("album_name"), table("plays"),
                table(tracksTable.name()), NOT_ASKED), Map.of(
                "asked", QueryParameterValue.timestamp(ChronoUnit.MICROS.between(Instant.EPOCH, askedBefore)),
                "limit", QueryParameterValue.int64(limit)));
        List<TrackInfo> tracks = new ArrayList<>();
        for (FieldValueList row : result.iterateAll()) {
            FieldValue duration = row.get("duration_ms");
            tracks.add(new TrackInfo(row.get("track_id").getStringValue(), text(row.get("track_name")),
                    text(row.get("artists")), text(row.get("album_name")),
                    duration.isNull() ? null : duration.getLongValue(), null, null, null, null, null, null, null,
                    null, null, null, null, null, null, null));
        }
        return tracks;
    }

    /** The column's value in the track's newest play that has one. */
    private static String newest(String column) {
        return "ARRAY_AGG(p.%s IGNORE NULLS ORDER BY p.played_at DESC LIMIT 1)[SAFE_OFFSET(0)]".formatted(column);
    }

    @Override
    public FeatureCoverage featureCoverage(Instant askedBefore) {
        ensureBookkeepingTables();
        TableResult result = query(("SELECT COUNT(DISTINCT p.track_id) AS tracks, COUNT(DISTINCT IF("
                + "p.danceability IS NOT NULL OR t.features_provider IS NOT NULL, p.track_id, NULL)) AS with_features, "
                + "COUNT(DISTINCT IF(%s, p.track_id, NULL)) AS to_ask FROM %s p LEFT JOIN %s t "
                + "ON t.track_id = p.track_id WHERE p.track_id IS NOT NULL").formatted(NOT_ASKED, table("plays"),
                table(tracksTable.name())), Map.of(
                "asked", QueryParameterValue.timestamp(ChronoUnit.MICROS.between(Instant.EPOCH, askedBefore))));
        for (FieldValueList row : result.iterateAll()) {
            return new FeatureCoverage(row.get("tracks").getLongValue(), row.get("with_features").getLongValue(),
                    row.get("to_ask").getLongValue());
        }
        return new FeatureCoverage(0, 0, 0);
    }

    private static String text(FieldValue value) {
        return value.isNull() ? null : value.getStringValue();
    }

    @Override
    public void forget(String listenerId, Collection<String> lakeKeys) {
        ensureBookkeepingTables();
        Map<String, QueryParameterValue> listener = Map.of("listener", QueryParameterValue.string(listenerId));
        query("DELETE FROM %s WHERE listener_id = @listener".formatted(table("plays")), listener);
        query("DELETE FROM %s WHERE listener_id = @listener".formatted(table(episodesTable.name())), listener);
        query("DELETE FROM %s WHERE listener_id = @listener".formatted(table("top_tracks")), listener);
        if (!lakeKeys.isEmpty()) {
            query("DELETE FROM %s WHERE lake_key IN UNNEST(@keys)".formatted(table(LAKE_LOADS)),
                    Map.of("keys", QueryParameterValue.array(lakeKeys.toArray(String[]::new), String.class)));
        }
        setState(WarehouseEvent.PLAYS_CHANGED);
    }

    @Override
    public LoadResult load(Collection<String> lakeKeys) {
        List<String> keys = lakeKeys.stream().distinct().sorted().toList();
        if (keys.isEmpty()) {
            return LoadResult.NOTHING;
        }
        ensureBookkeepingTables();
        Map<LakeTable, List<String>> byTable = byTable(keys);
        LoadResult plays = loadInto(playsTable, byTable.get(playsTable));
        LoadResult episodes = loadInto(episodesTable, byTable.get(episodesTable));
        boolean tracksLoaded = !byTable.get(tracksTable).isEmpty();
        loadInto(tracksTable, byTable.get(tracksTable));
        recordLoads(keys, plays.inserted() + plays.merged() > 0 || tracksLoaded, false);
        return plays.withEpisodes(episodes.inserted());
    }

    private Map<LakeTable, List<String>> byTable(List<String> keys) {
        Map<LakeTable, List<String>> byTable = new java.util.LinkedHashMap<>();
        tables.forEach(table -> byTable.put(table, new ArrayList<>()));
        keys.forEach(key -> byTable.get(LakeTable.of(key, tables)).add(key));
        return byTable;
    }

    /** Stages one table's objects and merges them into it. */
    private LoadResult loadInto(LakeTable table, List<String> keys) {
        if (keys.isEmpty()) {
            return LoadResult.NOTHING;
        }
        // Each load has jobs of its own: a job id used before would be found done and not run again, so a load
        // after a restored backup would load nothing. Loading again is harmless: the MERGE adds missing rows only.
        String loadName = (keys.size() == 1 ? loadName(keys.get(0)) : "batch_" + fingerprint(keys)) + "_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String what = keys.size() == 1 ? keys.get(0) : keys.size() + " lake objects";
        Staged staged = stage(table, keys, loadName, what);
        TableId staging = staged.table();
        long rows = staged.rows();
        Job merged = runJob(JobId.of(project, "insights_merge_" + loadName), QueryJobConfiguration.newBuilder(
                mergeSql(table, staging)).setUseLegacySql(false).build(), what);
        if (table == playsTable) {
            copyFeaturesToPlays("p.unique_id IN (SELECT unique_id FROM %s)".formatted(tableOf(staging)));
        } else if (table == tracksTable) {
            copyFeaturesToPlays("t.track_id IN (SELECT track_id FROM %s)".formatted(tableOf(staging)));
        }
        JobStatistics.QueryStatistics statistics = merged.getStatistics();
        long insertedRows;
        long updatedRows;
        if (statistics.getDmlStats() != null) {
            insertedRows = zeroIfNull(statistics.getDmlStats().getInsertedRowCount());
            updatedRows = zeroIfNull(statistics.getDmlStats().getUpdatedRowCount());
        } else {
            insertedRows = zeroIfNull(statistics.getNumDmlAffectedRows());
            updatedRows = 0;
        }
        bigquery.delete(staging);
        return new LoadResult(rows, insertedRows, updatedRows, rows - insertedRows - updatedRows);
    }

    @Override
    public LoadResult rebuild(Collection<String> lakeKeys) {
        List<String> keys = lakeKeys.stream().distinct().sorted().toList();
        ensureBookkeepingTables();
        Map<LakeTable, List<String>> byTable = byTable(keys);
        long rows = rebuildTable(playsTable, byTable.get(playsTable));
        long kept = count("SELECT COUNT(*) AS n FROM " + table(playsTable.name()));
        rebuildTable(episodesTable, byTable.get(episodesTable));
        long episodes = count("SELECT COUNT(*) AS n FROM " + table(episodesTable.name()));
        rebuildTable(tracksTable, byTable.get(tracksTable));
        copyFeaturesToPlays("TRUE");
        recordLoads(keys, true, true);
        return new LoadResult(rows, kept, 0, rows - kept, episodes);
    }

    /**
     * Makes the table exactly the rows of these objects, merged, in one statement; no objects: empties it.
     *
     * @return the rows in the objects
     */
    private long rebuildTable(LakeTable table, List<String> keys) {
        if (keys.isEmpty()) {
            query("DELETE FROM %s WHERE TRUE".formatted(table(table.name())), Map.of());
            return 0;
        }
        // A rebuild is asked for to run again: its jobs are its own.
        String loadName = "rebuild_%s_%s_%s".formatted(table.name(), fingerprint(keys),
                UUID.randomUUID().toString().replace("-", ""));
        String what = "the rebuild of " + table.name();
        Staged staged = stage(table, keys, loadName, what);
        runJob(JobId.of(project, "insights_" + loadName), QueryJobConfiguration.newBuilder(
                rebuildSql(table, staged.table())).setUseLegacySql(false).build(), what);
        bigquery.delete(staged.table());
        return staged.rows();
    }

    /**
     * Copies tracks' features to their plays where they differ, for the plays {@code which} selects ({@code p} the
     * play, {@code t} its track), so every reader of plays sees the features the tracks table holds.
     */
    void copyFeaturesToPlays(String which) {
        String set = TrackMerge.FEATURES.stream().map(column -> "`%1$s` = t.`%1$s`".formatted(column))
                .collect(Collectors.joining(", "));
        String differs = TrackMerge.FEATURES.stream()
                .map(column -> "p.`%1$s` IS DISTINCT FROM t.`%1$s`".formatted(column))
                .collect(Collectors.joining(" OR "));
        query(("UPDATE %s p SET %s FROM %s t WHERE p.track_id = t.track_id AND t.features_provider IS NOT NULL "
                + "AND (%s) AND (%s)").formatted(table("plays"), set, table(tracksTable.name()), which, differs),
                Map.of());
    }

    @Override
    public Set<String> loadedKeys() {
        ensureBookkeepingTables();
        Set<String> keys = new HashSet<>();
        for (FieldValueList row : query("SELECT lake_key FROM " + table(LAKE_LOADS), Map.of()).iterateAll()) {
            keys.add(row.get("lake_key").getStringValue());
        }
        return keys;
    }

    @Override
    public Optional<Instant> playsChangedAt() {
        return stateTime(WarehouseEvent.PLAYS_CHANGED);
    }

    @Override
    public Optional<Instant> topTracksComputedAt() {
        return stateTime(WarehouseEvent.TOP_TRACKS_COMPUTED);
    }

    /** Called once the Spark job has replaced {@code top_tracks}. */
    public void topTracksComputed() {
        setState(WarehouseEvent.TOP_TRACKS_COMPUTED);
    }

    /** A staging table and the rows the load jobs put there. */
    private record Staged(TableId table, long rows) {
    }

    /** Load jobs (at most 10 000 files each) of the objects into one staging table with the table's columns. */
    private Staged stage(LakeTable table, List<String> keys, String loadName, String what) {
        TableId staging = TableId.of(project, dataset, table.name() + "_staging_" + loadName);
        List<String> uris = new ArrayList<>();
        long rows = 0;
        for (String key : keys) {
            String uri = lake.uri(key).toString();
            if (!uri.startsWith("gs://")) {
                throw new WarehouseException(("BigQuery loads from Cloud Storage, but %s is at %s. Set "
                        + "insights.lake.type=gcs (the gcp profile does).").formatted(key, uri));
            }
            uris.add(uri);
        }
        for (int from = 0, part = 0; from < uris.size(); from += MAX_URIS_PER_LOAD, part++) {
            LoadJobConfiguration load = LoadJobConfiguration.newBuilder(staging,
                            uris.subList(from, Math.min(from + MAX_URIS_PER_LOAD, uris.size())),
                            CsvOptions.newBuilder().setSkipLeadingRows(1).setAllowQuotedNewLines(true)
                                    .setEncoding("UTF-8").setQuote("\"").build())
                    .setSchema(schema(table.columns()))
                    .setWriteDisposition(part == 0 ? JobInfo.WriteDisposition.WRITE_TRUNCATE
                            : JobInfo.WriteDisposition.WRITE_APPEND)
                    .setCreateDisposition(JobInfo.CreateDisposition.CREATE_IF_NEEDED)
                    .build();
            Job loaded = runJob(JobId.of(project, "insights_load_" + loadName + (part == 0 ? "" : "_" + part)), load,
                    what);
            rows += ((JobStatistics.LoadStatistics) loaded.getStatistics()).getOutputRows();
        }
        return new Staged(staging, rows);
    }

    /** Records the objects as loaded; {@code replace}: the record becomes exactly these objects. */
    private void recordLoads(List<String> keys, boolean playsChanged, boolean replace) {
        ensureBookkeepingTables();
        if (replace) {
            query("DELETE FROM %s WHERE TRUE".formatted(table(LAKE_LOADS)), Map.of());
        }
        if (!keys.isEmpty()) {
            query(("MERGE %s AS target USING (SELECT lake_key FROM UNNEST(@keys) AS lake_key) AS source "
                    + "ON target.lake_key = source.lake_key WHEN NOT MATCHED THEN INSERT (lake_key, loaded_at) "
                    + "VALUES (source.lake_key, CURRENT_TIMESTAMP())").formatted(table(LAKE_LOADS)),
                    Map.of("keys", QueryParameterValue.array(keys.toArray(String[]::new), String.class)));
        }
        if (playsChanged) {
            setState(WarehouseEvent.PLAYS_CHANGED);
        }
    }

    private Optional<Instant> stateTime(WarehouseEvent event) {
        ensureBookkeepingTables();
        for (FieldValueList row : query("SELECT happened_at FROM %s WHERE name = @name".formatted(table(WAREHOUSE_STATE)),
                Map.of("name", QueryParameterValue.string(event.stateName))).iterateAll()) {
            FieldValue at = row.get("happened_at");
            return at.isNull() ? Optional.empty() : Optional.of(instant(at));
        }
        return Optional.empty();
    }

    private void setState(WarehouseEvent event) {
        ensureBookkeepingTables();
        query(("MERGE %s AS target USING (SELECT @name AS name) AS source ON target.name = source.name "
                + "WHEN MATCHED THEN UPDATE SET happened_at = CURRENT_TIMESTAMP() "
                + "WHEN NOT MATCHED THEN INSERT (name, happened_at) VALUES (source.name, CURRENT_TIMESTAMP())")
                .formatted(table(WAREHOUSE_STATE)), Map.of("name", QueryParameterValue.string(event.stateName)));
    }

    /**
     * The two small tables of what was loaded and when things changed, made on first use, and {@code episodes} and
     * {@code tracks} as Terraform makes them: a dataset created before they existed gets them without another
     * terraform apply.
     */
    private void ensureBookkeepingTables() {
        if (bookkeepingReady) {
            return;
        }
        createIfMissing(tracksTable.name(), StandardTableDefinition.of(schema(tracksTable.columns())));
        createIfMissing(episodesTable.name(), StandardTableDefinition.newBuilder()
                .setSchema(schema(episodesTable.columns()))
                .setTimePartitioning(TimePartitioning.newBuilder(TimePartitioning.Type.DAY).setField("played_at")
                        .build())
                .build());
        createIfMissing(LAKE_LOADS, StandardTableDefinition.of(Schema.of(
                Field.newBuilder("lake_key", LegacySQLTypeName.STRING).setMode(Field.Mode.REQUIRED).build(),
                Field.newBuilder("loaded_at", LegacySQLTypeName.TIMESTAMP).setMode(Field.Mode.REQUIRED).build())));
        createIfMissing(WAREHOUSE_STATE, StandardTableDefinition.of(Schema.of(
                Field.newBuilder("name", LegacySQLTypeName.STRING).setMode(Field.Mode.REQUIRED).build(),
                Field.newBuilder("happened_at", LegacySQLTypeName.TIMESTAMP).build())));
        bookkeepingReady = true;
    }

    private void createIfMissing(String name, StandardTableDefinition definition) {
        TableId id = TableId.of(project, dataset, name);
        try {
            if (bigquery.getTable(id) == null) {
                bigquery.create(TableInfo.of(id, definition));
            }
        } catch (BigQueryException e) {
            if (e.getCode() != 409) {
                throw new WarehouseException("BigQuery refused to create %s.%s (%s); the service account needs "
                        .formatted(dataset, name, e.getMessage()) + "roles/bigquery.dataEditor on the dataset.", e);
            }
        }
    }

    private long count(String sql) {
        for (FieldValueList row : query(sql, Map.of()).iterateAll()) {
            return row.get("n").getLongValue();
        }
        return 0;
    }

    private static String fingerprint(List<String> keys) {
        try {
            java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
            keys.forEach(key -> digest.update((key + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            return java.util.HexFormat.of().formatHex(digest.digest()).substring(0, 24);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public List<TopTrack> topTracks(String listenerId) {
        TableResult result = query("SELECT * FROM %s WHERE listener_id = @listener ORDER BY rank"
                .formatted(table("top_tracks")), Map.of("listener", QueryParameterValue.string(listenerId)));
        List<TopTrack> tracks = new ArrayList<>();
        for (FieldValueList row : result.iterateAll()) {
            tracks.add(topTrack(row));
        }
        return tracks;
    }

    @Override
    public List<Play> plays(String listenerId, Instant from, Instant to, int limit) {
        TableResult result = query(("SELECT * FROM %s WHERE listener_id = @listener AND played_at >= @from "
                + "AND played_at < @to ORDER BY played_at DESC LIMIT @limit").formatted(table("plays")), Map.of(
                "listener", QueryParameterValue.string(listenerId),
                "from", QueryParameterValue.timestamp(from.toEpochMilli() * 1000),
                "to", QueryParameterValue.timestamp(to.toEpochMilli() * 1000),
                "limit", QueryParameterValue.int64(limit)));
        List<Play> plays = new ArrayList<>();
        for (FieldValueList row : result.iterateAll()) {
            Map<String, String> values = new HashMap<>();
            for (SchemaColumn column : fields.schema().columns()) {
                FieldValue value = row.get(column.name());
                values.put(column.name(), value.isNull() ? null : switch (column.type()) {
                    case TIMESTAMP -> PlayFields.formatTimestamp(instant(value));
                    case INTEGER -> String.valueOf(value.getLongValue());
                    default -> value.getStringValue();
                });
            }
            plays.add(fields.fromText(values));
        }
        return plays;
    }

    @Override
    public ListeningInsights insights(String listenerId, Instant from, Instant to, java.time.ZoneId zone) {
        String window = ("WITH window_plays AS (SELECT DATETIME(played_at, @zone) AS local_time, * FROM %s "
                + "WHERE listener_id = @listener AND played_at >= @from AND played_at < @to), "
                + "window_artists AS (SELECT artist FROM window_plays, UNNEST(IF(artist_ids IS NOT NULL AND "
                + "ARRAY_LENGTH(SPLIT(artist_ids, ',')) = ARRAY_LENGTH(SPLIT(artists, ', ')), SPLIT(artists, ', '), "
                + "[artists])) AS artist WHERE artists IS NOT NULL) ").formatted(table("plays"));
        Map<String, QueryParameterValue> parameters = Map.of(
                "listener", QueryParameterValue.string(listenerId),
                "zone", QueryParameterValue.string(ListeningInsights.zoneName(zone, "")),
                "from", QueryParameterValue.timestamp(from.toEpochMilli() * 1000),
                "to", QueryParameterValue.timestamp(to.toEpochMilli() * 1000));
        List<ListeningInsights.DayCount> perDay = new ArrayList<>();
        for (FieldValueList row : query(window + "SELECT CAST(DATE(local_time) AS STRING) AS day, COUNT(*) AS plays "
                + "FROM window_plays GROUP BY day ORDER BY day", parameters).iterateAll()) {
            perDay.add(new ListeningInsights.DayCount(java.time.LocalDate.parse(row.get("day").getStringValue()),
                    row.get("plays").getLongValue()));
        }
        Long[] byHour = new Long[24];
        java.util.Arrays.fill(byHour, 0L);
        for (FieldValueList row : query(window + "SELECT EXTRACT(HOUR FROM local_time) AS hour, COUNT(*) AS plays "
                + "FROM window_plays GROUP BY hour", parameters).iterateAll()) {
            byHour[(int) row.get("hour").getLongValue()] = row.get("plays").getLongValue();
        }
        List<ListeningInsights.ArtistCount> topArtists = new ArrayList<>();
        for (FieldValueList row : query(window + "SELECT artist, COUNT(*) AS plays FROM window_artists "
                + "GROUP BY artist ORDER BY plays DESC, artist LIMIT 10", parameters).iterateAll()) {
            topArtists.add(new ListeningInsights.ArtistCount(row.get("artist").getStringValue(),
                    row.get("plays").getLongValue()));
        }
        ListeningInsights.Spoken spoken = spoken(parameters);
        for (FieldValueList row : query(window + "SELECT (SELECT COUNT(*) FROM window_plays) AS total, "
                + "(SELECT COUNT(DISTINCT COALESCE(track_uri, track_id, CONCAT(artists, ' — ', track_name))) "
                + "FROM window_plays) AS tracks, (SELECT COUNT(DISTINCT artist) FROM window_artists) AS artists, "
                + "(SELECT AVG(CASE WHEN mode = 0 THEN 1.0 WHEN mode = 1 THEN 0.0 END) FROM window_plays) AS minor, "
                + "(SELECT COALESCE(SUM(COALESCE(ms_played, duration_ms)), 0) FROM window_plays) AS ms",
                parameters).iterateAll()) {
            FieldValue minor = row.get("minor");
            return new ListeningInsights(perDay, List.of(byHour), topArtists, row.get("total").getLongValue(),
                    row.get("tracks").getLongValue(), row.get("artists").getLongValue(),
                    minor.isNull() ? null : minor.getDoubleValue(), row.get("ms").getLongValue(), spoken);
        }
        throw new WarehouseException("BigQuery answered the totals query with no row");
    }

    /** The window's podcast episodes and audiobook chapters: how many, how long, and the shows heard longest. */
    private ListeningInsights.Spoken spoken(Map<String, QueryParameterValue> window) {
        ensureBookkeepingTables();
        Map<String, QueryParameterValue> parameters = new HashMap<>(window);
        parameters.remove("zone");
        parameters.put("top", QueryParameterValue.int64(ListeningInsights.TOP_SHOWS));
        List<ListeningInsights.ShowTime> shows = new ArrayList<>();
        long streams = 0;
        long ms = 0;
        for (FieldValueList row : query(("SELECT show_name, kind, COUNT(*) AS streams, SUM(ms_played) AS ms, "
                + "SUM(COUNT(*)) OVER () AS all_streams, SUM(SUM(ms_played)) OVER () AS all_ms FROM %s "
                + "WHERE listener_id = @listener AND played_at >= @from AND played_at < @to GROUP BY show_name, kind "
                + "ORDER BY ms DESC, show_name LIMIT @top").formatted(table(episodesTable.name())), parameters)
                .iterateAll()) {
            shows.add(new ListeningInsights.ShowTime(text(row.get("show_name")), row.get("kind").getStringValue(),
                    row.get("streams").getLongValue(), row.get("ms").getLongValue()));
            streams = row.get("all_streams").getLongValue();
            ms = row.get("all_ms").getLongValue();
        }
        return new ListeningInsights.Spoken(streams, ms, shows);
    }

    @Override
    public void checkReachable() {
        try {
            if (bigquery.getTable(TableId.of(project, dataset, "plays")) == null) {
                throw new WarehouseException(("BigQuery has no table %s.%s.plays. Create it with terraform apply "
                        + "(terraform/), or check insights.gcp.project and insights.warehouse.bigquery.dataset.")
                        .formatted(project, dataset));
            }
        } catch (BigQueryException e) {
            throw new WarehouseException("BigQuery can't be reached (%s). Check the credentials and the network."
                    .formatted(e.getMessage()), e);
        }
    }

    /**
     * Makes the table exactly the rows of the staged ones, merged by {@link PlayMerge}'s rule, in one statement:
     * rows no lake object holds go, rows missing come in, rows that differ take the merged values.
     */
    String rebuildSql(LakeTable table, TableId staging) {
        if (table == tracksTable) {
            return trackMergeSql(staging, true);
        }
        return """
                MERGE %s AS target
                USING (%s) AS source
                ON target.unique_id = source.unique_id
                WHEN NOT MATCHED BY SOURCE THEN DELETE
                WHEN MATCHED AND (%s) THEN UPDATE SET %s
                WHEN NOT MATCHED BY TARGET THEN INSERT ROW""".formatted(table(table.name()),
                merged(table, staging, false), differs(table), assignments(table));
    }

    /**
     * Adds the staged rows the table lacks, and merges those it has into the stored row of their key, by
     * {@link PlayMerge}'s rule.
     */
    String mergeSql(LakeTable table, TableId staging) {
        if (table == tracksTable) {
            return trackMergeSql(staging, false);
        }
        return """
                MERGE %s AS target
                USING (%s) AS source
                ON target.unique_id = source.unique_id
                WHEN MATCHED AND (%s) THEN UPDATE SET %s
                WHEN NOT MATCHED THEN INSERT ROW""".formatted(table(table.name()), merged(table, staging, true),
                differs(table), assignments(table));
    }

    /**
     * Merges staged tracks into {@code tracks} by {@link TrackMerge}'s rule, with the stored rows of their tracks;
     * {@code replace}: tracks no staged row names go.
     */
    private String trackMergeSql(TableId staging, boolean replace) {
        List<SchemaColumn> columns = tracksTable.columns();
        String columnList = columns.stream().map(column -> "`" + column.name() + "`")
                .collect(Collectors.joining(", "));
        String stagingTable = tableOf(staging);
        String stored = replace ? "" : "\n      UNION ALL SELECT %s FROM %s WHERE track_id IN (SELECT track_id FROM %s)"
                .formatted(columnList, table(tracksTable.name()), stagingTable);
        String select = TrackMerge.selectList(columns,
                (column, order) -> "ARRAY_AGG(STRUCT(%s AS v) ORDER BY %s LIMIT 1)[OFFSET(0)].v".formatted(column,
                        order),
                (column, order) -> "ARRAY_AGG(%s IGNORE NULLS ORDER BY %s LIMIT 1)[SAFE_OFFSET(0)]".formatted(column,
                        order),
                column -> "`" + column + "`");
        return """
                MERGE %s AS target
                USING (
                  SELECT %s
                  FROM (
                      SELECT %s FROM %s%s)
                  GROUP BY track_id) AS source
                ON target.track_id = source.track_id
                %sWHEN MATCHED THEN UPDATE SET %s
                WHEN NOT MATCHED THEN INSERT ROW""".formatted(table(tracksTable.name()), select, columnList,
                stagingTable, stored, replace ? "WHEN NOT MATCHED BY SOURCE THEN DELETE\n" : "",
                columns.stream().filter(column -> !column.name().equals(TrackMerge.KEY))
                        .map(column -> "`%1$s` = source.`%1$s`".formatted(column.name()))
                        .collect(Collectors.joining(", ")));
    }

    private static String tableOf(TableId id) {
        return "`%s.%s.%s`".formatted(id.getProject(), id.getDataset(), id.getTable());
    }

    /** One row per {@code unique_id} of the staged rows (and the stored rows they share a key with). */
    private String merged(LakeTable table, TableId staging, boolean withStored) {
        List<SchemaColumn> columns = table.columns();
        String columnList = columns.stream().map(column -> column.name()).collect(Collectors.joining(", "));
        String stagingTable = "`%s.%s.%s`".formatted(staging.getProject(), staging.getDataset(), staging.getTable());
        String stored = withStored ? "\n      UNION ALL SELECT %s FROM %s WHERE unique_id IN (SELECT unique_id FROM %s)"
                .formatted(columnList, table(table.name()), stagingTable) : "";
        return """
                  SELECT %s
                  FROM (SELECT *, %s FROM (
                      SELECT %s FROM %s%s))
                  GROUP BY unique_id""".formatted(
                PlayMerge.selectList(columns, (column, order) -> "ARRAY_AGG(%s IGNORE NULLS ORDER BY %s LIMIT 1)"
                        .formatted(column, order) + "[SAFE_OFFSET(0)]", column -> "`" + column + "`"),
                PlayMerge.rowHelpers(table.exactColumn()), columnList, stagingTable, stored);
    }

    private static String differs(LakeTable table) {
        return table.columns().stream()
                .map(column -> "source.`%1$s` IS DISTINCT FROM target.`%1$s`".formatted(column.name()))
                .collect(Collectors.joining(" OR "));
    }

    private static String assignments(LakeTable table) {
        return table.columns().stream().filter(column -> !column.name().equals("unique_id"))
                .map(column -> "`%1$s` = source.`%1$s`".formatted(column.name()))
                .collect(Collectors.joining(", "));
    }

    private static long zeroIfNull(Long value) {
        return value == null ? 0 : value;
    }

    private Job runJob(JobId id, com.google.cloud.bigquery.JobConfiguration configuration, String lakeKey) {
        Job job;
        try {
            job = bigquery.create(JobInfo.of(id, configuration));
        } catch (BigQueryException e) {
            if (e.getCode() != 409) {
                throw new WarehouseException("BigQuery refused the job %s for %s: %s".formatted(id.getJob(), lakeKey,
                        e.getMessage()), e);
            }
            // The client retried its own create call and the first one got through: wait for that job.
            job = bigquery.getJob(id);
        }
        try {
            job = job.waitFor();
        } catch (BigQueryException e) {
            // Newer clients throw for a job that ended with an error; older ones return it with the error set.
            throw jobFailed(id, lakeKey, e.getMessage(), e.getReason(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WarehouseException("Interrupted while BigQuery ran " + id.getJob(), e);
        }
        if (job == null) {
            throw new WarehouseException("BigQuery lost the job %s for %s; restart the run".formatted(id.getJob(),
                    lakeKey));
        }
        BigQueryError error = job.getStatus().getError();
        if (error != null) {
            throw jobFailed(id, lakeKey, error.getMessage(), error.getReason(), null);
        }
        return job;
    }

    private static WarehouseException jobFailed(JobId id, String lakeKey, String message, String reason,
            Exception cause) {
        return new WarehouseException(("BigQuery's job %s for %s failed: %s (%s). Nothing of it was merged into "
                + "plays; fix the file in the lake or the table, then restart the run.").formatted(id.getJob(),
                lakeKey, message, reason), cause);
    }

    private TableResult query(String sql, Map<String, QueryParameterValue> parameters) {
        try {
            return bigquery.query(QueryJobConfiguration.newBuilder(sql).setNamedParameters(parameters)
                    .setUseLegacySql(false).build());
        } catch (BigQueryException e) {
            throw new WarehouseException("BigQuery could not answer a query on %s (%s)".formatted(dataset,
                    e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WarehouseException("Interrupted while querying BigQuery", e);
        }
    }

    private String table(String name) {
        return "`%s.%s.%s`".formatted(project, dataset, name);
    }

    /** A BigQuery job id from a lake key: letters, digits and underscores; the same key always gives the same id. */
    static String loadName(String lakeKey) {
        return lakeKey.replaceAll("[^A-Za-z0-9]", "_");
    }

    private static Instant instant(FieldValue value) {
        return Instant.EPOCH.plus(value.getTimestampValue(), ChronoUnit.MICROS);
    }

    private static TopTrack topTrack(FieldValueList row) {
        Object[] values = new Object[TopTrackColumns.COLUMNS.size()];
        for (int i = 0; i < values.length; i++) {
            TopTrackColumns.Column column = TopTrackColumns.COLUMNS.get(i);
            FieldValue value = row.get(column.name());
            Class<?> type = column.javaType();
            if (value.isNull()) {
                values[i] = type == int.class ? 0 : type == long.class ? 0L : null;
            } else if (type == int.class || type == Integer.class) {
                values[i] = (int) value.getLongValue();
            } else if (type == long.class || type == Long.class) {
                values[i] = value.getLongValue();
            } else if (type == Double.class) {
                values[i] = value.getDoubleValue();
            } else if (type == Instant.class) {
                values[i] = instant(value);
            } else {
                values[i] = value.getStringValue();
            }
        }
        return TopTrackColumns.create(values);
    }
}
