package io.spotifyinsights.pipeline;

import java.util.List;

/** The job's name and its steps, in the order they run. */
public final class PipelineSteps {

    public static final String JOB = "spotifyPipelineJob";
    public static final String FETCH_RECENT_PLAYS = "fetchRecentPlays";
    public static final String LOAD_TO_WAREHOUSE = "loadToWarehouse";
    public static final String DELETE_LOCAL_CSV = "deleteLocalCsv";
    public static final String BACKFILL_FEATURES = "backfillFeatures";
    public static final String TOP_TRACKS = "topTracks";
    public static final List<String> IN_ORDER = List.of(FETCH_RECENT_PLAYS, LOAD_TO_WAREHOUSE, DELETE_LOCAL_CSV,
            BACKFILL_FEATURES, TOP_TRACKS);

    /** The exit code of {@link #FETCH_RECENT_PLAYS} when Spotify has nothing newer than the watermark. */
    public static final String NO_NEW_PLAYS = "NO_NEW_PLAYS";

    private PipelineSteps() {
    }
}
