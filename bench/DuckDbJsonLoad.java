import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * DuckDB's own bulk load of an extended streaming history, beside the importer's, for bench/import.sh:
 * {@code java -cp <runtime classpath> bench/DuckDbJsonLoad.java EXPORT_DIR SCRATCH_DB [WAREHOUSE_DB]}.
 *
 * <p>On a fresh database file (as the warehouse is one), with DuckDB's defaults (threads = cores):
 * <ol>
 * <li>"all records": {@code CREATE TABLE records AS SELECT * FROM read_json('EXPORT_DIR/*.json', format = 'array')}
 * — every record, every field, types auto-detected;</li>
 * <li>"plays only": a fresh table of the records that count as plays by the importer's rule (a track URI and name, no
 * episode or audiobook, not incognito, ms_played >= 30 000), the columns the importer keeps.</li>
 * </ol>
 * Each is timed once, cold (the files are in the page cache: the importer just read them). With WAREHOUSE_DB, also
 * counts the warehouse's plays, to check the importer kept the same plays. Prints {@code KEY=value} lines.
 */
public class DuckDbJsonLoad {

    public static void main(String[] args) throws Exception {
        Path export = Path.of(args[0]).toAbsolutePath();
        Path scratch = Path.of(args[1]).toAbsolutePath();
        Files.deleteIfExists(scratch);
        Files.deleteIfExists(Path.of(scratch + ".wal"));
        String glob = "'" + export.resolve("*.json").toString().replace("'", "''") + "'";
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:" + scratch);
                Statement statement = db.createStatement()) {
            long started = System.nanoTime();
            statement.execute("CREATE TABLE records AS SELECT * FROM read_json(%s, format = 'array')".formatted(glob));
            double all = (System.nanoTime() - started) / 1e9;
            long records = count(statement, "SELECT count(*) FROM records");
            System.out.printf("DUCKDB_ALL_S=%.3f%nDUCKDB_ALL_ROWS=%d%n", all, records);

            started = System.nanoTime();
            statement.execute(("CREATE TABLE plays AS SELECT ts::TIMESTAMP AS played_at, "
                    + "substr(spotify_track_uri, 15) AS track_id, master_metadata_track_name AS track_name, "
                    + "master_metadata_album_artist_name AS artist, master_metadata_album_album_name AS album, "
                    + "spotify_track_uri AS track_uri, ms_played "
                    + "FROM read_json(%s, format = 'array') WHERE spotify_track_uri IS NOT NULL "
                    + "AND master_metadata_track_name IS NOT NULL AND episode_name IS NULL "
                    + "AND spotify_episode_uri IS NULL AND audiobook_title IS NULL AND audiobook_chapter_uri IS NULL "
                    + "AND NOT coalesce(incognito_mode, false) AND ms_played >= 30000").formatted(glob));
            double plays = (System.nanoTime() - started) / 1e9;
            System.out.printf("DUCKDB_PLAYS_S=%.3f%nDUCKDB_PLAYS_ROWS=%d%n", plays,
                    count(statement, "SELECT count(*) FROM plays"));
        }
        Files.deleteIfExists(scratch);
        if (args.length > 2) {
            try (Connection db = DriverManager.getConnection("jdbc:duckdb:" + Path.of(args[2]).toAbsolutePath(),
                    readOnly());
                    Statement statement = db.createStatement()) {
                System.out.printf("WAREHOUSE_PLAYS=%d%n", count(statement, "SELECT count(*) FROM plays"));
            }
        }
    }

    static java.util.Properties readOnly() {
        java.util.Properties properties = new java.util.Properties();
        properties.setProperty("duckdb.read_only", "true");
        return properties;
    }

    static long count(Statement statement, String query) throws Exception {
        try (ResultSet rows = statement.executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
