package io.spotifyinsights.play;

import java.time.Instant;

/**
 * What an import needs to know of an episode already stored to tell a stream it brings again.
 *
 * @param exact whether an export knew its exact time and URI (extended history), not just the minute (account data)
 */
public record StoredEpisode(String uniqueId, boolean exact, Instant uploadTimestamp) {
}
