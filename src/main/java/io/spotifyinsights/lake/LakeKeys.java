package io.spotifyinsights.lake;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The lake's layout: a folder per table it feeds, in it one folder per day of fetching, one file per run or import
 * chunk.
 */
public final class LakeKeys {

    /** The folder of play files: every object under it is a CSV of plays with schema.json's columns. */
    public static final String PLAYS = "plays/";

    /** The folder of episode files: CSVs of podcast episodes and audiobook chapters, episodes.schema.json's columns. */
    public static final String EPISODES = "episodes/";

    /** The folder of track files: CSVs of what providers said about tracks, tracks.schema.json's columns. */
    public static final String TRACKS = "tracks/";

    private LakeKeys() {
    }

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HHmmssSSS").withZone(ZoneOffset.UTC);

    /**
     * {@code plays/dt=YYYY-MM-DD/<name>-<HHmmssSSS>.csv}, the day and time of fetching in UTC. The time keeps keys
     * apart even if run ids start again (a run history lost or reset), since the lake never overwrites an object.
     */
    public static String plays(Instant fetchedAt, String name) {
        return key(PLAYS, fetchedAt, name);
    }

    /** {@code episodes/dt=YYYY-MM-DD/<name>-<HHmmssSSS>.csv}, laid out as {@link #plays}. */
    public static String episodes(Instant fetchedAt, String name) {
        return key(EPISODES, fetchedAt, name);
    }

    /** {@code tracks/dt=YYYY-MM-DD/<name>-<HHmmssSSS>.csv}, laid out as {@link #plays}. */
    public static String tracks(Instant askedAt, String name) {
        return key(TRACKS, askedAt, name);
    }

    /** Whether a key names a file of plays: a CSV under {@link #PLAYS}. */
    public static boolean isPlays(String key) {
        return key.startsWith(PLAYS) && key.endsWith(".csv");
    }

    /** Whether a key names a file of episodes: a CSV under {@link #EPISODES}. */
    public static boolean isEpisodes(String key) {
        return key.startsWith(EPISODES) && key.endsWith(".csv");
    }

    /** Whether a key names a file of tracks: a CSV under {@link #TRACKS}. */
    public static boolean isTracks(String key) {
        return key.startsWith(TRACKS) && key.endsWith(".csv");
    }

    private static String key(String folder, Instant fetchedAt, String name) {
        return "%sdt=%s/%s-%s.csv".formatted(folder, DAY.format(fetchedAt), name, TIME.format(fetchedAt));
    }
}
