package io.spotifyinsights.spotify;

import java.time.Instant;

/**
 * One item of recently played.
 *
 * @param playedAt when the play ended, as Spotify reports it
 * @param context  null when Spotify gives none
 */
public record PlayedTrack(Instant playedAt, Track track, PlayContext context) {
}
