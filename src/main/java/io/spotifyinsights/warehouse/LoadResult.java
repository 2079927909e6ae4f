package io.spotifyinsights.warehouse;

/**
 * What one load did.
 *
 * @param rowsInObject      plays in the lake object
 * @param inserted          plays new to the warehouse
 * @param duplicatesIgnored plays already stored (or repeated within the object), left as they were
 */
public record LoadResult(long rowsInObject, long inserted, long duplicatesIgnored) {
}
