package io.spotifyinsights.pipeline;

/**
 * What travels in a run's job execution context, so a restarted run resumes with the same file and counts and the
 * run history can show them.
 */
public final class RunContextKeys {

    public static final String LISTENER_ID = "listenerId";
    public static final String LOCAL_CSV = "localCsv";
    public static final String LAKE_KEY = "lakeKey";
    /** The lake keys the load step uploaded from staging, one per line: the run's own and earlier runs' leftovers. */
    public static final String UPLOADED_KEYS = "uploadedKeys";
    public static final String PLAYS_FETCHED = "playsFetched";
    public static final String PLAYS_LOADED = "playsLoaded";
    public static final String DUPLICATES_IGNORED = "duplicatesIgnored";
    public static final String GAP_DETECTED = "gapDetected";
    public static final String FEATURES_UNAVAILABLE = "featuresUnavailable";
    /** Who gave the run's audio features ({@code spotify}, {@code reccobeats}); absent when nobody did. */
    public static final String FEATURES_PROVIDER = "featuresProvider";
    /** Tracks the run's features backfill gave features to. */
    public static final String FEATURES_FILLED = "featuresFilled";
    /** After the run's backfill: distinct tracks of stored plays, those with features, those still to ask about. */
    public static final String TRACKS = "tracks";
    public static final String TRACKS_WITH_FEATURES = "tracksWithFeatures";
    public static final String TRACKS_TO_ASK = "tracksToAsk";
    public static final String TOP_TRACKS_WRITTEN = "topTracksWritten";

    private RunContextKeys() {
    }
}
