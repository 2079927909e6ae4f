package io.spotifyinsights.warehouse;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.spotifyinsights.OwnerOnlyFiles;
import io.spotifyinsights.lake.Lake;
import io.spotifyinsights.lake.LakeObjectNotFoundException;
import io.spotifyinsights.play.EpisodeFields;
import io.spotifyinsights.play.Play;
import io.spotifyinsights.play.PlayFields;
import io.spotifyinsights.play.PlaySource;
import io.spotifyinsights.play.StoredEpisode;
import io.spotifyinsights.play.StoredPlay;
import io.spotifyinsights.play.TrackFields;
import io.spotifyinsights.play.TrackInfo;
import io.spotifyinsights.play.SchemaColumn;

/**
 * The embedded warehouse: one DuckDB file. {@code plays} is created from schema.json at start (columns it gains are
 * added to an existing table); {@code top_tracks} from the {@link TopTrack} record.
 *
 * <p>Spark gets the plays in columns, not through a JDBC cursor: each load also writes the plays it inserted as a
 * Parquet file into a mirror folder that {@link #preparePlaysForSpark()} checks against the table and rebuilds when
 * they differ; Spark's result comes back as Parquet too ({@link #replaceTopTracksFromParquet(Path)}).
 */
public final class DuckDbWarehouse implements Warehouse, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DuckDbWarehouse.class);

    private final Path databaseFile;
    private final Path exchangeDir;
    private final Path mirrorDir;
    private final Lake lake;
    /**
     * A play ({@code p}) whose track ({@code t}, joined) is for the features backfill to ask about: no features, and
     * no provider asked since the parameter — or never, where the play has none of its own (plays fetched with
     * features before the tracks table existed are not asked again).
     */
    static final String NOT_ASKED = "(t.track_id IS NULL AND p.danceability IS NULL) OR (t.features_provider IS NULL "
            + "AND t.features_checked_at < ?)";

    private final PlayFields fields;
    private final LakeTable playsTable;
    private final LakeTable episodesTable;
    private final LakeTable tracksTable;
    private final List<LakeTable> tables;
    private final Clock clock;
    private final DuckDBConnection connection;

    /** Loads, mirror rebuilds and top-ten replacements change several things together: one at a time. */
    private final ReentrantLock writes = new ReentrantLock();

    public DuckDbWarehouse(Path databaseFile, Path exchangeDir, Lake lake, PlayFields fields,
            EpisodeFields episodeFields, TrackFields trackFields, Clock clock) {
        this.databaseFile = databaseFile.toAbsolutePath();
        this.exchangeDir = exchangeDir.toAbsolutePath();
        this.mirrorDir = this.exchangeDir.resolve("plays");
        this.lake = lake;
        this.fields = fields;
        this.playsTable = LakeTable.plays(fields);
        this.episodesTable = LakeTable.episodes(episodeFields);
        this.tracksTable = LakeTable.tracks(trackFields);
        this.tables = List.of(playsTable, episodesTable, tracksTable);
        TrackMerge.requireFeatureColumns(playsTable.columns(), tracksTable.columns());
        this.clock = clock;
        try {
            OwnerOnlyFiles.createDirectories(this.databaseFile.getParent());
            OwnerOnlyFiles.createDirectories(mirrorDir);
            this.connection = open(this.databaseFile, clock);
            createTables();
        } catch (SQLException | IOException e) {
            throw new WarehouseException("Could not open the warehouse %s (%s). Check that the service can write to %s."
                    .formatted(this.databaseFile, firstLine(e), this.databaseFile.getParent()), e);
        }
    }

    /**
     * Opens the database file. One another process holds is an error that says so; one DuckDB can't read (damaged,
     * truncated, from an unknown version) is moved aside, never deleted, and a new one started — the lake holds every
     * play, so the service rebuilds it from there.
     */
    static DuckDBConnection open(Path file, Clock clock) throws SQLException, IOException {
        try {
            return (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + file);
        } catch (SQLException e) {
            String message = String.valueOf(e.getMessage());
            if (message.contains("Could not set lock") || message.contains("Conflicting lock")) {
                throw new WarehouseException(("The warehouse %s is held by another process (%s). Only one service may "
                        + "use a data directory; stop the other one, or close the DuckDB shell that has the file open.")
                        .formatted(file, firstLine(e)), e);
            }
            if (!Files.isRegularFile(file) || message.contains("Permission denied") || message.contains("Read-only")) {
                throw e;
            }
            Path aside = file.resolveSibling(file.getFileName() + ".damaged-"
                    + DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(clock.instant()));
            Files.move(file, aside);
            Path wal = file.resolveSibling(file.getFileName() + ".wal");
            if (Files.exists(wal)) {
                Files.move(wal, aside.resolveSibling(aside.getFileName() + ".wal"));
            }
            log.warn("The warehouse {} can't be read ({}). Moved it to {} and started a new one; it is rebuilt from the "
                    + "lake, which holds every play. Delete the moved file once you no longer need it.", file,
                    firstLine(e), aside);
            return (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + file);
        }
    }

    @Override
    public Optional<Instant> watermark(String listenerId) {
        try (Connection db = connection.duplicate();
                PreparedStatement query = db.prepareStatement(
                        "SELECT max(played_at) FROM plays WHERE listener_id = ? AND source = ?")) {
            query.setString(1, listenerId);
            query.setString(2, PlaySource.API.wireValue());
            try (ResultSet row = query.executeQuery()) {
                row.next();
                LocalDateTime newest = row.getObject(1, LocalDateTime.class);
                return Optional.ofNullable(newest).map(time -> time.toInstant(ZoneOffset.UTC));
            }
        } catch (SQLException e) {
            throw failure("read the watermark", e);
        }
    }

    @Override
    public void storedPlays(String listenerId, Instant from, Instant to, Consumer<StoredPlay> each) {
        try (Connection db = connection.duplicate();
                PreparedStatement query = windowQuery(db, "SELECT unique_id, played_at, track_id, track_name, "
                        + "artists, track_uri, ms_played, source, upload_timestamp FROM plays WHERE listener_id = ? "
                        + "AND played_at >= ? AND played_at < ? ORDER BY played_at", listenerId, from, to)) {
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    Object msPlayed = rows.getObject(7);
                    each.accept(new StoredPlay(rows.getString(1),
                            rows.getObject(2, LocalDateTime.class).toInstant(ZoneOffset.UTC), rows.getString(3),
                            rows.getString(4), rows.getString(5), rows.getString(6),
                            msPlayed == null ? null : ((Number) msPlayed).longValue(),
                            PlaySource.fromWireValue(rows.getString(8)),
                            rows.getObject(9, LocalDateTime.class).toInstant(ZoneOffset.UTC)));
                }
            }
        } catch (SQLException e) {
            throw failure("read the stored plays", e);
        }
    }

    @Override
    public void storedEpisodes(String listenerId, Instant from, Instant to, Consumer<StoredEpisode> each) {
        try (Connection db = connection.duplicate();
                PreparedStatement query = windowQuery(db, "SELECT unique_id, episode_uri IS NOT NULL, "
                        + "upload_timestamp FROM episodes WHERE listener_id = ? AND played_at >= ? AND played_at < ?",
                        listenerId, from, to)) {
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    each.accept(new StoredEpisode(rows.getString(1), rows.getBoolean(2),
                            rows.getObject(3, LocalDateTime.class).toInstant(ZoneOffset.UTC)));
                }
            }
        } catch (SQLException e) {
            throw failure("read the stored episodes", e);
        }
    }

    /** A query whose first three parameters are a listener and a window of {@code played_at}, read in pages. */
    private static PreparedStatement windowQuery(Connection db, String sql, String listenerId, Instant from,
            Instant to) throws SQLException {
        PreparedStatement query = db.prepareStatement(sql);
        query.setString(1, listenerId);
        query.setObject(2, LocalDateTime.ofInstant(from, ZoneOffset.UTC));
        query.setObject(3, LocalDateTime.ofInstant(to, ZoneOffset.UTC));
        query.setFetchSize(10_000);
        return query;
    }

    @Override
    public List<TrackInfo> tracksToAsk(Instant askedBefore, int limit) {
        try (Connection db = connection.duplicate();
                PreparedStatement query = db.prepareStatement("SELECT p.track_id, arg_max(p.track_name, p.played_at), "
                        + "arg_max(p.artists, p.played_at), arg_max(p.album_name, p.played_at), max(p.duration_ms) "
                        + "FROM plays p LEFT JOIN tracks t ON t.track_id = p.track_id WHERE p.track_id IS NOT NULL "
                        + "AND (" + NOT_ASKED + ") GROUP BY p.track_id ORDER BY count(*) DESC, max(p.played_at) DESC, "
                        + "p.track_id LIMIT ?")) {
            query.setObject(1, LocalDateTime.ofInstant(askedBefore, ZoneOffset.UTC));
            query.setInt(2, limit);
            List<TrackInfo> tracks = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    Object duration = rows.getObject(5);
                    tracks.add(new TrackInfo(rows.getString(1), rows.getString(2), rows.getString(3),
                            rows.getString(4), duration == null ? null : ((Number) duration).longValue(), null, null,
                            null, null, null, null, null, null, null, null, null, null, null, null));
                }
            }
            return tracks;
        } catch (SQLException e) {
            throw failure("list the tracks to ask about", e);
        }
    }

    @Override
    public FeatureCoverage featureCoverage(Instant askedBefore) {
        try (Connection db = connection.duplicate();
                PreparedStatement query = db.prepareStatement("SELECT count(DISTINCT p.track_id), "
                        + "count(DISTINCT p.track_id) FILTER (WHERE p.danceability IS NOT NULL OR "
                        + "t.features_provider IS NOT NULL), count(DISTINCT p.track_id) FILTER (WHERE " + NOT_ASKED
                        + ") FROM plays p LEFT JOIN tracks t ON t.track_id = p.track_id WHERE p.track_id IS NOT NULL")) {
            query.setObject(1, LocalDateTime.ofInstant(askedBefore, ZoneOffset.UTC));
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return new FeatureCoverage(row.getLong(1), row.getLong(2), row.getLong(3));
            }
        } catch (SQLException e) {
            throw failure("count the tracks with features", e);
        }
    }

    @Override
    public LoadResult load(Collection<String> lakeKeys) {
        return ingest(lakeKeys, false);
    }

    @Override
    public LoadResult rebuild(Collection<String> lakeKeys) {
        return ingest(lakeKeys, true);
    }

    @Override
    public void forget(String listenerId, Collection<String> lakeKeys) {
        writes.lock();
        try (Connection db = connection.duplicate()) {
            db.setAutoCommit(false);
            try (PreparedStatement plays = db.prepareStatement("DELETE FROM plays WHERE listener_id = ?");
                    PreparedStatement episodes = db.prepareStatement("DELETE FROM episodes WHERE listener_id = ?");
                    PreparedStatement topTen = db.prepareStatement("DELETE FROM top_tracks WHERE listener_id = ?");
                    PreparedStatement loads = db.prepareStatement("DELETE FROM lake_loads WHERE lake_key = ?")) {
                plays.setString(1, listenerId);
                long removed = plays.executeUpdate();
                episodes.setString(1, listenerId);
                episodes.executeUpdate();
                topTen.setString(1, listenerId);
                topTen.executeUpdate();
                for (String key : lakeKeys) {
                    loads.setString(1, key);
                    loads.addBatch();
                }
                loads.executeBatch();
                if (removed > 0) {
                    setState(db, WarehouseEvent.PLAYS_CHANGED);
                    // Spark's copy is made again from the table before the next top ten.
                    dropMirror();
                }
                db.commit();
            } catch (SQLException | IOException e) {
                db.rollback();
                throw e;
            }
        } catch (SQLException | IOException e) {
            throw failure("remove the plays of " + listenerId, e);
        } finally {
            writes.unlock();
        }
    }

    @Override
    public Set<String> loadedKeys() {
        try (Connection db = connection.duplicate(); Statement statement = db.createStatement();
                ResultSet rows = statement.executeQuery("SELECT lake_key FROM lake_loads")) {
            Set<String> keys = new HashSet<>();
            while (rows.next()) {
                keys.add(rows.getString(1));
            }
            return keys;
        } catch (SQLException e) {
            throw failure("list the lake objects it loaded", e);
        }
    }

    @Override
    public Optional<Instant> playsChangedAt() {
        return stateTime(WarehouseEvent.PLAYS_CHANGED);
    }

    @Override
    public Optional<Instant> topTracksComputedAt() {
        return stateTime(WarehouseEvent.TOP_TRACKS_COMPUTED);
    }

    @Override
    public List<TopTrack> topTracks(String listenerId) {
        try (Connection db = connection.duplicate();
                PreparedStatement query = db.prepareStatement(
                        "SELECT * FROM top_tracks WHERE listener_id = ? ORDER BY rank")) {
            query.setString(1, listenerId);
            List<TopTrack> tracks = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    tracks.add(TopTrackColumns.read(rows));
                }
            }
            return tracks;
        } catch (SQLException e) {
            throw failure("read the top tracks", e);
        }
    }

    @Override
    public List<Play> plays(String listenerId, Instant from, Instant to, int limit) {
        List<SchemaColumn> columns = fields.schema().columns();
        String sql = "SELECT %s FROM plays WHERE listener_id = ? AND played_at >= ? AND played_at < ? "
                + "ORDER BY played_at DESC LIMIT ?";
        try (Connection db = connection.duplicate();
                PreparedStatement query = db.prepareStatement(sql.formatted(columnList(columns)))) {
            query.setString(1, listenerId);
            query.setObject(2, LocalDateTime.ofInstant(from, ZoneOffset.UTC));
            query.setObject(3, LocalDateTime.ofInstant(to, ZoneOffset.UTC));
            query.setInt(4, limit);
            List<Play> plays = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    plays.add(toPlay(rows, columns));
                }
            }
            return plays;
        } catch (SQLException e) {
            throw failure("read plays", e);
        }
    }

    @Override
    public ListeningInsights insights(String listenerId, Instant from, Instant to, ZoneId zone) {
        // One pass to a temporary table, then small aggregates over it: a few tens of ms on a million plays.
        String window = ("CREATE OR REPLACE TEMP TABLE window_plays AS SELECT "
                + "timezone(?, timezone('UTC', played_at)) AS local_time, track_uri, track_id, track_name, artists, "
                + "artist_ids, \"mode\", ms_played, duration_ms FROM plays WHERE listener_id = ? AND played_at >= ? "
                + "AND played_at < ?");
        try (Connection db = connection.duplicate()) {
            try (PreparedStatement select = db.prepareStatement(window)) {
                select.setString(1, ListeningInsights.zoneName(zone, "GMT"));
                select.setString(2, listenerId);
                select.setObject(3, LocalDateTime.ofInstant(from, ZoneOffset.UTC));
                select.setObject(4, LocalDateTime.ofInstant(to, ZoneOffset.UTC));
                select.execute();
            }
            try (Statement sql = db.createStatement()) {
                List<ListeningInsights.DayCount> perDay = new ArrayList<>();
                try (ResultSet rows = sql.executeQuery("SELECT CAST(local_time AS DATE) AS day, count(*) FROM "
                        + "window_plays GROUP BY 1 ORDER BY 1")) {
                    while (rows.next()) {
                        perDay.add(new ListeningInsights.DayCount(rows.getObject(1, java.time.LocalDate.class),
                                rows.getLong(2)));
                    }
                }
                Long[] byHour = new Long[24];
                java.util.Arrays.fill(byHour, 0L);
                try (ResultSet rows = sql.executeQuery("SELECT hour(local_time), count(*) FROM window_plays GROUP BY 1")) {
                    while (rows.next()) {
                        byHour[rows.getInt(1)] = rows.getLong(2);
                    }
                }
                // Credit each artist of a multi-artist track when the ids line up with the names.
                sql.execute("CREATE OR REPLACE TEMP TABLE window_artists AS SELECT unnest(CASE WHEN artist_ids IS NOT "
                        + "NULL AND len(string_split(artist_ids, ',')) = len(string_split(artists, ', ')) THEN "
                        + "string_split(artists, ', ') ELSE [artists] END) AS artist FROM window_plays "
                        + "WHERE artists IS NOT NULL");
                List<ListeningInsights.ArtistCount> topArtists = new ArrayList<>();
                try (ResultSet rows = sql.executeQuery("SELECT artist, count(*) AS plays FROM window_artists "
                        + "GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 10")) {
                    while (rows.next()) {
                        topArtists.add(new ListeningInsights.ArtistCount(rows.getString(1), rows.getLong(2)));
                    }
                }
                long distinctArtists = count(sql, "SELECT count(DISTINCT artist) FROM window_artists");
                ListeningInsights.Spoken spoken = spoken(db, listenerId, from, to);
                try (ResultSet row = sql.executeQuery("SELECT count(*), count(DISTINCT coalesce(track_uri, track_id, "
                        + "artists || ' — ' || track_name)), avg(CASE WHEN \"mode\" = 0 THEN 1.0 WHEN \"mode\" = 1 "
                        + "THEN 0.0 END), coalesce(sum(coalesce(ms_played, duration_ms)), 0) FROM window_plays")) {
                    row.next();
                    Object minor = row.getObject(3);
                    return new ListeningInsights(perDay, List.of(byHour), topArtists, row.getLong(1), row.getLong(2),
                            distinctArtists, minor == null ? null : ((Number) minor).doubleValue(), row.getLong(4),
                            spoken);
                }
            } finally {
                try (Statement drop = db.createStatement()) {
                    drop.execute("DROP TABLE IF EXISTS window_plays");
                    drop.execute("DROP TABLE IF EXISTS window_artists");
                }
            }
        } catch (SQLException e) {
            throw failure("aggregate plays", e);
        }
    }

    /** The window's podcast episodes and audiobook chapters: how many, how long, and the shows heard longest. */
    private static ListeningInsights.Spoken spoken(Connection db, String listenerId, Instant from, Instant to)
            throws SQLException {
        try (PreparedStatement query = db.prepareStatement("SELECT show_name, kind, count(*) AS streams, "
                + "sum(ms_played) AS ms, sum(count(*)) OVER () AS all_streams, "
                + "sum(sum(ms_played)) OVER () AS all_ms FROM episodes WHERE listener_id = ? AND played_at >= ? "
                + "AND played_at < ? GROUP BY show_name, kind ORDER BY ms DESC, show_name LIMIT ?")) {
            query.setString(1, listenerId);
            query.setObject(2, LocalDateTime.ofInstant(from, ZoneOffset.UTC));
            query.setObject(3, LocalDateTime.ofInstant(to, ZoneOffset.UTC));
            query.setInt(4, ListeningInsights.TOP_SHOWS);
            List<ListeningInsights.ShowTime> shows = new ArrayList<>();
            long streams = 0;
            long ms = 0;
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    shows.add(new ListeningInsights.ShowTime(rows.getString(1), rows.getString(2), rows.getLong(3),
                            rows.getLong(4)));
                    streams = rows.getLong(5);
                    ms = rows.getLong(6);
                }
            }
            return new ListeningInsights.Spoken(streams, ms, shows);
        }
    }

    @Override
    public void checkReachable() {
        if (!Files.isRegularFile(databaseFile)) {
            throw new WarehouseException(("The warehouse file %s was removed while the service runs: what is stored now "
                    + "goes to a file nobody can open again. Restart the service; it rebuilds the warehouse from the "
                    + "lake.").formatted(databaseFile));
        }
        try (Connection db = connection.duplicate(); Statement statement = db.createStatement()) {
            statement.execute("SELECT count(*) FROM plays");
        } catch (SQLException e) {
            throw failure("answer a query", e);
        }
    }

    /**
     * Makes sure the Parquet mirror of {@code plays} holds exactly the table's rows, rebuilding it when it doesn't
     * (a crash between a load's commit and its mirror file, a file deleted by hand), and returns its folder.
     */
    public Path preparePlaysForSpark() {
        writes.lock();
        try (Connection db = connection.duplicate(); Statement statement = db.createStatement()) {
            long inTable = count(statement, "SELECT count(*) FROM plays");
            long inMirror = mirrorFiles().isEmpty() ? -1
                    : count(statement, "SELECT count(*) FROM read_parquet(%s)".formatted(literal(mirrorGlob())));
            if (inMirror != inTable) {
                log.info("Rebuilding the Parquet mirror of plays ({} rows in the table, {} in the mirror)", inTable,
                        Math.max(inMirror, 0));
                dropMirror();
                Path snapshot = mirrorDir.resolve("snapshot-" + clock.millis() + ".parquet");
                copyToParquet(statement, "SELECT * FROM plays", snapshot);
            }
            return mirrorDir;
        } catch (SQLException | IOException e) {
            throw failure("prepare plays for Spark", e);
        } finally {
            writes.unlock();
        }
    }

    /** Replaces {@code top_tracks} as a whole with the rows of the Parquet files in a folder, in one transaction. */
    public void replaceTopTracksFromParquet(Path folder) {
        String columns = String.join(", ", TopTrackColumns.names().stream().map(DuckDbWarehouse::quote).toList());
        writes.lock();
        try (Connection db = connection.duplicate()) {
            db.setAutoCommit(false);
            try (Statement statement = db.createStatement();
                    PreparedStatement insert = db.prepareStatement(
                            "INSERT INTO top_tracks (%s, computed_at) SELECT %s, ? FROM read_parquet(%s)"
                                    .formatted(columns, columns, literal(folder.toAbsolutePath() + "/*.parquet")))) {
                statement.execute("DELETE FROM top_tracks");
                insert.setObject(1, LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
                insert.executeUpdate();
                setState(db, WarehouseEvent.TOP_TRACKS_COMPUTED);
                db.commit();
            } catch (SQLException e) {
                db.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw failure("replace the top tracks", e);
        } finally {
            writes.unlock();
        }
    }

    /** The folder Spark and the warehouse hand Parquet files over in. */
    public Path exchangeDir() {
        return exchangeDir;
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            log.warn("Closing the warehouse {} failed: {}", databaseFile, e.getMessage());
        }
    }

    /**
     * Reads lake objects into the warehouse in one transaction, each into the table its folder feeds ({@link
     * LakeTable}). Rows that share a {@code unique_id} — in the objects or with a stored row — become one by {@link
     * PlayMerge}'s rule, so a load of objects that overlap keeps what loading them one by one would have kept.
     * {@code replace}: the tables and the record of loaded objects become exactly these objects'.
     */
    private LoadResult ingest(Collection<String> lakeKeys, boolean replace) {
        List<String> keys = lakeKeys.stream().distinct().sorted().toList();
        if (keys.isEmpty() && !replace) {
            return LoadResult.NOTHING;
        }
        writes.lock();
        Map<String, Path> files = new LinkedHashMap<>();
        try {
            Map<LakeTable, Map<String, Path>> byTable = new LinkedHashMap<>();
            tables.forEach(table -> byTable.put(table, new LinkedHashMap<>()));
            for (String key : keys) {
                LakeTable table = LakeTable.of(key, tables);
                Path local = localCopy(key);
                files.put(key, local);
                requireSchemaHeader(local, key, table);
                byTable.get(table).put(key, local);
            }
            return store(byTable, replace);
        } finally {
            writes.unlock();
            files.forEach((key, local) -> {
                if (!local.toUri().equals(lake.uri(key))) {
                    deleteQuietly(local);
                }
            });
        }
    }

    private LoadResult store(Map<LakeTable, Map<String, Path>> byTable, boolean replace) {
        String mirrorName = "load-" + clock.millis() + "-" + UUID.randomUUID() + ".parquet";
        Path partialMirror = mirrorDir.resolve(mirrorName + ".partial");
        List<String> keys = byTable.values().stream().flatMap(files -> files.keySet().stream()).toList();
        try (Connection db = connection.duplicate()) {
            db.setAutoCommit(false);
            try (Statement statement = db.createStatement()) {
                if (replace) {
                    // Spark's copy of plays goes first: whatever happens next, it is made again from the table.
                    dropMirror();
                    statement.execute("DELETE FROM lake_loads");
                }
                TableLoad plays = loadTable(db, statement, playsTable, byTable.get(playsTable), replace,
                        partialMirror);
                TableLoad episodes = loadTable(db, statement, episodesTable, byTable.get(episodesTable), replace,
                        null);
                boolean tracksLoaded = loadTracks(statement, byTable.get(tracksTable), replace);
                boolean playsLoaded = plays.result().inserted() > 0 || plays.result().merged() > 0;
                long featuresCopied = replace || playsLoaded || tracksLoaded
                        ? copyFeaturesToPlays(statement, replace, tracksLoaded) : 0;
                boolean mirrored = plays.mirrored();
                if (featuresCopied > 0) {
                    // Plays changed in place (perhaps the ones just mirrored): Spark's copy is made again from the
                    // table before the next top ten.
                    deleteQuietly(partialMirror);
                    dropMirror();
                    mirrored = false;
                }
                if (replace || playsLoaded || featuresCopied > 0) {
                    setState(db, WarehouseEvent.PLAYS_CHANGED);
                }
                dropTracksStaging(statement);
                db.commit();
                if (mirrored) {
                    publishMirror(partialMirror, mirrorDir.resolve(mirrorName));
                }
                return plays.result().withEpisodes(episodes.result().inserted());
            } catch (SQLException | IOException e) {
                db.rollback();
                deleteQuietly(partialMirror);
                throw e;
            }
        } catch (SQLException | IOException e) {
            throw loadFailed(keys, e);
        }
    }

    /**
     * Loads the objects of tracks, in the caller's transaction: each track's rows — stored and new — become one by
     * {@link TrackMerge}'s rule.
     *
     * @return whether there were any
     */
    private boolean loadTracks(Statement statement, Map<String, Path> files, boolean replace) throws SQLException {
        if (replace) {
            statement.execute("DELETE FROM tracks");
        }
        if (files.isEmpty()) {
            return false;
        }
        List<SchemaColumn> columns = tracksTable.columns();
        String columnList = columnList(columns);
        statement.execute("CREATE OR REPLACE TEMP TABLE staged_tracks AS SELECT %s FROM %s"
                .formatted(columnList, readCsv(files.values(), columns)));
        statement.execute(("CREATE OR REPLACE TEMP TABLE merged_tracks AS SELECT %s FROM (SELECT %s FROM staged_tracks "
                + "UNION ALL SELECT %s FROM tracks WHERE track_id IN (SELECT track_id FROM staged_tracks)) "
                + "GROUP BY track_id").formatted(TrackMerge.selectList(columns,
                        (column, order) -> "first(%s ORDER BY %s)".formatted(column, order),
                        (column, order) -> "first(%s ORDER BY %s) FILTER (WHERE %s IS NOT NULL)".formatted(column,
                                order, column), DuckDbWarehouse::quote), columnList, columnList));
        // Stored tracks are updated, not deleted and inserted again: DuckDB may refuse a key deleted and inserted in
        // one transaction.
        String assignments = columns.stream().filter(column -> !column.name().equals(TrackMerge.KEY))
                .map(column -> "%1$s = m.%1$s".formatted(quote(column.name())))
                .collect(Collectors.joining(", "));
        statement.execute("UPDATE tracks SET %s FROM merged_tracks m WHERE tracks.track_id = m.track_id"
                .formatted(assignments));
        statement.execute(("INSERT INTO tracks SELECT %s FROM merged_tracks m WHERE NOT EXISTS (SELECT 1 FROM tracks t "
                + "WHERE t.track_id = m.track_id)").formatted(columnList));
        try (PreparedStatement record = statement.getConnection().prepareStatement(
                "INSERT OR IGNORE INTO lake_loads VALUES (?, current_timestamp::TIMESTAMP, NULL, NULL)")) {
            for (String key : files.keySet()) {
                record.setString(1, key);
                record.addBatch();
            }
            record.executeBatch();
        }
        return true;
    }

    /**
     * Copies tracks' features to their plays where they differ — every play on a rebuild, else the plays without
     * features (just loaded) and the plays of the tracks just loaded — so every reader of plays sees the features
     * the tracks table holds.
     *
     * @return plays changed
     */
    private long copyFeaturesToPlays(Statement statement, boolean all, boolean tracksLoaded) throws SQLException {
        String set = TrackMerge.FEATURES.stream().map(column -> "%1$s = t.%1$s".formatted(quote(column)))
                .collect(Collectors.joining(", "));
        String differs = TrackMerge.FEATURES.stream()
                .map(column -> "plays.%1$s IS DISTINCT FROM t.%1$s".formatted(quote(column)))
                .collect(Collectors.joining(" OR "));
        String which = all ? "TRUE" : "plays.danceability IS NULL"
                + (tracksLoaded ? " OR t.track_id IN (SELECT track_id FROM merged_tracks)" : "");
        return statement.executeUpdate(("UPDATE plays SET %s FROM tracks t WHERE plays.track_id = t.track_id AND "
                + "t.features_provider IS NOT NULL AND (%s) AND (%s)").formatted(set, which, differs));
    }

    private static void dropTracksStaging(Statement statement) throws SQLException {
        statement.execute("DROP TABLE IF EXISTS staged_tracks");
        statement.execute("DROP TABLE IF EXISTS merged_tracks");
    }

    /**
     * A {@code read_csv} of lake files with these columns and types, strictly (a file that differs fails), and the
     * file each row came from as {@code filename}.
     */
    private static String readCsv(Collection<Path> files, List<SchemaColumn> columns) {
        String columnTypes = columns.stream()
                .map(column -> "%s: '%s'".formatted(literal(column.name()), sqlType(column)))
                .collect(Collectors.joining(", ", "{", "}"));
        String paths = files.stream().map(path -> literal(path.toString()))
                .collect(Collectors.joining(", ", "[", "]"));
        return ("read_csv(%s, header = true, delim = ',', quote = '\"', escape = '\"', allow_quoted_nulls = false, "
                + "auto_detect = false, strict_mode = true, filename = true, columns = %s)")
                .formatted(paths, columnTypes);
    }

    /** What a load did to one table; {@code mirrored}: Spark's copy of plays gains a file once it commits. */
    private record TableLoad(LoadResult result, boolean mirrored) {
    }

    /**
     * Loads one table's objects, in the caller's transaction. {@code partialMirror}: where the plays it inserts go
     * for Spark (plays only; null for other tables).
     */
    private TableLoad loadTable(Connection db, Statement statement, LakeTable table, Map<String, Path> files,
            boolean replace, Path partialMirror) throws SQLException, IOException {
        String columns = columnList(table.columns());
        if (replace) {
            statement.execute("DELETE FROM " + table.name());
        }
        if (files.isEmpty()) {
            return new TableLoad(LoadResult.NOTHING, false);
        }
        long rows = stage(db, statement, table, files, !replace);
        if (replace) {
            long kept = statement.executeUpdate("INSERT INTO %s SELECT %s FROM merged".formatted(table.name(),
                    columns));
            statement.execute("CREATE OR REPLACE TEMP TABLE fresh AS SELECT * FROM merged");
            recordLoads(statement, "INSERT");
            dropStaging(statement);
            return new TableLoad(new LoadResult(rows, kept, rows - kept), false);
        }
        // stored_rows holds every stored row that shares a key with the load (stage took it in the one scan of the
        // table a load makes): a merged row is new when it is not there, so the table itself is not read again.
        statement.execute("CREATE OR REPLACE TEMP TABLE fresh AS SELECT * FROM merged m "
                + "WHERE NOT EXISTS (SELECT 1 FROM stored_rows s WHERE s.unique_id = m.unique_id)");
        long inserted = statement.executeUpdate("INSERT INTO %s SELECT %s FROM fresh".formatted(table.name(),
                columns));
        long merged = updateChanged(statement, table);
        recordLoads(statement, "INSERT OR IGNORE");
        boolean mirrored = false;
        if (partialMirror != null && merged > 0) {
            // Plays changed in place: Spark's copy is made again from the table before the next top ten.
            dropMirror();
        } else if (partialMirror != null && inserted > 0) {
            copyToParquet(statement, "SELECT %s FROM fresh".formatted(columns), partialMirror);
            mirrored = true;
        }
        dropStaging(statement);
        return new TableLoad(new LoadResult(rows, inserted, merged, rows - inserted - merged), mirrored);
    }

    /**
     * Stored rows that the load brought something new to (the same play from another source, see
     * {@link PlayMerge}) take their merged values.
     *
     * @return how many stored rows changed
     */
    private long updateChanged(Statement statement, LakeTable table) throws SQLException {
        List<SchemaColumn> columns = table.columns();
        String differs = columns.stream()
                .map(column -> "m.%1$s IS DISTINCT FROM p.%1$s".formatted(quote(column.name())))
                .collect(Collectors.joining(" OR "));
        // Compared with stored_rows, the stored rows as they were before this load: the rows it inserted are its
        // merged rows unchanged, so they never differ, and the table is not scanned for them.
        statement.execute(("CREATE OR REPLACE TEMP TABLE changed AS SELECT m.* FROM merged m JOIN stored_rows p "
                + "ON p.unique_id = m.unique_id WHERE %s").formatted(differs));
        if (count(statement, "SELECT count(*) FROM changed") == 0) {
            // Most loads change nothing stored: no UPDATE … FROM, which joins the table even to change nothing.
            return 0;
        }
        String assignments = columns.stream()
                .filter(column -> !column.name().equals("unique_id"))
                .map(column -> "%1$s = c.%1$s".formatted(quote(column.name())))
                .collect(Collectors.joining(", "));
        return statement.executeUpdate("UPDATE %1$s SET %2$s FROM changed c WHERE %1$s.unique_id = c.unique_id"
                .formatted(table.name(), assignments));
    }
    /**
     * After the commit: the plays are stored whatever happens here. A mirror file that can't be put in place only
     * means Spark's copy is made again from the table before the next top ten.
     */
    private void publishMirror(Path partial, Path target) {
        try {
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            deleteQuietly(partial);
            log.warn("Could not add the new plays to Spark's copy ({}); it is made again from the table before the "
                    + "next top ten", e.getMessage());
        }
    }

    /**
     * Reads one table's files into {@code staged} (with their lake keys) and makes one row of each key in {@code
     * merged} by {@link PlayMerge}'s rule — together with the stored rows they share a key with when {@code
     * withStored}. A merged row keeps the lake key of the row it took its time from (null when that is the stored
     * row).
     *
     * @return the rows in all the files
     */
    private long stage(Connection db, Statement statement, LakeTable table, Map<String, Path> files,
            boolean withStored) throws SQLException {
        List<SchemaColumn> columns = table.columns();
        statement.execute("CREATE OR REPLACE TEMP TABLE staged_files (filename VARCHAR, lake_key VARCHAR)");
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO staged_files VALUES (?, ?)")) {
            for (Map.Entry<String, Path> file : files.entrySet()) {
                insert.setString(1, file.getValue().toString());
                insert.setString(2, file.getKey());
                insert.addBatch();
            }
            insert.executeBatch();
        }
        statement.execute(("CREATE OR REPLACE TEMP TABLE staged AS SELECT s.*, f.lake_key FROM %s s "
                + "JOIN staged_files f USING (filename)").formatted(readCsv(files.values(), columns)));
        String columnList = columnList(columns);
        statement.execute(("CREATE OR REPLACE TEMP TABLE stored_rows AS SELECT %s, NULL::VARCHAR AS lake_key FROM %s "
                + "WHERE %s").formatted(columnList, table.name(),
                        withStored ? "unique_id IN (SELECT unique_id FROM staged)" : "FALSE"));
        // Most rows are the only one of their key: they are their own merged row. Only keys with several rows (in
        // the files, or also stored) go through the merge rule's ordered aggregates.
        statement.execute("CREATE OR REPLACE TEMP TABLE repeated AS SELECT unique_id FROM staged GROUP BY unique_id "
                + "HAVING count(*) > 1 UNION SELECT unique_id FROM stored_rows");
        statement.execute(("CREATE OR REPLACE TEMP TABLE merged AS "
                + "SELECT %1$s, lake_key FROM staged s WHERE NOT EXISTS (SELECT 1 FROM repeated r "
                + "WHERE r.unique_id = s.unique_id) "
                + "UNION ALL "
                + "SELECT %2$s, first(lake_key ORDER BY %3$s) AS lake_key FROM (SELECT *, %4$s FROM ("
                + "SELECT %1$s, lake_key FROM staged WHERE unique_id IN (SELECT unique_id FROM repeated) "
                + "UNION ALL BY NAME SELECT * FROM stored_rows)) GROUP BY unique_id")
                .formatted(columnList, PlayMerge.selectList(columns, (column, order) -> ("first(%s ORDER BY %s) "
                        + "FILTER (WHERE %s IS NOT NULL)").formatted(column, order, column), DuckDbWarehouse::quote),
                        PlayMerge.order(), PlayMerge.rowHelpers(table.exactColumn())));
        return count(statement, "SELECT count(*) FROM staged");
    }

    /** Records each staged object with its rows and the plays it brought ({@code fresh}). */
    private void recordLoads(Statement statement, String insert) throws SQLException {
        statement.execute(("%s INTO lake_loads SELECT f.lake_key, current_timestamp::TIMESTAMP, "
                + "(SELECT count(*) FROM staged s WHERE s.lake_key = f.lake_key), "
                + "(SELECT count(*) FROM fresh n WHERE n.lake_key = f.lake_key) FROM staged_files f").formatted(insert));
    }

    private static void dropStaging(Statement statement) throws SQLException {
        for (String table : List.of("staged", "stored_rows", "repeated", "merged", "fresh", "changed", "staged_files")) {
            statement.execute("DROP TABLE IF EXISTS " + table);
        }
    }

    private WarehouseException loadFailed(Collection<String> keys, Exception e) {
        String which = keys.size() == 1 ? keys.iterator().next() : keys.size() + " lake objects";
        return new WarehouseException(("Could not load %s into the warehouse: %s. Nothing of it was stored; fix or "
                + "remove the file in the lake, then restart the run.").formatted(which, firstLine(e)), e);
    }

    private Optional<Instant> stateTime(WarehouseEvent event) {
        try (Connection db = connection.duplicate();
                PreparedStatement query = db.prepareStatement("SELECT happened_at FROM warehouse_state WHERE name = ?")) {
            query.setString(1, event.stateName);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? Optional.of(row.getObject(1, LocalDateTime.class).toInstant(ZoneOffset.UTC))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("read when it last changed", e);
        }
    }

    private void setState(Connection db, WarehouseEvent event) throws SQLException {
        try (PreparedStatement update = db.prepareStatement("INSERT OR REPLACE INTO warehouse_state VALUES (?, ?)")) {
            update.setString(1, event.stateName);
            update.setObject(2, LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
            update.executeUpdate();
        }
    }

    private void createTables() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (LakeTable table : tables) {
                String columns = table.columns().stream()
                        .map(column -> quote(column.name()) + " " + sqlType(column)
                                + (column.required() ? " NOT NULL" : "")
                                + (column.name().equals("unique_id") ? " PRIMARY KEY" : ""))
                        .collect(Collectors.joining(", "));
                statement.execute("CREATE TABLE IF NOT EXISTS %s (%s)".formatted(table.name(), columns));
                addMissingColumns(statement, table);
            }
            String topTrackColumns = TopTrackColumns.COLUMNS.stream()
                    .map(column -> quote(column.name()) + " " + column.sqlType())
                    .collect(Collectors.joining(", "));
            statement.execute("CREATE TABLE IF NOT EXISTS top_tracks (" + topTrackColumns + ", computed_at TIMESTAMP)");
            statement.execute("CREATE TABLE IF NOT EXISTS lake_loads (lake_key VARCHAR PRIMARY KEY, "
                    + "loaded_at TIMESTAMP NOT NULL, object_rows BIGINT, inserted_rows BIGINT)");
            statement.execute("CREATE TABLE IF NOT EXISTS warehouse_state (name VARCHAR PRIMARY KEY, happened_at TIMESTAMP)");
        }
    }

    /** A column added to a schema file is added to an existing table; nothing stored is touched. */
    private void addMissingColumns(Statement statement, LakeTable table) throws SQLException {
        List<String> existing = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery(("SELECT column_name FROM information_schema.columns "
                + "WHERE table_name = %s ORDER BY ordinal_position").formatted(literal(table.name())))) {
            while (rows.next()) {
                existing.add(rows.getString(1));
            }
        }
        for (SchemaColumn column : table.columns()) {
            if (!existing.contains(column.name())) {
                if (column.required()) {
                    throw new WarehouseException(("%s has a new REQUIRED column '%s' that the rows already in %s of "
                            + "%s can't have. Add it as NULLABLE.").formatted(table.schemaFile(), column.name(),
                            table.name(), databaseFile));
                }
                statement.execute("ALTER TABLE %s ADD COLUMN %s %s".formatted(table.name(), quote(column.name()),
                        sqlType(column)));
                log.info("Added column {} from {} to the {} table", column.name(), table.schemaFile(), table.name());
            }
        }
    }

    private void requireSchemaHeader(Path csv, String lakeKey, LakeTable table) {
        try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
                CSVParser parser = CSVParser.builder().setReader(in).setFormat(CSVFormat.RFC4180).get()) {
            List<String> found = parser.stream().findFirst().map(CSVRecord::toList).orElse(List.of());
            List<String> expected = table.columnNames();
            if (!found.equals(expected)) {
                throw new WarehouseException(("%s does not have %s's columns: expected %s, found %s. "
                        + "Nothing of it was stored.").formatted(lakeKey, table.schemaFile(), expected, found));
            }
        } catch (IOException e) {
            // Gone since it was listed (the sample history removed while the warehouse caught up) or unreadable: a
            // failure of this object, which a catch-up skips, not of the whole load.
            throw new WarehouseException(("Could not read %s from the lake (%s). Nothing of it was stored; the next "
                    + "run or start tries it again if it is still there.").formatted(lakeKey, firstLine(e)), e);
        }
    }

    private Path localCopy(String lakeKey) {
        if ("file".equals(lake.uri(lakeKey).getScheme())) {
            return Path.of(lake.uri(lakeKey));
        }
        try (InputStream in = lake.open(lakeKey)) {
            Path copy = Files.createTempFile("insights-load-", ".csv");
            Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            return copy;
        } catch (IOException | LakeObjectNotFoundException e) {
            throw new WarehouseException(("Could not fetch %s from the lake (%s). Nothing of it was stored; the next "
                    + "run or start tries it again if it is still there.").formatted(lakeKey, firstLine(e)), e);
        }
    }

    private Play toPlay(ResultSet row, List<SchemaColumn> columns) throws SQLException {
        Map<String, String> values = new HashMap<>();
        for (SchemaColumn column : columns) {
            Object value = row.getObject(column.name());
            if (value instanceof LocalDateTime time) {
                value = PlayFields.formatTimestamp(time.toInstant(ZoneOffset.UTC));
            } else if (value instanceof java.sql.Timestamp time) {
                value = PlayFields.formatTimestamp(time.toLocalDateTime().toInstant(ZoneOffset.UTC));
            }
            values.put(column.name(), value == null ? null : value.toString());
        }
        return fields.fromText(values);
    }

    /** Empties Spark's copy of plays; it is made again from the table before the next top ten. */
    private void dropMirror() throws IOException {
        for (Path file : mirrorFiles()) {
            Files.delete(file);
        }
    }

    private List<Path> mirrorFiles() throws IOException {
        try (Stream<Path> files = Files.list(mirrorDir)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".parquet")).toList();
        }
    }

    private String mirrorGlob() {
        return mirrorDir + "/*.parquet";
    }

    private static void copyToParquet(Statement statement, String query, Path target) throws SQLException {
        statement.execute("COPY (%s) TO %s (FORMAT parquet)".formatted(query, literal(target.toString())));
    }

    private static long count(Statement statement, String sql) throws SQLException {
        try (ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }

    static String sqlType(SchemaColumn column) {
        return switch (column.type()) {
            case STRING -> "VARCHAR";
            case INTEGER -> "BIGINT";
            case FLOAT -> "DOUBLE";
            // Naive timestamps holding UTC: what Parquet, Spark and the JDBC driver hand over without zone rules.
            case TIMESTAMP -> "TIMESTAMP";
            case BOOLEAN -> "BOOLEAN";
        };
    }

    private static String columnList(List<SchemaColumn> columns) {
        return columns.stream().map(column -> quote(column.name())).collect(Collectors.joining(", "));
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    private WarehouseException failure(String what, Exception e) {
        return new WarehouseException("The warehouse %s could not %s: %s".formatted(databaseFile, what, firstLine(e)),
                e);
    }

    private static String firstLine(Exception e) {
        String message = String.valueOf(e.getMessage());
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Could not delete {}: {}", file, e.getMessage());
        }
    }
}
