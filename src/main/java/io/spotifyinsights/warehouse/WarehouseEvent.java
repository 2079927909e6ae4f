package io.spotifyinsights.warehouse;

/** What the warehouse records the time of, in its {@code warehouse_state} table, by this name. */
enum WarehouseEvent {

    /** A load inserted plays, or a rebuild replaced them. */
    PLAYS_CHANGED("plays_changed"),
    /** {@code top_tracks} was replaced. */
    TOP_TRACKS_COMPUTED("top_tracks_computed");

    final String stateName;

    WarehouseEvent(String stateName) {
        this.stateName = stateName;
    }
}
