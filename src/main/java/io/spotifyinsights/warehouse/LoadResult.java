package io.spotifyinsights.warehouse;

/**
 * What one load did.
 *
 * @param rowsInObject      plays in the lake objects
 * @param inserted          plays new to the warehouse
 * @param merged            stored plays that took something new from the load (the same play from another source)
 * @param duplicatesIgnored rows that brought nothing new: already stored, or repeated within the objects
 */
public record LoadResult(long rowsInObject, long inserted, long merged, long duplicatesIgnored) {

    /** A load that merged nothing. */
    public LoadResult(long rowsInObject, long inserted, long duplicatesIgnored) {
        this(rowsInObject, inserted, 0, duplicatesIgnored);
    }

    public static final LoadResult NOTHING = new LoadResult(0, 0, 0, 0);
}
