package io.spotifyinsights.play;

/**
 * schema.json bound to the {@link Play} record: the columns of every file of plays the service writes and reads.
 */
public final class PlayFields extends SchemaFields<Play> {

    public PlayFields(TableSchema schema) {
        super(schema, Play.class);
    }

    /** schema.json as packaged with the service. */
    public static PlayFields packaged() {
        return new PlayFields(TableSchema.load(TableSchema.PLAYS));
    }
}
