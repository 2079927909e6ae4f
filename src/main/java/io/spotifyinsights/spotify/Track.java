package io.spotifyinsights.spotify;

import java.util.List;

/**
 * A track as recently played lists it.
 *
 * @param id         null for a local file; {@link #uri()} identifies those
 * @param spotifyUrl null for a local file
 */
public record Track(String id, String uri, String name, List<Artist> artists, Album album, long durationMs,
        boolean local, String spotifyUrl) {

    public Track {
        artists = List.copyOf(artists);
    }
}
