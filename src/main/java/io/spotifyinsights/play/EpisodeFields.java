package io.spotifyinsights.play;

/**
 * episodes.schema.json bound to the {@link Episode} record: the columns of every file of episodes the service writes
 * and reads.
 */
public final class EpisodeFields extends SchemaFields<Episode> {

    public EpisodeFields(TableSchema schema) {
        super(schema, Episode.class);
    }

    /** episodes.schema.json as packaged with the service. */
    public static EpisodeFields packaged() {
        return new EpisodeFields(TableSchema.load(TableSchema.EPISODES));
    }
}
