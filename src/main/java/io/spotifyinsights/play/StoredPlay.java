package io.spotifyinsights.play;

import java.time.Instant;

/**
 * What the matching of plays across sources needs to know of a play already stored: enough to tell whether an
 * incoming play is the same one, nothing more, so a listener's whole history fits in memory.
 *
 * @param uniqueId        its key in the warehouse
 * @param trackUri        null for plays known only from account data (no ids)
 * @param msPlayed        null unless a privacy export told how long it played
 * @param uploadTimestamp when it was first fetched or imported
 */
public record StoredPlay(String uniqueId, Instant playedAt, String trackId, String trackName, String artists,
        String trackUri, Long msPlayed, PlaySource source, Instant uploadTimestamp) {
}
