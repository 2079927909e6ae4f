package io.spotifyinsights.play;

/** tracks.schema.json bound to the {@link TrackInfo} record. */
public final class TrackFields extends SchemaFields<TrackInfo> {

    public TrackFields(TableSchema schema) {
        super(schema, TrackInfo.class);
    }

    /** tracks.schema.json as packaged with the service. */
    public static TrackFields packaged() {
        return new TrackFields(TableSchema.load(TableSchema.TRACKS));
    }
}
