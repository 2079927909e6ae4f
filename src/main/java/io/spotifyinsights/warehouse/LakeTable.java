package io.spotifyinsights.warehouse;

import java.util.List;

import io.spotifyinsights.lake.LakeKeys;
import io.spotifyinsights.play.EpisodeFields;
import io.spotifyinsights.play.PlayFields;
import io.spotifyinsights.play.SchemaColumn;
import io.spotifyinsights.play.TrackFields;

/**
 * A table the lake feeds: its name in the warehouse, the lake folder of its CSV objects, its columns from its schema
 * file, and the column whose presence tells an exact row from a minute-only one when rows of one key are merged
 * ({@link PlayMerge}).
 */
record LakeTable(String name, String lakeFolder, String schemaFile, List<SchemaColumn> columns, String exactColumn) {

    static LakeTable plays(PlayFields fields) {
        return new LakeTable("plays", LakeKeys.PLAYS, fields.schema().resource(), fields.schema().columns(),
                "track_uri");
    }

    /** Tracks are merged by {@link TrackMerge}'s rule, not {@link PlayMerge}'s: no exact column. */
    static LakeTable tracks(TrackFields fields) {
        return new LakeTable("tracks", LakeKeys.TRACKS, fields.schema().resource(), fields.schema().columns(), null);
    }

    static LakeTable episodes(EpisodeFields fields) {
        return new LakeTable("episodes", LakeKeys.EPISODES, fields.schema().resource(), fields.schema().columns(),
                "episode_uri");
    }

    /** Whether a lake key is one of this table's objects: a CSV in its folder. */
    boolean holds(String lakeKey) {
        return lakeKey.startsWith(lakeFolder) && lakeKey.endsWith(".csv");
    }

    List<String> columnNames() {
        return columns.stream().map(SchemaColumn::name).toList();
    }

    /** The table of a lake key, among these. */
    static LakeTable of(String lakeKey, List<LakeTable> tables) {
        for (LakeTable table : tables) {
            if (table.holds(lakeKey)) {
                return table;
            }
        }
        throw new WarehouseException(("%s is not a lake object the warehouse loads: plays are CSVs under %s, "
                + "episodes CSVs under %s, tracks CSVs under %s.").formatted(lakeKey, LakeKeys.PLAYS,
                LakeKeys.EPISODES, LakeKeys.TRACKS));
    }
}
