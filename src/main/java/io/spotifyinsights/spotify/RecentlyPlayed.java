package io.spotifyinsights.spotify;

import java.util.List;

/**
 * The plays after a cursor, oldest first.
 *
 * @param possibleGap Spotify answered a full page of 50 whose oldest play is newer than the cursor: there may have
 *                    been more plays in between, which Spotify no longer lists
 */
public record RecentlyPlayed(List<PlayedTrack> plays, boolean possibleGap) {

    public RecentlyPlayed {
        plays = List.copyOf(plays);
    }
}
