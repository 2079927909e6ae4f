package io.spotifyinsights.warehouse;

/**
 * What one load did. Counts are of plays; episodes (their own table, see {@link LakeTable}) are counted apart.
 *
 * @param rowsInObject      plays in the lake objects
 * @param inserted          plays new to the warehouse
 * @param merged            stored plays that took something new from the load (the same play from another source)
 * @param duplicatesIgnored rows that brought nothing new: already stored, or repeated within the objects
 * @param episodesInserted  podcast episodes and audiobook chapters new to the warehouse
 */
public record LoadResult(long rowsInObject, long inserted, long merged, long duplicatesIgnored,
        long episodesInserted) {

    public LoadResult(long rowsInObject, long inserted, long merged, long duplicatesIgnored) {
        this(rowsInObject, inserted, merged, duplicatesIgnored, 0);
    }

    /** A load that merged nothing. */
    public LoadResult(long rowsInObject, long inserted, long duplicatesIgnored) {
        this(rowsInObject, inserted, 0, duplicatesIgnored);
    }

    public static final LoadResult NOTHING = new LoadResult(0, 0, 0, 0);

    /** This load's plays with the episodes another brought. */
    LoadResult withEpisodes(long episodes) {
        return new LoadResult(rowsInObject, inserted, merged, duplicatesIgnored, episodesInserted + episodes);
    }

    /** Both loads together. */
    public LoadResult plus(LoadResult other) {
        return new LoadResult(rowsInObject + other.rowsInObject, inserted + other.inserted, merged + other.merged,
                duplicatesIgnored + other.duplicatesIgnored, episodesInserted + other.episodesInserted);
    }
}
