package io.spotifyinsights.lake;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The lake's layout: one folder per day of fetching, one file per run. */
public final class LakeKeys {

    /** The folder of play files: every object under it is a CSV of plays with schema.json's columns. */
    public static final String PLAYS = "plays/";

    private LakeKeys() {
    }

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HHmmssSSS").withZone(ZoneOffset.UTC);

    /**
     * {@code plays/dt=YYYY-MM-DD/<name>-<HHmmssSSS>.csv}, the day and time of fetching in UTC. The time keeps keys
     * apart even if run ids start again (a run history lost or reset), since the lake never overwrites an object.
     */
    public static String plays(Instant fetchedAt, String name) {
        return "%sdt=%s/%s-%s.csv".formatted(PLAYS, DAY.format(fetchedAt), name, TIME.format(fetchedAt));
    }

    /** Whether a key names a file of plays: a CSV under {@link #PLAYS}. */
    public static boolean isPlays(String key) {
        return key.startsWith(PLAYS) && key.endsWith(".csv");
    }
}
