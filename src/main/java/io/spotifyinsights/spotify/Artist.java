package io.spotifyinsights.spotify;

/** @param id null for the artist of a local file */
public record Artist(String id, String name) {
}
